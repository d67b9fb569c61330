package handlers

import (
	"sync"
	"time"
)

// IdempotencyStore remembers which Idempotency-Key values were seen recently so
// that a merchant retrying a refund does not refund twice.
type IdempotencyStore struct {
	mu   sync.Mutex
	ttl  time.Duration
	seen map[string]time.Time
}

// NewIdempotencyStore returns a store that forgets keys after ttl.
func NewIdempotencyStore(ttl time.Duration) *IdempotencyStore {
	return &IdempotencyStore{ttl: ttl, seen: make(map[string]time.Time)}
}

// FirstUse records key and reports whether it was not seen within the ttl.
func (s *IdempotencyStore) FirstUse(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, t := range s.seen {
		if now.Sub(t) > s.ttl {
			delete(s.seen, k)
		}
	}
	if t, ok := s.seen[key]; ok && now.Sub(t) <= s.ttl {
		return false
	}
	s.seen[key] = now
	return true
}
