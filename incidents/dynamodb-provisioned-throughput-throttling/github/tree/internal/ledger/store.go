package ledger

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"go.uber.org/zap"
)

// Entry is one points movement. Table rewards-ledger: PK = "member#<id>", SK = "<ts>#<entry id>".
type Entry struct {
	PK        string    `dynamodbav:"pk"`
	SK        string    `dynamodbav:"sk"`
	ID        string    `dynamodbav:"entry_id"`
	MemberID  string    `dynamodbav:"member_id"`
	Points    int64     `dynamodbav:"points"`
	Reason    string    `dynamodbav:"reason"`
	Source    string    `dynamodbav:"source"`
	CreatedAt time.Time `dynamodbav:"created_at"`
}

type Store struct {
	db    *dynamodb.Client
	table string
	log   *zap.Logger
}

func NewStore(db *dynamodb.Client, table string, log *zap.Logger) *Store {
	return &Store{db: db, table: table, log: log}
}

// Append writes an entry; the condition makes retries of the same entry id idempotent.
func (s *Store) Append(ctx context.Context, e Entry) error {
	item, err := attributevalue.MarshalMap(e)
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:           aws.String(s.table),
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(sk)"),
	})
	if err != nil {
		var exists *types.ConditionalCheckFailedException
		if errors.As(err, &exists) {
			// Same entry id already written (client retry): not an error.
			s.log.Info("ledger entry already present", zap.String("entry_id", e.ID))
			return nil
		}
		s.log.Error("put ledger entry failed", zap.String("table", s.table), zap.String("entry_id", e.ID),
			zap.String("member_id", e.MemberID), zap.String("source", e.Source), zap.Error(err))
		return fmt.Errorf("put ledger entry %s: %w", e.ID, err)
	}
	return nil
}

// Balance sums the member's entries (query on the partition).
func (s *Store) Balance(ctx context.Context, memberID string) (int64, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:              aws.String(s.table),
		KeyConditionExpression: aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "member#" + memberID},
		},
		ProjectionExpression: aws.String("points"),
	})
	if err != nil {
		return 0, fmt.Errorf("query balance: %w", err)
	}
	var total int64
	for _, it := range out.Items {
		var e struct {
			Points int64 `dynamodbav:"points"`
		}
		if err := attributevalue.UnmarshalMap(it, &e); err == nil {
			total += e.Points
		}
	}
	return total, nil
}
