package upstream

import (
	"context"
	"crypto/tls"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"go.uber.org/zap"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	routingv1 "github.com/cobaltline/fleet-protos/gen/go/fleet/routing/v1"
	telemetryv1 "github.com/cobaltline/fleet-protos/gen/go/fleet/telemetry/v1"
	vehiclev1 "github.com/cobaltline/fleet-protos/gen/go/fleet/vehicle/v1"
)

type Targets struct {
	Vehicle, Telemetry, Routing string
}

// NewGatewayMux registers the REST -> gRPC handlers for every upstream service.
func NewGatewayMux(ctx context.Context, log *zap.Logger, tlsCfg *tls.Config, t Targets) (*runtime.ServeMux, error) {
	mux := runtime.NewServeMux()
	opts := []grpc.DialOption{
		grpc.WithTransportCredentials(credentials.NewTLS(tlsCfg)),
		grpc.WithUnaryInterceptor(logErrors(log)),
	}
	if err := vehiclev1.RegisterVehicleServiceHandlerFromEndpoint(ctx, mux, t.Vehicle, opts); err != nil {
		return nil, err
	}
	if err := telemetryv1.RegisterTelemetryServiceHandlerFromEndpoint(ctx, mux, t.Telemetry, opts); err != nil {
		return nil, err
	}
	if err := routingv1.RegisterRoutingServiceHandlerFromEndpoint(ctx, mux, t.Routing, opts); err != nil {
		return nil, err
	}
	return mux, nil
}

func logErrors(log *zap.Logger) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		start := time.Now()
		err := invoker(ctx, method, req, reply, cc, opts...)
		if err != nil {
			log.Error("upstream call failed",
				zap.String("target", cc.Target()),
				zap.String("method", method),
				zap.String("code", status.Code(err).String()),
				zap.Duration("elapsed", time.Since(start)),
				zap.Error(err))
		}
		return err
	}
}
