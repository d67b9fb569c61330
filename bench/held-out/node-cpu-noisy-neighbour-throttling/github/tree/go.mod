module github.com/peakline/search-gateway

go 1.22.5

require (
	github.com/prometheus/client_golang v1.19.1
	go.uber.org/automaxprocs v1.5.3
	golang.org/x/net v0.28.0
	golang.org/x/sync v0.7.0
)

require (
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/prometheus/client_model v0.6.1 // indirect
	github.com/prometheus/common v0.53.0 // indirect
	github.com/prometheus/procfs v0.15.0 // indirect
	golang.org/x/sys v0.23.0 // indirect
	golang.org/x/text v0.17.0 // indirect
	google.golang.org/protobuf v1.34.1 // indirect
)
