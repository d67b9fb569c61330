package clients

import (
	"context"
	"time"

	"github.com/wrenfield-mobile/number-porting/internal/grpcx"
	"google.golang.org/grpc"

	billingpb "github.com/wrenfield-mobile/number-porting/internal/billingpb"
)

// Billing tells whether an account may port out (no unpaid balance).
type Billing struct {
	conn   *grpc.ClientConn
	client billingpb.AccountStandingClient
}

func NewBilling(addr string) (*Billing, error) {
	conn, err := grpcx.Dial("billing", addr)
	if err != nil {
		return nil, err
	}
	return &Billing{conn: conn, client: billingpb.NewAccountStandingClient(conn)}, nil
}

func (b *Billing) CanPortOut(ctx context.Context, accountID string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	resp, err := b.client.GetStanding(ctx, &billingpb.GetStandingRequest{AccountId: accountID})
	if err != nil {
		return false, err
	}
	return resp.GetPortOutAllowed(), nil
}

func (b *Billing) Close() error { return b.conn.Close() }
