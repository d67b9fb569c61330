package quote

import (
	"errors"
	"fmt"
	"strings"
)

var ErrNoTariff = errors.New("no tariff for leg")

type Leg struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Mode      string `json:"mode"`
	Container string `json:"container"`
}

type Request struct {
	Customer string `json:"customer"`
	Legs     []Leg  `json:"legs"`
}

func (r Request) Validate() error {
	if len(r.Legs) == 0 {
		return errors.New("at least one leg is required")
	}
	if len(r.Legs) > 6 {
		return fmt.Errorf("at most 6 legs, got %d", len(r.Legs))
	}
	return nil
}

// Lane is origin-destination of the whole route, e.g. CNSHA-NLRTM.
func (r Request) Lane() string {
	return strings.ToUpper(r.Legs[0].From + "-" + r.Legs[len(r.Legs)-1].To)
}

type Tariff struct {
	Carrier  string  `json:"carrier"`
	Base     float64 `json:"base"`
	Currency string  `json:"currency"`
	Valid    bool    `json:"valid"`
}

type Quote struct {
	Lane     string  `json:"lane"`
	Total    float64 `json:"total"`
	Currency string  `json:"currency"`
	Legs     int     `json:"legs"`
}

type Calculator struct{ bafTable string }

func NewCalculator(bafTable string) *Calculator { return &Calculator{bafTable: bafTable} }

func (c *Calculator) Price(req Request, tariffs []Tariff) (*Quote, error) {
	total := 0.0
	for i, t := range tariffs {
		if !t.Valid {
			return nil, fmt.Errorf("%w %d (%s-%s)", ErrNoTariff, i, req.Legs[i].From, req.Legs[i].To)
		}
		total += t.Base * 1.12
	}
	return &Quote{Lane: req.Lane(), Total: total, Currency: "USD", Legs: len(req.Legs)}, nil
}
