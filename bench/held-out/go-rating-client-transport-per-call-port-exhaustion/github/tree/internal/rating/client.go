package rating

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/brightwell/quote-aggregator/internal/partners"
)

// Client talks to rating-gateway, which fans out to the insurer rating engines.
type Client struct {
	baseURL  string
	apiKey   string
	registry *partners.Registry
}

const defaultTimeout = 4 * time.Second

func NewClient(baseURL, apiKey string, reg *partners.Registry) *Client {
	return &Client{
		baseURL:  baseURL,
		apiKey:   apiKey,
		registry: reg,
	}
}

// clientFor returns an HTTP client honouring the partner's own timeout
// (partners.yaml `timeout`), falling back to defaultTimeout.
func (c *Client) clientFor(partner string) *http.Client {
	timeout := defaultTimeout
	if p, ok := c.registry.Get(partner); ok && p.Timeout > 0 {
		timeout = p.Timeout
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   2 * time.Second,
				KeepAlive: 30 * time.Second,
			}).DialContext,
			MaxIdleConns:        512,
			MaxIdleConnsPerHost: 256,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: 3 * time.Second,
		},
	}
}

type QuoteRequest struct {
	Partner   string          `json:"partner"`
	Product   string          `json:"product"`
	RiskData  json.RawMessage `json:"risk"`
	RequestID string          `json:"request_id"`
}

type QuoteResponse struct {
	Partner     string  `json:"partner"`
	PremiumPence int64  `json:"premium_pence"`
	Excess      int64   `json:"excess_pence"`
	Declined    bool    `json:"declined"`
	Reason      string  `json:"reason,omitempty"`
}

func (c *Client) Quote(ctx context.Context, q QuoteRequest) (*QuoteResponse, error) {
	body, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		fmt.Sprintf("%s/v2/rate/%s", c.baseURL, q.Partner), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Api-Key", c.apiKey)
	req.Header.Set("X-Request-Id", q.RequestID)

	resp, err := c.clientFor(q.Partner).Do(req)
	if err != nil {
		return nil, fmt.Errorf("rate %s: %w", q.Partner, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return nil, &StatusError{Partner: q.Partner, Code: resp.StatusCode}
	}
	var out QuoteResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("rate %s: decode: %w", q.Partner, err)
	}
	return &out, nil
}

type StatusError struct {
	Partner string
	Code    int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("rate %s: unexpected status %d", e.Partner, e.Code)
}
