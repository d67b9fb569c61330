package quote

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/brightwell/quote-aggregator/internal/rating"
)

type Handler struct {
	log      *zap.Logger
	rating   *rating.Client
	partners []string
}

func NewHandler(log *zap.Logger, rc *rating.Client, partners []string) *Handler {
	return &Handler{log: log, rating: rc, partners: partners}
}

type quoteIn struct {
	Product string          `json:"product"`
	Risk    json.RawMessage `json:"risk"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var in quoteIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	reqID := r.Header.Get("X-Request-Id")
	ctx, cancel := context.WithTimeout(r.Context(), 6*time.Second)
	defer cancel()

	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results []*rating.QuoteResponse
		failed  int
	)
	for _, p := range h.partners {
		wg.Add(1)
		go func(partner string) {
			defer wg.Done()
			started := time.Now()
			res, err := h.rating.Quote(ctx, rating.QuoteRequest{
				Partner: partner, Product: in.Product, RiskData: in.Risk, RequestID: reqID,
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
				h.log.Warn("rating upstream call failed",
					zap.String("request_id", reqID),
					zap.String("partner", partner),
					zap.Int64("elapsed_ms", time.Since(started).Milliseconds()),
					zap.Error(err))
				return
			}
			results = append(results, res)
		}(p)
	}
	wg.Wait()

	if len(results) == 0 {
		h.log.Error("no partner returned a quote", zap.String("request_id", reqID), zap.Int("failed", failed))
		http.Error(w, "no quotes available", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"quotes": results, "partial": failed > 0})
}
