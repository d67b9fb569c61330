package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cobaltline-freight/quote-service/internal/config"
	"github.com/cobaltline-freight/quote-service/internal/httpapi"
	"github.com/cobaltline-freight/quote-service/internal/quote"
	"github.com/cobaltline-freight/quote-service/internal/rates"
)

var version = "dev"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true, Level: slog.LevelInfo}))

	cfg, err := config.Load(os.Getenv("QUOTE_CONFIG"))
	if err != nil {
		log.Error("config load failed", "err", err)
		os.Exit(1)
	}
	log.Info("starting quote-service", "version", version, "go", "go1.22.2")
	log.Info("config loaded", "env", cfg.Env, "listen_addr", cfg.ListenAddr,
		"rates_engine.base_url", cfg.RatesEngine.BaseURL, "rates_engine.timeout", cfg.RatesEngine.Timeout,
		"fuel_surcharge.table", cfg.FuelSurcharge.Table)

	rc := rates.New(cfg.RatesEngine.BaseURL, cfg.RatesEngine.Timeout)
	calc := quote.NewCalculator(cfg.FuelSurcharge.Table)

	mux := http.NewServeMux()
	mux.Handle("POST /v1/quotes", httpapi.NewQuoteHandler(log, rc, calc))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.Handle("GET /metrics", promhttp.Handler())

	srv := &http.Server{
		Addr:              cfg.ListenAddr,
		Handler:           httpapi.AccessLog(log, httpapi.WithRequestID(mux)),
		ReadHeaderTimeout: 5 * time.Second,
	}

	go func() {
		log.Info("listening", "addr", cfg.ListenAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server failed", "err", err)
			os.Exit(1)
		}
	}()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	<-ctx.Done()
	log.Info("shutting down", "reason", ctx.Err())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
}
