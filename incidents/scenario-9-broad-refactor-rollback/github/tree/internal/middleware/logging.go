// Package middleware holds the HTTP middleware shared by every endpoint.
package middleware

import (
	"context"
	"net/http"
	"time"

	"go.uber.org/zap"
)

type ctxKey int

const (
	loggerKey ctxKey = iota
	requestIDKey
)

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Logging logs one line per request and puts a request-scoped logger in the context.
func Logging(log *zap.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rl := log.With(zap.String("request_id", RequestIDFrom(r.Context())))
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), loggerKey, rl)))
			rl.Info("request",
				zap.String("method", r.Method), zap.String("path", r.URL.Path),
				zap.Int("status", rec.status), zap.Int("bytes", rec.bytes),
				zap.String("remote", r.RemoteAddr),
				zap.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000))
		})
	}
}

// Logger returns the request-scoped logger, or a no-op logger outside a request.
func Logger(ctx context.Context) *zap.Logger {
	if l, ok := ctx.Value(loggerKey).(*zap.Logger); ok {
		return l
	}
	return zap.NewNop()
}
