// Package retry re-issues idempotent upstream calls that failed transiently,
// with jittered exponential backoff and a timeout per attempt.
package retry

import (
	"context"
	"errors"
	"math/rand"
	"net"
	"net/http"
	"time"

	"go.uber.org/zap"
)

// Policy says how many times, how far apart and for how long a call is attempted.
type Policy struct {
	MaxAttempts       int
	BaseDelay         time.Duration
	MaxDelay          time.Duration
	PerAttemptTimeout time.Duration
	Logger            *zap.Logger
}

type result struct {
	resp     *http.Response
	err      error
	attempts int
}

// Do calls fn until it succeeds, fails for good, or the attempts run out.
// The attempts run in their own goroutine so that Do returns as soon as ctx
// ends, even while an attempt is still waiting for the upstream.
func (p *Policy) Do(ctx context.Context, fn func(context.Context) (*http.Response, error)) (*http.Response, error) {
	done := make(chan result, 1)
	go func() {
		var last result
		for attempt := 1; attempt <= p.MaxAttempts; attempt++ {
			actx, cancel := context.WithTimeout(ctx, p.PerAttemptTimeout)
			resp, err := fn(actx)
			cancel()
			last = result{resp: resp, err: err, attempts: attempt}
			if !shouldRetry(resp, err) || attempt == p.MaxAttempts {
				break
			}
			p.Logger.Warn("retrying upstream call",
				zap.Int("attempt", attempt), zap.Int("status", resp.StatusCode), zap.Error(err))
			resp.Body.Close()
			select {
			case <-ctx.Done():
				done <- result{err: ctx.Err(), attempts: attempt}
				return
			case <-time.After(p.backoff(attempt)):
			}
		}
		done <- last
	}()

	select {
	case r := <-done:
		return r.resp, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// backoff is the delay after the given attempt: exponential from BaseDelay,
// capped at MaxDelay, with the upper half jittered.
func (p *Policy) backoff(attempt int) time.Duration {
	d := p.BaseDelay << (attempt - 1)
	if d > p.MaxDelay {
		d = p.MaxDelay
	}
	return d/2 + time.Duration(rand.Int63n(int64(d/2)+1))
}

// shouldRetry reports whether an attempt is worth repeating: 429 and 5xx
// answers and network timeouts are, anything else is final.
func shouldRetry(resp *http.Response, err error) bool {
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return true
	}
	var nerr net.Error
	return errors.As(err, &nerr) && nerr.Timeout()
}
