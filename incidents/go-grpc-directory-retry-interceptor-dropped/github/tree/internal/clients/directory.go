package clients

import (
	"context"
	"log/slog"

	"github.com/wrenfield-mobile/number-porting/internal/grpcx"
	"google.golang.org/grpc"

	directorypb "github.com/wrenfield-mobile/number-porting/internal/directorypb"
)

// Directory answers which carrier currently holds a number.
type Directory struct {
	conn   *grpc.ClientConn
	client directorypb.CarrierDirectoryClient
	logger *slog.Logger
}

// NewDirectory dials carrier-directory.
func NewDirectory(addr string, logger *slog.Logger) (*Directory, error) {
	conn, err := grpcx.Dial("carrier-directory", addr)
	if err != nil {
		return nil, err
	}
	return &Directory{conn: conn, client: directorypb.NewCarrierDirectoryClient(conn), logger: logger}, nil
}

// LookupNumber returns the carrier currently serving msisdn.
func (d *Directory) LookupNumber(ctx context.Context, msisdn string) (*directorypb.Carrier, error) {
	resp, err := d.client.LookupNumber(ctx, &directorypb.LookupNumberRequest{Msisdn: msisdn})
	if err != nil {
		return nil, err
	}
	return resp.GetCarrier(), nil
}

func (d *Directory) Close() error { return d.conn.Close() }
