package tradelink

import "github.com/prometheus/client_golang/prometheus"

var callDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
	Name:    "tradelink_call_duration_seconds",
	Help:    "Duration of calls to the TradeLink API.",
	// TradeLink answers in 200-800ms normally; DefBuckets had nothing between 0.5s and 1s.
	Buckets: []float64{0.05, 0.1, 0.25, 0.4, 0.6, 0.8, 1, 1.5, 2.5, 5, 10, 15},
}, []string{"method", "path", "outcome"})

func init() { prometheus.MustRegister(callDuration) }
