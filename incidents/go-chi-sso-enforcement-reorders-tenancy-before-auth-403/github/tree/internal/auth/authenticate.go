package auth

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/quillstack/workspace-api/internal/principal"
	"github.com/quillstack/workspace-api/internal/tenancy"
)

// Authenticate verifies the bearer access token and puts the caller's claims in the context.
func Authenticate(v *Verifier) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || raw == "" {
				http.Error(w, "missing bearer token", http.StatusUnauthorized)
				return
			}
			claims, err := v.Verify(r.Context(), raw)
			if err != nil {
				slog.InfoContext(r.Context(), "token rejected", "err", err)
				http.Error(w, "invalid token", http.StatusUnauthorized)
				return
			}
			if !requireSSO(r, claims) {
				http.Error(w, "workspace requires SSO", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r.WithContext(principal.With(r.Context(), claims)))
		})
	}
}

// requireSSO reports whether the session may access the request's workspace.
func requireSSO(r *http.Request, c principal.Claims) bool {
	ws, ok := tenancy.FromContext(r.Context())
	if !ok || !ws.RequireSSO {
		return true
	}
	return slices.Contains(c.AMR, "sso")
}
