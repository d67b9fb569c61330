package api

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/rs/zerolog/log"

	"github.com/halyard-telematics/trip-history/internal/store"
)

type TripsHandler struct {
	store *store.TripStore
}

func NewTripsHandler(s *store.TripStore) *TripsHandler { return &TripsHandler{store: s} }

type tripPage struct {
	Trips  []store.Trip `json:"trips"`
	Total  int          `json:"total"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
}

// List serves GET /v1/vehicles/{vehicleID}/trips?limit=&offset=
func (h *TripsHandler) List(w http.ResponseWriter, r *http.Request) {
	vehicleID := chi.URLParam(r, "vehicleID")
	limit := intParam(r, "limit", 50, 1, 200)
	offset := intParam(r, "offset", 0, 0, 1_000_000)

	trips, err := h.store.ListTripsByVehicle(r.Context(), vehicleID)
	if err != nil {
		log.Ctx(r.Context()).Error().Err(err).Str("vehicle_id", vehicleID).Msg("list trips failed")
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	total := len(trips)
	from, to := min(offset, total), min(offset+limit, total)
	writeJSON(w, http.StatusOK, tripPage{Trips: trips[from:to], Total: total, Limit: limit, Offset: offset})
}

func intParam(r *http.Request, name string, def, lo, hi int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return max(lo, min(hi, v))
}
