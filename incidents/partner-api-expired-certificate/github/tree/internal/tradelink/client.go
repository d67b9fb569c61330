package tradelink

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/ridgeway-freight/customs-gateway/internal/config"
)

// Client talks to the TradeLink Brokerage customs filing API.
type Client struct {
	base    string
	apiKey  string
	http    *http.Client
	retries int
	backoff time.Duration
	log     *slog.Logger
}

type Declaration struct {
	ID         string  `json:"client_reference"`
	ShipmentID string  `json:"shipment_reference"`
	Importer   string  `json:"importer_eori"`
	HSCode     string  `json:"hs_code"`
	ValueEUR   float64 `json:"customs_value_eur"`
	Origin     string  `json:"country_of_origin"`
}

type Receipt struct {
	MRN    string `json:"mrn"`
	Status string `json:"status"`
}

// Status is TradeLink's view of a filed declaration.
type Status struct {
	MRN       string    `json:"mrn"`
	Status    string    `json:"status"` // accepted | under_control | released | rejected
	UpdatedAt time.Time `json:"updated_at"`
}

func New(cfg config.HTTPClient, apiKey string, log *slog.Logger) *Client {
	tr := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConns:        cfg.MaxIdleConns,
		MaxIdleConnsPerHost: cfg.MaxIdleConns,
		IdleConnTimeout:     cfg.IdleConnTimeout,
		TLSHandshakeTimeout: 10 * time.Second,
		TLSClientConfig:     &tls.Config{MinVersion: cfg.TLSVersion()},
		ForceAttemptHTTP2:   true,
	}
	return &Client{
		base:    cfg.BaseURL,
		apiKey:  apiKey,
		http:    &http.Client{Transport: tr, Timeout: cfg.Timeout},
		retries: cfg.Retries,
		backoff: cfg.RetryBackoff,
		log:     log.With("partner", "tradelink"),
	}
}

// Submit files one declaration and returns TradeLink's receipt (MRN).
func (c *Client) Submit(ctx context.Context, d Declaration) (Receipt, error) {
	var r Receipt
	body, err := json.Marshal(d)
	if err != nil {
		return r, err
	}
	resp, err := c.do(ctx, http.MethodPost, "/declarations", body, d.ID)
	if err != nil {
		return r, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return r, fmt.Errorf("tradelink: POST /declarations: unexpected status %d", resp.StatusCode)
	}
	return r, json.NewDecoder(resp.Body).Decode(&r)
}

// Status fetches the clearance status of a declaration by MRN.
func (c *Client) Status(ctx context.Context, mrn string) (Status, error) {
	var s Status
	resp, err := c.do(ctx, http.MethodGet, "/declarations/"+mrn+"/status", nil, mrn)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("tradelink: GET /declarations/%s/status: unexpected status %d", mrn, resp.StatusCode)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

func (c *Client) do(ctx context.Context, method, path string, body []byte, ref string) (*http.Response, error) {
	var lastErr error
	for attempt := 1; attempt <= c.retries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "ApiKey "+c.apiKey)
		req.Header.Set("Content-Type", "application/json")
		start := time.Now()
		resp, err := c.http.Do(req)
		if err == nil && resp.StatusCode < 500 {
			c.log.InfoContext(ctx, "tradelink call", "method", method, "path", path, "ref", ref,
				"status", resp.StatusCode, "duration_ms", time.Since(start).Milliseconds())
			return resp, nil
		}
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("tradelink: %s %s: status %d", method, path, resp.StatusCode)
		}
		lastErr = err
		c.log.ErrorContext(ctx, "tradelink call failed", "method", method, "path", path, "ref", ref,
			"attempt", attempt, "err", err)
		time.Sleep(c.backoff * time.Duration(attempt))
	}
	return nil, lastErr
}
