package declarations

import (
	"context"
	"log/slog"
	"time"

	"github.com/ridgeway-freight/customs-gateway/internal/store"
	"github.com/ridgeway-freight/customs-gateway/internal/tradelink"
)

// Worker files pending declarations with TradeLink.
type Worker struct {
	Store    *store.Store
	Partner  *tradelink.Client
	Interval time.Duration
	Log      *slog.Logger
}

func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.tick(ctx)
		}
	}
}

func (w *Worker) tick(ctx context.Context) {
	pending, err := w.Store.PendingDeclarations(ctx, 10)
	if err != nil {
		w.Log.ErrorContext(ctx, "load pending declarations", "err", err)
		return
	}
	for _, d := range pending {
		receipt, err := w.Partner.Submit(ctx, d)
		if err != nil {
			w.Log.WarnContext(ctx, "declaration not filed, will retry", "declaration_id", d.ID, "shipment", d.ShipmentID, "err", err)
			_ = w.Store.MarkRetry(ctx, d.ID, err.Error())
			continue
		}
		w.Log.InfoContext(ctx, "declaration filed", "declaration_id", d.ID, "shipment", d.ShipmentID, "mrn", receipt.MRN)
		_ = w.Store.MarkFiled(ctx, d.ID, receipt.MRN)
	}
}
