package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/quayside-logistics/shipment-tracker/internal/carrier"
	"github.com/quayside-logistics/shipment-tracker/internal/config"
	"github.com/quayside-logistics/shipment-tracker/internal/eta"
	"github.com/quayside-logistics/shipment-tracker/internal/httpserver"
	"github.com/quayside-logistics/shipment-tracker/internal/orders"
	"github.com/quayside-logistics/shipment-tracker/internal/shipments"
)

var version = "dev"

func main() {
	logger := newLogger()
	defer logger.Sync() //nolint:errcheck

	cfg, err := config.Load()
	if err != nil {
		logger.Fatal("invalid configuration", zap.Error(err))
	}
	logger.Info("config loaded",
		zap.String("version", version),
		zap.String("listen", cfg.ListenAddr),
		zap.String("orders_url", cfg.OrdersURL),
		zap.String("carrier_hub_url", cfg.CarrierHubURL),
		zap.String("database_url", cfg.DatabaseURL),
	)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db := mustConnectDB(ctx, cfg.DatabaseURL)
	defer db.Close()

	ordersClient := orders.NewClient(cfg.OrdersURL, cfg.UpstreamTimeout, logger)
	carrierClient := carrier.NewClient(cfg.CarrierHubURL, cfg.CarrierAPIKey, logger)
	estimator := eta.NewEstimator(eta.DefaultConfig())
	svc := shipments.NewService(db, ordersClient, carrierClient, estimator, logger)

	srv := &http.Server{
		Addr:              cfg.ListenAddr,
		Handler:           httpserver.New(svc, db, logger),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go func() {
		logger.Info("listening", zap.String("addr", cfg.ListenAddr))
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Fatal("http server failed", zap.Error(err))
		}
	}()

	<-ctx.Done()
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Warn("graceful shutdown failed", zap.Error(err))
	}
	logger.Info("shutdown complete")
}

func newLogger() *zap.Logger {
	cfg := zap.NewProductionConfig()
	cfg.EncoderConfig.TimeKey = "ts"
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	if lvl := os.Getenv("LOG_LEVEL"); lvl != "" {
		if err := cfg.Level.UnmarshalText([]byte(lvl)); err != nil {
			fmt.Fprintf(os.Stderr, "bad LOG_LEVEL %q, using info\n", lvl)
		}
	}
	logger, err := cfg.Build()
	if err != nil {
		panic(err)
	}
	return logger.With(zap.String("service", "shipment-tracker"))
}

// mustConnectDB opens the pgx pool and pings the database. The tracker is
// useless without its database, so failing here restarts the pod.
func mustConnectDB(ctx context.Context, url string) *pgxpool.Pool {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()

	poolCfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		panic(fmt.Errorf("parse database url: %w", err))
	}
	poolCfg.MaxConns = 20
	poolCfg.MaxConnIdleTime = 5 * time.Minute

	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		panic(fmt.Errorf("connect postgres: %w", err))
	}
	if err := pool.Ping(ctx); err != nil {
		panic(fmt.Errorf("connect postgres: %w", err))
	}
	return pool
}
