package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"

	"github.com/northpeak-energy/meter-readings-api/internal/config"
	"github.com/northpeak-energy/meter-readings-api/internal/httpapi"
	"github.com/northpeak-energy/meter-readings-api/internal/metrics"
	"github.com/northpeak-energy/meter-readings-api/internal/store"
)

var version = "dev"

func main() {
	log := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true}))
	cfg, err := config.Load(envOr("CONFIG_FILE", "config/production.yaml"))
	if err != nil {
		log.Error("config", "err", err)
		os.Exit(1)
	}
	log.Info("starting meter-readings-api", "version", version)

	st, err := store.Open(context.Background(), cfg.DB, log)
	if err != nil {
		log.Error("open store", "err", err)
		os.Exit(1)
	}

	metrics.RegisterDBStats(context.Background(), st.DB(), log)

	mux := http.NewServeMux()
	httpapi.New(st, log).Routes(mux)
	srv := &http.Server{Addr: cfg.HTTP.Addr, Handler: httpapi.AccessLog(log, mux),
		ReadTimeout: cfg.HTTP.ReadTimeout, WriteTimeout: cfg.HTTP.WriteTimeout}
	log.Info("listening", "addr", cfg.HTTP.Addr)
	if err := srv.ListenAndServe(); err != nil {
		log.Error("http server", "err", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
