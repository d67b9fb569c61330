package aggregate

import (
	"log/slog"
	"sort"

	"github.com/marrowgate/rate-aggregator/internal/suppliers"
)

// Result is the merged answer for one quote query.
type Result struct {
	Rates   []suppliers.Rate
	Sources []string
	Errors  []error
	Partial bool
}

func (r *Result) add(sr supplierResult, log *slog.Logger) {
	if sr.err != nil {
		log.Warn("supplier error", "supplier", sr.supplier, "err", sr.err)
		r.Errors = append(r.Errors, sr.err)
		return
	}
	r.Sources = append(r.Sources, sr.supplier)
	r.Rates = append(r.Rates, sr.rates...)
	sort.SliceStable(r.Rates, func(i, j int) bool { return r.Rates[i].Total < r.Rates[j].Total })
}
