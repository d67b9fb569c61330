package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/cobaltline/fleet-gateway/internal/transport"
	"github.com/cobaltline/fleet-gateway/internal/upstream"
	"go.uber.org/zap"
)

var version = "dev"

func main() {
	log, _ := zap.NewProduction()
	defer log.Sync()

	tlsCfg, err := transport.ClientTLS(
		envOr("TRUST_BUNDLE", "/etc/platform-trust/ca.crt"),
		envOr("CLIENT_CERT", "/etc/fleet-gateway-tls/tls.crt"),
		envOr("CLIENT_KEY", "/etc/fleet-gateway-tls/tls.key"),
	)
	if err != nil {
		log.Fatal("tls config", zap.Error(err))
	}
	log.Info("loaded trust bundle", zap.String("file", envOr("TRUST_BUNDLE", "/etc/platform-trust/ca.crt")),
		zap.Strings("subjects", transport.PoolSubjects(tlsCfg)))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	mux, err := upstream.NewGatewayMux(ctx, log, tlsCfg, upstream.Targets{
		Vehicle:   envOr("VEHICLE_SVC", "vehicle-svc.fleet.svc.cluster.local:8443"),
		Telemetry: envOr("TELEMETRY_SVC", "telemetry-svc.fleet.svc.cluster.local:8443"),
		Routing:   envOr("ROUTING_SVC", "routing-svc.fleet.svc.cluster.local:8443"),
	})
	if err != nil {
		log.Fatal("gateway mux", zap.Error(err))
	}
	srv := &http.Server{Addr: ":8080", Handler: upstream.AccessLog(log, mux)}
	log.Info("fleet-gateway listening", zap.String("addr", srv.Addr), zap.String("version", version))
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal("http server", zap.Error(err))
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
