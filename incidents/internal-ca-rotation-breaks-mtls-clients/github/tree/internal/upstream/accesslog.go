package upstream

import (
	"net/http"
	"time"

	"go.uber.org/zap"
)

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }

// AccessLog logs one line per HTTP request.
func AccessLog(log *zap.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, req)
		log.Info("http request",
			zap.String("method", req.Method),
			zap.String("path", req.URL.Path),
			zap.Int("status", rec.status),
			zap.Int64("duration_ms", time.Since(start).Milliseconds()))
	})
}
