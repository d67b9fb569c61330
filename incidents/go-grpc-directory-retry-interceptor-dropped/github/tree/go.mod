module github.com/wrenfield-mobile/number-porting

go 1.22.5

require (
	github.com/prometheus/client_golang v1.20.0
	go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc v0.52.0
	google.golang.org/grpc v1.64.0
	google.golang.org/protobuf v1.34.2
)
