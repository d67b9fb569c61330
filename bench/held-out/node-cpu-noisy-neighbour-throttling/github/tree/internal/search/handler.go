package search

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/peakline/search-gateway/internal/model"
	"github.com/peakline/search-gateway/internal/ranking"
	"github.com/peakline/search-gateway/internal/suppliers"
	"golang.org/x/sync/errgroup"
)

type Handler struct {
	log           *slog.Logger
	suppliers     []suppliers.Client
	weights       ranking.Weights
	deadline      time.Duration // 2s, the storefront gives up at 2.5s
	slowThreshold time.Duration // 1.2s
}

func (h *Handler) Search(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), h.deadline)
	defer cancel()
	q, err := ParseQuery(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	offers, err := h.fanout(ctx, q)
	if err != nil {
		h.log.Error("search failed", "err", fmt.Errorf("fanout: %w", err), "route", q.Route())
		http.Error(w, "search failed", http.StatusBadGateway)
		return
	}
	fanoutDur := time.Since(start)
	ranked := ranking.Rank(offers, h.weights)
	rankDur := time.Since(start) - fanoutDur
	if err := ctx.Err(); err != nil {
		h.log.Error("search failed", "err", fmt.Errorf("search: %w", err), "route", q.Route(), "offers", len(offers),
			"fanout_ms", fanoutDur.Milliseconds(), "rank_ms", rankDur.Milliseconds(), "status", http.StatusGatewayTimeout)
		http.Error(w, "search timed out", http.StatusGatewayTimeout)
		return
	}
	if d := time.Since(start); d > h.slowThreshold {
		h.log.Warn("slow request", "route", q.Route(), "offers", len(offers), "dur_ms", d.Milliseconds(),
			"fanout_ms", fanoutDur.Milliseconds(), "rank_ms", rankDur.Milliseconds())
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(Response{Offers: ranked})
}

// fanout queries every supplier. A supplier that fails or misses its own budget is
// skipped (partial results) unless all of them fail.
func (h *Handler) fanout(ctx context.Context, q Query) ([]model.Offer, error) {
	var g errgroup.Group
	results := make([][]model.Offer, len(h.suppliers))
	failed := make([]error, len(h.suppliers))
	for i, s := range h.suppliers {
		g.Go(func() error {
			sctx, cancel := context.WithTimeout(ctx, s.Budget())
			defer cancel()
			offers, err := s.Search(sctx, q.SupplierQuery())
			if err != nil {
				failed[i] = fmt.Errorf("%s: %w", s.Name(), err)
				return nil
			}
			results[i] = offers
			return nil
		})
	}
	_ = g.Wait()
	if n := countNonNil(failed); n == len(h.suppliers) {
		return nil, fmt.Errorf("all %d suppliers failed: %w", n, failed[0])
	} else if n > 0 {
		h.log.Warn("partial results", "route", q.Route(), "failed_suppliers", n)
	}
	var all []model.Offer
	for _, r := range results {
		all = append(all, r...)
	}
	return all, nil
}

func countNonNil(errs []error) int {
	n := 0
	for _, e := range errs {
		if e != nil {
			n++
		}
	}
	return n
}
