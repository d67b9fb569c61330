package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/northpeak-energy/meter-readings-api/internal/store"
)

type Handler struct {
	store *store.Store
	log   *slog.Logger
}

func New(s *store.Store, log *slog.Logger) *Handler { return &Handler{store: s, log: log} }

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/meters/{meterID}/readings/latest", h.latest)
	mux.HandleFunc("POST /v1/readings:batch", h.upload)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
}

func (h *Handler) latest(w http.ResponseWriter, r *http.Request) {
	meterID := r.PathValue("meterID")
	readings, err := h.store.GetLatestReadings(r.Context(), meterID, 96)
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "unknown meter", http.StatusNotFound)
		return
	}
	if err != nil {
		h.log.ErrorContext(r.Context(), "get latest readings", "meter_id", meterID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(readings)
}

func (h *Handler) upload(w http.ResponseWriter, r *http.Request) {
	var batch []store.Reading
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad batch", http.StatusBadRequest)
		return
	}
	n, err := h.store.InsertReadings(r.Context(), batch)
	if err != nil {
		h.log.ErrorContext(r.Context(), "store upload batch", "size", len(batch), "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	_ = json.NewEncoder(w).Encode(map[string]int{"stored": n})
}
