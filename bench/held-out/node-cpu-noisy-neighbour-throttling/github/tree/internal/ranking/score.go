package ranking

import (
	"math"
	"sort"

	"github.com/peakline/search-gateway/internal/model"
)

// Weights of the composite score. Tuned by the revenue team, see docs/ranking.md.
type Weights struct {
	Price     float64
	Duration  float64
	Stops     float64
	Preferred float64
	FareClass map[string]float64 // keyed by upper-case fare family: BASIC, STANDARD, FLEX, BUSINESS
}

type scoredOffer struct {
	offer model.Offer
	score float64
}

// Rank sorts offers by composite score, best first. Hot path: every search ranks
// ~800 offers (p50) and up to ~6000 for multi-city.
func Rank(offers []model.Offer, w Weights) []model.Offer {
	if len(offers) == 0 {
		return offers
	}
	minPrice, maxPrice := priceRange(offers)
	scored := make([]scoredOffer, len(offers))
	for i, o := range offers {
		scored[i] = scoredOffer{offer: o, score: score(o, w, minPrice, maxPrice)}
	}
	sort.SliceStable(scored, func(a, b int) bool { return scored[a].score > scored[b].score })
	out := make([]model.Offer, len(scored))
	for i, s := range scored {
		out[i] = s.offer
	}
	return out
}

func score(o model.Offer, w Weights, minPrice, maxPrice float64) float64 {
	p := 1.0
	if maxPrice > minPrice {
		p = 1 - (o.Price-minPrice)/(maxPrice-minPrice)
	}
	d := 1 / (1 + o.Duration.Hours()/6)
	st := math.Pow(0.7, float64(o.Stops))
	pref := 0.0
	if o.PreferredCarrier {
		pref = w.Preferred
	}
	// FareFamily is upper-cased once by the supplier adapters (model.NormalizeOffer), so the
	// per-offer strings.ToUpper allocation is gone from this loop.
	return w.Price*p + w.Duration*d + w.Stops*st + w.FareClass[o.FareFamily] + pref
}

func priceRange(offers []model.Offer) (float64, float64) {
	lo, hi := offers[0].Price, offers[0].Price
	for _, o := range offers[1:] {
		lo = math.Min(lo, o.Price)
		hi = math.Max(hi, o.Price)
	}
	return lo, hi
}
