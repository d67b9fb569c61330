package suppliers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Query is one availability request: a hotel, a stay and an occupancy.
type Query struct {
	HotelID  string
	CheckIn  time.Time
	CheckOut time.Time
	Adults   int
	Children []int
}

// Rate is one bookable rate plan for the query.
type Rate struct {
	Supplier   string  `json:"supplier"`
	RatePlanID string  `json:"rate_plan_id"`
	RoomType   string  `json:"room_type"`
	Board      string  `json:"board"`
	Refundable bool    `json:"refundable"`
	Total      float64 `json:"total"`
	Currency   string  `json:"currency"`
}

type Supplier interface {
	Name() string
	Rates(ctx context.Context, q Query) ([]Rate, error)
}

// HTTPSupplier talks to a supplier adapter speaking the common availability API.
type HTTPSupplier struct {
	name    string
	baseURL string
	apiKey  string
	client  *http.Client
}

func NewHTTPSupplier(name, baseURL, apiKey string, client *http.Client) *HTTPSupplier {
	return &HTTPSupplier{name: name, baseURL: baseURL, apiKey: apiKey, client: client}
}

func (s *HTTPSupplier) Name() string { return s.name }

func (s *HTTPSupplier) Rates(ctx context.Context, q Query) ([]Rate, error) {
	url := fmt.Sprintf("%s/v2/availability?hotel=%s&in=%s&out=%s&adults=%d",
		s.baseURL, q.HotelID, q.CheckIn.Format("2006-01-02"), q.CheckOut.Format("2006-01-02"), q.Adults)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Api-Key", s.apiKey)
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("supplier %s: %w", s.name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("supplier %s: unexpected status %d from %s", s.name, resp.StatusCode, s.baseURL)
	}
	var body struct {
		Rates []Rate `json:"rates"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("decode %s: %w", s.name, err)
	}
	return body.Rates, nil
}
