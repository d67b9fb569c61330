package tenancy

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/quillstack/workspace-api/internal/principal"
)

type ctxKey struct{}

// FromContext returns the workspace resolved for this request, if any.
func FromContext(ctx context.Context) (*Workspace, bool) {
	ws, ok := ctx.Value(ctxKey{}).(*Workspace)
	return ws, ok
}

// Resolve loads the workspace named by {workspaceID} and checks that the caller is a member.
// Requests without a workspace in the path pass through untouched.
func Resolve(store Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			wsID := chi.URLParam(r, "workspaceID")
			if wsID == "" {
				next.ServeHTTP(w, r)
				return
			}
			ws, err := store.Get(r.Context(), wsID)
			if errors.Is(err, ErrNotFound) {
				http.Error(w, "workspace not found", http.StatusNotFound)
				return
			}
			if err != nil {
				slog.ErrorContext(r.Context(), "workspace lookup failed", "workspace", wsID, "err", err)
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
			caller := principal.From(r.Context())
			if !ws.HasMember(caller.UserID) {
				slog.WarnContext(r.Context(), "workspace access denied", "workspace", ws.ID, "user_id", caller.UserID, "reason", "not_member", "route", chi.RouteContext(r.Context()).RoutePattern())
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, ws)))
		})
	}
}
