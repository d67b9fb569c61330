package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"go.uber.org/zap"

	"github.com/kestrel-pay/payments-gateway/internal/acquirer"
	"github.com/kestrel-pay/payments-gateway/internal/middleware"
	"github.com/kestrel-pay/payments-gateway/internal/retry"
)

// RefundRequest is the body of POST /v1/refunds.
type RefundRequest struct {
	ChargeID string `json:"charge_id"`
	Amount   int64  `json:"amount"`
}

// RefundHandler refunds (part of) a captured charge. Requests must carry an
// Idempotency-Key header; a key seen again within the store's ttl gets 409.
type RefundHandler struct {
	client *acquirer.Client
	retry  *retry.Policy
	keys   *IdempotencyStore
}

// NewRefundHandler returns the POST /v1/refunds handler.
func NewRefundHandler(client *acquirer.Client, policy *retry.Policy, keys *IdempotencyStore) *RefundHandler {
	return &RefundHandler{client: client, retry: policy, keys: keys}
}

func (h *RefundHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := middleware.Logger(r.Context())
	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		writeError(w, http.StatusBadRequest, "missing_idempotency_key", "Idempotency-Key header is required")
		return
	}
	if !h.keys.FirstUse(key, time.Now()) {
		writeError(w, http.StatusConflict, "duplicate_request", "a refund with this Idempotency-Key is in progress or done")
		return
	}
	var req RefundRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_json", err.Error())
		return
	}
	if req.ChargeID == "" || req.Amount <= 0 {
		writeError(w, http.StatusUnprocessableEntity, "invalid_request", "charge_id and a positive amount are required")
		return
	}
	resp, err := h.retry.Do(r.Context(), func(ctx context.Context) (*http.Response, error) {
		return h.client.Refund(ctx, acquirer.RefundRequest{
			Reference: middleware.RequestIDFrom(r.Context()),
			ChargeID:  req.ChargeID,
			Amount:    req.Amount,
		})
	})
	if err != nil {
		log.Error("acquirer refund failed", zap.String("charge_id", req.ChargeID), zap.Error(err))
		writeError(w, http.StatusBadGateway, "acquirer_unavailable", "the acquirer did not answer")
		return
	}
	defer resp.Body.Close()
	relay(w, resp)
}
