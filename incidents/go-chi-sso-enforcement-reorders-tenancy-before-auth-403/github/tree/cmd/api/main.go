package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/quillstack/workspace-api/internal/auth"
	"github.com/quillstack/workspace-api/internal/docs"
	"github.com/quillstack/workspace-api/internal/httpapi"
	"github.com/quillstack/workspace-api/internal/store"
	"github.com/quillstack/workspace-api/internal/tenancy"
)

var version = "dev"

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{AddSource: true, Level: slog.LevelInfo}))
	slog.SetDefault(logger)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	db, err := store.Open(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		slog.Error("database", "err", err)
		os.Exit(1)
	}
	verifier := auth.NewVerifier(os.Getenv("JWT_ISSUER"), os.Getenv("JWKS_URL"))
	refresher := auth.NewRefresher(db, verifier)

	h := httpapi.NewRouter(httpapi.Deps{
		Verifier:  verifier,
		Refresher: refresher,
		Tenants:   tenancy.NewPGStore(db),
		Docs:      docs.NewService(db),
	})

	srv := &http.Server{Addr: ":" + os.Getenv("PORT"), Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	slog.Info("workspace-api listening", "port", os.Getenv("PORT"), "version", version, "dyno", os.Getenv("DYNO"))
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		slog.Error("server", "err", err)
		os.Exit(1)
	}
	slog.Info("workspace-api stopped")
}
