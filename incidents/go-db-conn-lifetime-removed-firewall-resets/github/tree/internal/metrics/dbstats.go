package metrics

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// RegisterDBStats exports database/sql pool statistics (go_sql_* metrics) and
// logs a summary every five minutes.
func RegisterDBStats(ctx context.Context, db *sql.DB, log *slog.Logger) {
	prometheus.MustRegister(collectors.NewDBStatsCollector(db, "meters"))
	go func() {
		t := time.NewTicker(5 * time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s := db.Stats()
				log.Info("db pool stats", "open", s.OpenConnections, "in_use", s.InUse, "idle", s.Idle,
					"wait_count", s.WaitCount, "max_idle_closed", s.MaxIdleClosed,
					"max_idle_time_closed", s.MaxIdleTimeClosed, "max_lifetime_closed", s.MaxLifetimeClosed)
			}
		}
	}()
}
