package main

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/go-chi/chi/v5"
	"go.uber.org/zap"

	"github.com/pelicanpay/rewards-ledger/internal/ledger"
)

var version = "dev"

func main() {
	log, _ := zap.NewProduction()
	defer log.Sync()

	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = 3 })
	}))
	if err != nil {
		log.Fatal("aws config", zap.Error(err))
	}
	table := os.Getenv("LEDGER_TABLE")
	store := ledger.NewStore(dynamodb.NewFromConfig(cfg), table, log)
	h := &ledger.Handler{Store: store, Log: log}

	r := chi.NewRouter()
	r.Post("/v1/members/{memberID}/entries", h.Accrue)
	r.Get("/v1/members/{memberID}/balance", h.Balance)
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })

	log.Info("rewards-ledger-api starting", zap.String("version", version), zap.String("table", table), zap.String("region", cfg.Region), zap.Int("max_attempts", 3))
	srv := &http.Server{Addr: ":8080", Handler: r, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal("server", zap.Error(srv.ListenAndServe()))
}
