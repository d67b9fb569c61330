module github.com/cobaltline/fleet-gateway

go 1.23

require (
	github.com/grpc-ecosystem/grpc-gateway/v2 v2.22.0
	go.uber.org/zap v1.27.0
	google.golang.org/grpc v1.67.1
	google.golang.org/protobuf v1.34.2
	github.com/cobaltline/fleet-protos v0.41.0
)
