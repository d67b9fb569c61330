package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/tallyworks/ledger-service/internal/store"
)

func Mount(r chi.Router, s *store.Store, log *slog.Logger) {
	h := &handler{s: s, log: log}
	r.Use(h.accessLog)
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	r.Get("/v1/accounts/{id}/balance", h.balance)
	r.Get("/v1/accounts/{id}/entries", h.entries)
	r.Post("/v1/transfers", h.transfer)
}

type handler struct {
	s   *store.Store
	log *slog.Logger
}

func (h *handler) entries(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	out, err := h.s.Entries(r.Context(), id, time.Now().AddDate(0, -3, 0), limit)
	if err != nil {
		h.log.ErrorContext(r.Context(), "list entries failed", "account", id, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

func (h *handler) balance(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	bal, err := h.s.Balance(r.Context(), id)
	if err != nil {
		h.log.ErrorContext(r.Context(), "balance failed", "account", id, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]int64{"balance": bal})
}

func (h *handler) transfer(w http.ResponseWriter, r *http.Request) {
	var req struct {
		From, To, Currency, Reference string
		Amount                        int64
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if req.Amount <= 0 {
		http.Error(w, "amount must be positive", http.StatusBadRequest)
		return
	}
	id, err := h.s.Transfer(r.Context(), req.From, req.To, req.Amount, req.Currency, req.Reference)
	switch {
	case errors.Is(err, store.ErrInsufficientFunds):
		http.Error(w, "insufficient funds", http.StatusUnprocessableEntity)
	case err != nil:
		h.log.ErrorContext(r.Context(), "transfer failed", "from", req.From, "to", req.To, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	default:
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]string{"id": id})
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

func (h *handler) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" {
			return
		}
		h.log.InfoContext(r.Context(), "request", "req_id", r.Header.Get("X-Request-Id"), "method", r.Method,
			"path", r.URL.Path, "status", sw.status, "dur_ms", float64(time.Since(start).Microseconds())/1000)
	})
}
