package httpapi

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var quoteLegs = promauto.NewHistogram(prometheus.HistogramOpts{
	Name:    "quote_request_legs",
	Help:    "Number of legs per quote request.",
	Buckets: []float64{1, 2, 3, 4, 5, 6},
})
