package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/wrenfield-mobile/number-porting/internal/clients"
	"github.com/wrenfield-mobile/number-porting/internal/porting"
	"google.golang.org/grpc/status"
)

type PortHandler struct {
	Directory *clients.Directory
	Billing   *clients.Billing
	Store     *porting.Store
	Logger    *slog.Logger
}

type portRequest struct {
	MSISDN      string `json:"msisdn"`
	AccountID   string `json:"account_id"`
	PortingCode string `json:"porting_code"`
	RequestedAt string `json:"requested_date"`
}

type portResponse struct {
	ID           string `json:"id"`
	DonorCarrier string `json:"donor_carrier"`
	Status       string `json:"status"`
	ScheduledAt  string `json:"scheduled_at"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]string{"error": code})
}

// CreatePortIn handles POST /v1/port-ins: a customer brings a number from another
// carrier. The donor carrier comes from carrier-directory, the account standing
// from billing; the request is then queued for the nightly porting window.
func (h *PortHandler) CreatePortIn(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req portRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_json")
		return
	}
	if !porting.ValidMSISDN(req.MSISDN) {
		writeError(w, http.StatusBadRequest, "invalid_msisdn")
		return
	}

	ok, err := h.Billing.CanPortOut(ctx, req.AccountID)
	if err != nil {
		h.Logger.ErrorContext(ctx, "account standing lookup failed", "account_id", req.AccountID, "err", err)
		writeError(w, http.StatusBadGateway, "billing_unavailable")
		return
	}
	if !ok {
		writeError(w, http.StatusConflict, "account_not_in_good_standing")
		return
	}

	started := time.Now()
	donor, err := h.Directory.LookupNumber(ctx, req.MSISDN)
	if err != nil {
		h.Logger.ErrorContext(ctx, "carrier lookup failed",
			"grpc_code", status.Code(err).String(),
			"msisdn_prefix", req.MSISDN[:5],
			"account_id", req.AccountID,
			"elapsed_ms", time.Since(started).Milliseconds(),
			"err", err)
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "carrier_directory_unavailable")
		return
	}

	p, err := h.Store.QueuePortIn(ctx, req.MSISDN, req.AccountID, donor.GetId(), req.PortingCode, req.RequestedAt)
	if err != nil {
		h.Logger.ErrorContext(ctx, "queue port-in failed", "err", err)
		writeError(w, http.StatusInternalServerError, "internal_error")
		return
	}
	writeJSON(w, http.StatusCreated, portResponse{ID: p.ID, DonorCarrier: donor.GetName(), Status: p.Status, ScheduledAt: p.ScheduledAt})
}
