package rates

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cobaltline-freight/quote-service/internal/quote"
)

// RequestIDHeader is forwarded to rates-engine so both sides log the same id.
const RequestIDHeader = "X-Request-ID"

// Client talks to rates-engine, which owns carrier tariffs per lane leg.
type Client struct {
	baseURL string
	http    *http.Client
}

func New(baseURL string, timeout time.Duration) *Client {
	return &Client{
		baseURL: strings.TrimRight(baseURL, "/"),
		http: &http.Client{
			Timeout: timeout,
			Transport: &http.Transport{
				MaxIdleConnsPerHost: 64,
				IdleConnTimeout:     90 * time.Second,
			},
		},
	}
}

type ratesRequest struct {
	Legs []quote.Leg `json:"legs"`
}

type ratesResponse struct {
	Tariffs []quote.Tariff `json:"tariffs"`
}

// Fetch returns one tariff per leg, in the order of legs.
func (c *Client) Fetch(ctx context.Context, legs []quote.Leg) ([]quote.Tariff, error) {
	body, err := json.Marshal(ratesRequest{Legs: legs})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/v2/rates", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if id, ok := ctx.Value(RequestIDHeader).(string); ok && id != "" {
		req.Header.Set(RequestIDHeader, id)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("rates-engine returned %d: %s", resp.StatusCode, bytes.TrimSpace(msg))
	}
	var out ratesResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("decode rates-engine response: %w", err)
	}
	if len(out.Tariffs) != len(legs) {
		return nil, fmt.Errorf("rates-engine returned %d tariffs for %d legs", len(out.Tariffs), len(legs))
	}
	return out.Tariffs, nil
}
