package retry

import (
	"context"
	"net/http"
	"testing"
	"time"

	"go.uber.org/zap"
)

func testPolicy() *Policy {
	return &Policy{
		MaxAttempts:       3,
		BaseDelay:         time.Millisecond,
		MaxDelay:          5 * time.Millisecond,
		PerAttemptTimeout: time.Second,
		Logger:            zap.NewNop(),
	}
}

func TestDoRetriesServerErrors(t *testing.T) {
	calls := 0
	resp, err := testPolicy().Do(context.Background(), func(context.Context) (*http.Response, error) {
		calls++
		if calls < 3 {
			return &http.Response{StatusCode: http.StatusServiceUnavailable, Body: http.NoBody}, nil
		}
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody}, nil
	})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.StatusCode != http.StatusOK || calls != 3 {
		t.Fatalf("got status %d after %d calls, want 200 after 3", resp.StatusCode, calls)
	}
}

func TestDoStopsOnClientError(t *testing.T) {
	calls := 0
	resp, _ := testPolicy().Do(context.Background(), func(context.Context) (*http.Response, error) {
		calls++
		return &http.Response{StatusCode: http.StatusPaymentRequired, Body: http.NoBody}, nil
	})
	if resp.StatusCode != http.StatusPaymentRequired || calls != 1 {
		t.Fatalf("got status %d after %d calls, want 402 after 1", resp.StatusCode, calls)
	}
}

func TestDoReturnsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := testPolicy().Do(ctx, func(actx context.Context) (*http.Response, error) {
		<-actx.Done()
		return &http.Response{StatusCode: http.StatusGatewayTimeout, Body: http.NoBody}, nil
	})
	if err == nil {
		t.Fatal("Do returned no error after the context ended")
	}
	if time.Since(start) > 500*time.Millisecond {
		t.Fatalf("Do took %v to notice the context", time.Since(start))
	}
}

func TestBackoffIsCapped(t *testing.T) {
	p := testPolicy()
	for attempt := 1; attempt <= 10; attempt++ {
		if d := p.backoff(attempt); d > p.MaxDelay {
			t.Fatalf("backoff(%d) = %v, above MaxDelay %v", attempt, d, p.MaxDelay)
		}
	}
}
