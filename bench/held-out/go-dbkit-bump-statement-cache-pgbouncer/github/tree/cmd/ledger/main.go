package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/tallyworks/dbkit"
	"github.com/tallyworks/ledger-service/internal/api"
	"github.com/tallyworks/ledger-service/internal/store"
	"github.com/tallyworks/platform-go/config"
)

var version = "dev"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true}))
	slog.SetDefault(log)

	cfg, err := config.Load[Config]()
	if err != nil {
		log.Error("config", "err", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	pool, err := dbkit.Open(ctx, cfg.DatabaseURL,
		dbkit.WithMaxConns(cfg.DBMaxConns),
		dbkit.WithApplicationName("ledger-service"),
	)
	if err != nil {
		log.Error("open database", "err", err)
		os.Exit(1)
	}
	defer pool.Close()
	log.Info("db pool ready", "dbkit", dbkit.Version, "max_conns", cfg.DBMaxConns,
		"exec_mode", pool.ExecMode(), "statement_cache", pool.StatementCacheCapacity(), "host", pool.Host())

	r := chi.NewRouter()
	api.Mount(r, store.New(pool), log)
	r.Handle("/metrics", promhttp.Handler())

	srv := &http.Server{Addr: ":8080", Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		log.Info("shutdown signal received, draining")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	log.Info("ledger-service listening", "addr", srv.Addr, "version", version)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Error("http server", "err", err)
		os.Exit(1)
	}
}

type Config struct {
	DatabaseURL string `env:"DATABASE_URL,required"`
	DBMaxConns  int32  `env:"DB_MAX_CONNS" default:"20"`
}
