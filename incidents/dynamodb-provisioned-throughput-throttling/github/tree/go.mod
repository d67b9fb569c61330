module github.com/pelicanpay/rewards-ledger

go 1.22.6

require (
	github.com/aws/aws-sdk-go-v2 v1.30.3
	github.com/aws/aws-sdk-go-v2/config v1.27.27
	github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue v1.14.10
	github.com/aws/aws-sdk-go-v2/service/dynamodb v1.34.4
	github.com/go-chi/chi/v5 v5.1.0
	go.uber.org/zap v1.27.0
)
