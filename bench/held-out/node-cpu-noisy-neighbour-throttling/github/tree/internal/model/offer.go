package model

import (
	"strings"
	"time"
)

type Offer struct {
	ID               string
	Supplier         string
	Price            float64
	Currency         string
	Duration         time.Duration
	Stops            int
	FareFamily       string
	PreferredCarrier bool
}

// NormalizeOffer is called by every supplier adapter before offers leave the adapter.
func NormalizeOffer(o *Offer) {
	o.FareFamily = strings.ToUpper(o.FareFamily)
}
