package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/halyard-telematics/trip-history/internal/store"
)

type TripDetailHandler struct {
	store *store.TripStore
}

func NewTripDetailHandler(s *store.TripStore) *TripDetailHandler { return &TripDetailHandler{store: s} }

// Get serves GET /v1/trips/{tripID} with a strong ETag; finished trips never change.
func (h *TripDetailHandler) Get(w http.ResponseWriter, r *http.Request) {
	trip, err := h.store.GetTrip(r.Context(), chi.URLParam(r, "tripID"))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if trip == nil {
		http.NotFound(w, r)
		return
	}
	body, _ := json.Marshal(trip)
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}
