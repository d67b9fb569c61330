package aggregate

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/marrowgate/rate-aggregator/internal/suppliers"
)

// Aggregator fans a quote query out to every configured supplier and merges
// the rates they return.
type Aggregator struct {
	suppliers []suppliers.Supplier
	preferred string
	budget    time.Duration
	log       *slog.Logger
}

func New(ss []suppliers.Supplier, preferred string, budget time.Duration, log *slog.Logger) *Aggregator {
	return &Aggregator{suppliers: ss, preferred: preferred, budget: budget, log: log}
}

type supplierResult struct {
	supplier string
	rates    []suppliers.Rate
	err      error
}

// Quote asks every supplier in parallel. As soon as the preferred supplier has
// answered successfully the merged result is returned and the remaining
// supplier calls are cancelled; otherwise it waits for all of them, or for the
// budget to expire.
func (a *Aggregator) Quote(ctx context.Context, q suppliers.Query) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, a.budget)
	defer cancel()

	results := make(chan supplierResult)
	for _, s := range a.suppliers {
		go func(s suppliers.Supplier) {
			rates, err := s.Rates(ctx, q)
			results <- supplierResult{supplier: s.Name(), rates: rates, err: err}
		}(s)
	}

	var res Result
	for range a.suppliers {
		select {
		case r := <-results:
			res.add(r, a.log)
			if r.supplier == a.preferred && r.err == nil {
				// The preferred supplier wins price ties anyway: do not wait for the slow ones.
				res.Partial = len(res.Sources) < len(a.suppliers)
				return res, nil
			}
		case <-ctx.Done():
			res.Partial = true
			return res, nil
		}
	}
	if len(res.Rates) == 0 && len(res.Errors) > 0 {
		return res, errors.Join(res.Errors...)
	}
	return res, nil
}
