// Package acquirer talks to the acquirer gateway over HTTPS.
package acquirer

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Client sends authorization and refund requests to the acquirer gateway.
type Client struct {
	baseURL string
	http    *http.Client
}

// NewClient returns a client for the acquirer gateway at baseURL.
func NewClient(baseURL string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: timeout}}
}

// Authorization is one card authorization request.
type Authorization struct {
	Reference string `json:"reference"`
	Merchant  string `json:"merchant"`
	Amount    int64  `json:"amount"`
	Currency  string `json:"currency"`
	Token     string `json:"token"`
}

// RefundRequest is one refund request.
type RefundRequest struct {
	Reference string `json:"reference"`
	ChargeID  string `json:"charge_id"`
	Amount    int64  `json:"amount"`
}

// Authorize asks the acquirer to authorize a payment. The caller closes the body.
func (c *Client) Authorize(ctx context.Context, a Authorization) (*http.Response, error) {
	return c.post(ctx, "/v2/authorizations", a)
}

// Refund asks the acquirer to refund a captured charge. The caller closes the body.
func (c *Client) Refund(ctx context.Context, r RefundRequest) (*http.Response, error) {
	return c.post(ctx, "/v2/refunds", r)
}

func (c *Client) post(ctx context.Context, path string, body any) (*http.Response, error) {
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(buf))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.http.Do(req)
}
