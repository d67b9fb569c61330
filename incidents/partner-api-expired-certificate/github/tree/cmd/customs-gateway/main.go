package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ridgeway-freight/customs-gateway/internal/config"
	"github.com/ridgeway-freight/customs-gateway/internal/declarations"
	"github.com/ridgeway-freight/customs-gateway/internal/store"
	"github.com/ridgeway-freight/customs-gateway/internal/tradelink"
)

var version = "dev"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true}))
	slog.SetDefault(log)

	clients, err := config.LoadHTTPClients(envOr("HTTP_CLIENTS_FILE", "/etc/customs-gateway/http_clients.yaml"))
	if err != nil {
		log.Error("config", "err", err)
		os.Exit(1)
	}
	log.Info("starting customs-gateway", "version", version,
		"tradelink_base_url", clients.TradeLink.BaseURL, "tradelink_timeout", clients.TradeLink.Timeout,
		"tradelink_retries", clients.TradeLink.Retries)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	st, err := store.Open(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	partner := tradelink.New(clients.TradeLink, os.Getenv("TRADELINK_API_KEY"), log)
	w := &declarations.Worker{Store: st, Partner: partner, Interval: 15 * time.Second, Log: log}
	go w.Run(ctx)

	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.ListenAndServe() }()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}
