package ledger

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"go.uber.org/zap"
)

type Handler struct {
	Store *Store
	Log   *zap.Logger
}

type accrualRequest struct {
	EntryID string `json:"entry_id"`
	Points  int64  `json:"points"`
	Reason  string `json:"reason"`
	Source  string `json:"source"`
}

// POST /v1/members/{memberID}/entries
func (h *Handler) Accrue(w http.ResponseWriter, r *http.Request) {
	memberID := chi.URLParam(r, "memberID")
	var req accrualRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	now := time.Now().UTC()
	e := Entry{PK: "member#" + memberID, SK: now.Format(time.RFC3339Nano) + "#" + req.EntryID, ID: req.EntryID,
		MemberID: memberID, Points: req.Points, Reason: req.Reason, Source: req.Source, CreatedAt: now}
	if err := h.Store.Append(r.Context(), e); err != nil {
		http.Error(w, "ledger unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// GET /v1/members/{memberID}/balance
func (h *Handler) Balance(w http.ResponseWriter, r *http.Request) {
	total, err := h.Store.Balance(r.Context(), chi.URLParam(r, "memberID"))
	if err != nil {
		h.Log.Error("balance", zap.Error(err))
		http.Error(w, "ledger unavailable", http.StatusServiceUnavailable)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"points": total, "tier": TierFor(total)})
}

// TierFor maps a balance to the programme tier shown in the app.
func TierFor(points int64) string {
	switch {
	case points >= 50000:
		return "platinum"
	case points >= 15000:
		return "gold"
	case points >= 3000:
		return "silver"
	default:
		return "blue"
	}
}
