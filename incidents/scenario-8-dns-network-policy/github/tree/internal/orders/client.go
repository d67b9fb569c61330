package orders

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"go.uber.org/zap"
)

// Order is the part of the orders service's order resource the tracker needs.
type Order struct {
	ID          string    `json:"id"`
	CustomerRef string    `json:"customer_ref"`
	Status      string    `json:"status"`
	Lines       int       `json:"lines"`
	PlacedAt    time.Time `json:"placed_at"`
	Destination struct {
		Country string `json:"country"`
		Postal  string `json:"postal"`
	} `json:"destination"`
}

// ErrNotFound is returned when the orders service does not know the order.
var ErrNotFound = errors.New("order not found")

// Client talks to the orders service over plain HTTP inside the cluster.
type Client struct {
	baseURL string
	http    *http.Client
	log     *zap.Logger
}

// NewClient builds a client with its own transport so that the keep-alive
// pool is not shared with the carrier client.
func NewClient(baseURL string, timeout time.Duration, log *zap.Logger) *Client {
	transport := &http.Transport{
		DialContext: (&net.Dialer{
			Timeout:   2 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		MaxIdleConns:        100,
		MaxIdleConnsPerHost: 20,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Client{
		baseURL: baseURL,
		http:    &http.Client{Transport: transport, Timeout: timeout},
		log:     log.Named("orders"),
	}
}

// Get fetches one order by id.
func (c *Client) Get(ctx context.Context, id string) (*Order, error) {
	u := c.baseURL + "/v1/orders/" + url.PathEscape(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			c.log.Error("fetch order failed",
				zap.String("order_id", id),
				zap.Bool("dns_error", true),
				zap.Duration("elapsed", time.Since(start)),
				zap.Error(err))
		} else {
			c.log.Error("fetch order failed", zap.String("order_id", id), zap.Error(err))
		}
		return nil, fmt.Errorf("orders: get %s: %w", id, err)
	}
	defer resp.Body.Close()

	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, ErrNotFound
	default:
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("orders: get %s: status %d: %s", id, resp.StatusCode, body)
	}

	var o Order
	if err := json.NewDecoder(resp.Body).Decode(&o); err != nil {
		return nil, fmt.Errorf("orders: decode %s: %w", id, err)
	}
	return &o, nil
}
