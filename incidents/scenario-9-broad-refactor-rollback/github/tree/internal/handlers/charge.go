// Package handlers implements the payments API endpoints.
package handlers

import (
	"context"
	"encoding/json"
	"net/http"

	"go.uber.org/zap"

	"github.com/kestrel-pay/payments-gateway/internal/acquirer"
	"github.com/kestrel-pay/payments-gateway/internal/middleware"
	"github.com/kestrel-pay/payments-gateway/internal/retry"
)

// ChargeRequest is the body of POST /v1/charges.
type ChargeRequest struct {
	MerchantID string `json:"merchant_id"`
	Amount     int64  `json:"amount"`
	Currency   string `json:"currency"`
	CardToken  string `json:"card_token"`
}

func (r ChargeRequest) validate() string {
	switch {
	case r.MerchantID == "":
		return "merchant_id is required"
	case r.Amount <= 0:
		return "amount must be positive"
	case len(r.Currency) != 3:
		return "currency must be an ISO 4217 code"
	case r.CardToken == "":
		return "card_token is required"
	}
	return ""
}

// ChargeHandler authorizes card payments with the acquirer.
type ChargeHandler struct {
	client *acquirer.Client
	retry  *retry.Policy
}

// NewChargeHandler returns the POST /v1/charges handler.
func NewChargeHandler(client *acquirer.Client, policy *retry.Policy) *ChargeHandler {
	return &ChargeHandler{client: client, retry: policy}
}

func (h *ChargeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := middleware.Logger(r.Context())
	var req ChargeRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_json", err.Error())
		return
	}
	if msg := req.validate(); msg != "" {
		writeError(w, http.StatusUnprocessableEntity, "invalid_request", msg)
		return
	}
	resp, err := h.retry.Do(r.Context(), func(ctx context.Context) (*http.Response, error) {
		return h.client.Authorize(ctx, acquirer.Authorization{
			Reference: middleware.RequestIDFrom(r.Context()),
			Merchant:  req.MerchantID,
			Amount:    req.Amount,
			Currency:  req.Currency,
			Token:     req.CardToken,
		})
	})
	if err != nil {
		log.Error("acquirer call failed",
			zap.String("merchant_id", req.MerchantID), zap.Int64("amount", req.Amount), zap.Error(err))
		writeError(w, http.StatusBadGateway, "acquirer_unavailable", "the acquirer did not answer")
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		log.Warn("acquirer answered with a server error",
			zap.Int("status", resp.StatusCode), zap.String("merchant_id", req.MerchantID))
	}
	relay(w, resp)
}
