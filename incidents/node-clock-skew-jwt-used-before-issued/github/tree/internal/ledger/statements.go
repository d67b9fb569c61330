package ledger

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/orbitly-io/ledger-api/internal/auth"
)

// Statements lists the caller's account statements for a month (GET /v1/accounts/{id}/statements?month=2026-08).
func (h *Handler) Statements(w http.ResponseWriter, r *http.Request) {
	claims, _ := auth.FromContext(r.Context())
	month, err := time.Parse("2006-01", r.URL.Query().Get("month"))
	if err != nil {
		http.Error(w, "month must be YYYY-MM", http.StatusBadRequest)
		return
	}
	rows, err := h.store.Statements(r.Context(), claims.TenantID, r.PathValue("id"), month)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "private, max-age=60")
	_ = json.NewEncoder(w).Encode(map[string]any{"items": rows, "month": month.Format("2006-01")})
}
