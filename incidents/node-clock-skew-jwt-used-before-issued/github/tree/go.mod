module github.com/orbitly-io/ledger-api

go 1.23.1

require (
	github.com/MicahParks/keyfunc/v3 v3.3.5
	github.com/golang-jwt/jwt/v5 v5.2.1
	github.com/jackc/pgx/v5 v5.6.0
	go.uber.org/zap v1.27.0
)
