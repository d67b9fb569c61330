package middleware

import (
	"net/http"
	"runtime/debug"

	"go.uber.org/zap"
)

// Recover turns a panic in a handler into a 500 and one log line with the
// stack, instead of letting net/http drop the connection.
func Recover(log *zap.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.Error("panic in handler",
						zap.Any("panic", v),
						zap.String("request_id", RequestIDFrom(r.Context())),
						zap.ByteString("stack", debug.Stack()))
					http.Error(w, `{"code":"internal","message":"internal error"}`, http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
