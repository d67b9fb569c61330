package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/rs/zerolog/log"
)

// Timeout answers 503 when a request takes longer than d; the handler's context is cancelled.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.TimeoutHandler(next, d, `{"error":"request timeout"}`)
	}
}

func AccessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		start := time.Now()
		next.ServeHTTP(ww, r)
		ev := log.Info()
		if ww.Status() >= 500 {
			ev = log.Error()
		}
		ev.Str("method", r.Method).Str("path", r.URL.Path).Str("query", r.URL.RawQuery).Int("status", ww.Status()).
			Int("bytes", ww.BytesWritten()).Dur("duration", time.Since(start)).Msg("http request")
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
