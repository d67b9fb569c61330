package carrier

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"go.uber.org/zap"
)

// ScanEvent is what we forward to subscribed customers when a carrier scans
// a parcel.
type ScanEvent struct {
	ShipmentID string    `json:"shipment_id"`
	Carrier    string    `json:"carrier"`
	Code       string    `json:"code"`
	Location   string    `json:"location"`
	ScannedAt  time.Time `json:"scanned_at"`
}

// WebhookSender posts scan events to customer-provided webhook URLs.
type WebhookSender struct {
	http *http.Client
	log  *zap.Logger
}

// webhookTimeout is generous on purpose: several large customers run their
// receivers on slow serverless cold starts and we were dropping their events.
const webhookTimeout = 10 * time.Second

func NewWebhookSender(log *zap.Logger) *WebhookSender {
	return &WebhookSender{
		http: &http.Client{Timeout: webhookTimeout},
		log:  log.Named("webhooks"),
	}
}

func (s *WebhookSender) Send(ctx context.Context, target string, ev ScanEvent) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "quayside-shipment-tracker/webhooks")
	resp, err := s.http.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", ev.ShipmentID, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("webhook %s: status %d", ev.ShipmentID, resp.StatusCode)
	}
	s.log.Debug("webhook delivered", zap.String("shipment_id", ev.ShipmentID), zap.Int("status", resp.StatusCode))
	return nil
}
