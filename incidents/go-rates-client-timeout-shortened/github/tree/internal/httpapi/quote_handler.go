package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/cobaltline-freight/quote-service/internal/quote"
	"github.com/cobaltline-freight/quote-service/internal/rates"
)

type QuoteHandler struct {
	log   *slog.Logger
	rates *rates.Client
	calc  *quote.Calculator
}

func NewQuoteHandler(log *slog.Logger, rc *rates.Client, calc *quote.Calculator) *QuoteHandler {
	return &QuoteHandler{log: log, rates: rc, calc: calc}
}

func (h *QuoteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	reqID := RequestIDFrom(ctx)

	var req quote.Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid quote request")
		return
	}
	if err := req.Validate(); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	SetLegs(ctx, len(req.Legs))
	quoteLegs.Observe(float64(len(req.Legs)))

	start := time.Now()
	tariffs, err := h.rates.Fetch(ctx, req.Legs)
	if err != nil {
		h.log.ErrorContext(ctx, "rates lookup failed", "err", err, "request_id", reqID, "lane", req.Lane(), "legs", len(req.Legs), "elapsed", time.Since(start))
		writeError(w, http.StatusBadGateway, "rates unavailable")
		return
	}

	q, err := h.calc.Price(req, tariffs)
	if err != nil {
		if errors.Is(err, quote.ErrNoTariff) {
			writeError(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		h.log.Error("pricing failed", "err", err, "request_id", reqID)
		writeError(w, http.StatusInternalServerError, "pricing failed")
		return
	}
	writeJSON(w, http.StatusOK, q)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
