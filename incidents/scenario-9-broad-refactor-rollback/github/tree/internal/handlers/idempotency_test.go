package handlers

import (
	"testing"
	"time"
)

func TestFirstUse(t *testing.T) {
	s := NewIdempotencyStore(time.Minute)
	now := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	if !s.FirstUse("k1", now) {
		t.Fatal("first use of k1 reported as repeat")
	}
	if s.FirstUse("k1", now.Add(30*time.Second)) {
		t.Fatal("second use of k1 within ttl reported as first")
	}
	if !s.FirstUse("k1", now.Add(2*time.Minute)) {
		t.Fatal("use of k1 after ttl reported as repeat")
	}
}
