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

	"github.com/wrenfield-mobile/number-porting/internal/clients"
	"github.com/wrenfield-mobile/number-porting/internal/httpapi"
	"github.com/wrenfield-mobile/number-porting/internal/porting"
)

var (
	version = "dev"
	commit  = "none"
)

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true, Level: slog.LevelInfo}))
	logger.Info("number-porting starting", "version", version, "commit", commit)

	directory, err := clients.NewDirectory(env("CARRIER_DIRECTORY_ADDR", "dns:///carrier-directory.telco.svc.cluster.local:9090"), logger)
	if err != nil {
		logger.Error("init directory client", "err", err)
		os.Exit(1)
	}
	defer directory.Close()
	billing, err := clients.NewBilling(env("BILLING_ADDR", "dns:///account-standing.billing.svc.cluster.local:9090"))
	if err != nil {
		logger.Error("init billing client", "err", err)
		os.Exit(1)
	}
	defer billing.Close()
	store, err := porting.OpenStore(os.Getenv("DATABASE_URL"))
	if err != nil {
		logger.Error("open store", "err", err)
		os.Exit(1)
	}

	h := &httpapi.PortHandler{Directory: directory, Billing: billing, Store: store, Logger: logger}
	srv := &http.Server{Addr: ":8080", Handler: httpapi.Routes(h, logger), ReadHeaderTimeout: 5 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		logger.Info("http server listening", "addr", srv.Addr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("http server", "err", err)
			os.Exit(1)
		}
	}()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	logger.Info("number-porting stopped")
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
