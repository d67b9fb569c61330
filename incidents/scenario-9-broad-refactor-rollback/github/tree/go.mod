module github.com/kestrel-pay/payments-gateway

go 1.22

require (
	go.uber.org/zap v1.27.0
	gopkg.in/yaml.v3 v3.0.1
)

require go.uber.org/multierr v1.10.0 // indirect
