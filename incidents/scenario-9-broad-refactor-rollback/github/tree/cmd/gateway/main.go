// Command gateway serves the payments HTTP API.
package main

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/kestrel-pay/payments-gateway/internal/acquirer"
	"github.com/kestrel-pay/payments-gateway/internal/config"
	"github.com/kestrel-pay/payments-gateway/internal/handlers"
	"github.com/kestrel-pay/payments-gateway/internal/middleware"
	"github.com/kestrel-pay/payments-gateway/internal/retry"
)

// Set at build time with -ldflags.
var (
	version = "dev"
	commit  = "none"
)

func main() {
	cfgPath := flag.String("config", "/etc/gateway/gateway.yaml", "path to the configuration file")
	flag.Parse()

	log := newLogger()
	defer log.Sync() //nolint:errcheck

	cfg, err := config.Load(*cfgPath, os.LookupEnv)
	if err != nil {
		log.Fatal("cannot load configuration", zap.String("path", *cfgPath), zap.Error(err))
	}
	log.Info("starting payments-gateway",
		zap.String("version", version), zap.String("commit", commit), zap.String("listen", cfg.Listen))
	log.Info("configuration loaded",
		zap.Strings("sources", cfg.Sources),
		zap.Int("retry.max_attempts", cfg.Retry.MaxAttempts),
		zap.Duration("retry.per_attempt_timeout", cfg.Retry.PerAttemptTimeout),
		zap.Duration("acquirer.timeout", cfg.Acquirer.Timeout))

	client := acquirer.NewClient(cfg.Acquirer.URL, cfg.Acquirer.Timeout)
	policy := &retry.Policy{
		MaxAttempts:       cfg.Retry.MaxAttempts,
		BaseDelay:         cfg.Retry.BaseDelay,
		MaxDelay:          cfg.Retry.MaxDelay,
		PerAttemptTimeout: cfg.Retry.PerAttemptTimeout,
		Logger:            log.Named("retry"),
	}

	mux := http.NewServeMux()
	mux.Handle("POST /v1/charges", handlers.NewChargeHandler(client, policy))
	refundKeys := handlers.NewIdempotencyStore(24 * time.Hour)
	mux.Handle("POST /v1/refunds", handlers.NewRefundHandler(client, policy, refundKeys))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	})

	chain := middleware.New(
		middleware.RequestID,
		middleware.Recover(log.Named("recover")),
		middleware.Logging(log.Named("http")),
	)

	srv := &http.Server{Addr: cfg.Listen, Handler: chain.Then(mux), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal("server stopped", zap.Error(err))
		}
	}()

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	<-ctx.Done()

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	log.Info("payments-gateway stopped")
}

func newLogger() *zap.Logger {
	cfg := zap.NewProductionConfig()
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	log, err := cfg.Build()
	if err != nil {
		panic(err)
	}
	return log
}
