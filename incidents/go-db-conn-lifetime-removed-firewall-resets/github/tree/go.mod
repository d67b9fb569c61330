module github.com/northpeak-energy/meter-readings-api

go 1.22.7

require (
	github.com/lib/pq v1.10.9
	github.com/prometheus/client_golang v1.20.4
	gopkg.in/yaml.v3 v3.0.1
)
