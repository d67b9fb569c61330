package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

var ErrNotFound = errors.New("not found")

func isConnErr(err error) bool {
	var op *net.OpError
	return errors.As(err, &op)
}

type Reading struct {
	MeterID string    `json:"meter_id"`
	At      time.Time `json:"at"`
	KWh     float64   `json:"kwh"`
	Quality string    `json:"quality"`
}

// latestReadingsSQL must stay an index-only scan on
// readings_meter_id_read_at_idx (meter_id, read_at DESC): see TSDB-77.
const latestReadingsSQL = `
SELECT meter_id, read_at, kwh, quality
  FROM readings
 WHERE meter_id = $1
 ORDER BY read_at DESC
 LIMIT $2`

// GetLatestReadings returns the newest readings of one meter, newest first.
// Errors are wrapped with the meter id so they can be found in the logs.
// A read is idempotent: it is retried once on a network error, which the
// pool sees when a pooled connection was reset while idle.
func (s *Store) GetLatestReadings(ctx context.Context, meterID string, limit int) ([]Reading, error) {
	out, err := s.getLatestReadings(ctx, meterID, limit)
	if err != nil && isConnErr(err) {
		return s.getLatestReadings(ctx, meterID, limit)
	}
	return out, err
}

func (s *Store) getLatestReadings(ctx context.Context, meterID string, limit int) ([]Reading, error) {
	rows, err := s.db.QueryContext(ctx, latestReadingsSQL, meterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store.GetLatestReadings %s: %w", meterID, err)
	}
	defer rows.Close()

	var out []Reading
	for rows.Next() {
		var r Reading
		if err := rows.Scan(&r.MeterID, &r.At, &r.KWh, &r.Quality); err != nil {
			return nil, fmt.Errorf("store.GetLatestReadings %s: scan: %w", meterID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.GetLatestReadings %s: %w", meterID, err)
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return out, nil
}

const insertReadingSQL = `INSERT INTO readings (meter_id, read_at, kwh, quality) VALUES ($1, $2, $3, $4) ON CONFLICT (meter_id, read_at) DO NOTHING`

// InsertReadings stores one upload batch in a single transaction.
func (s *Store) InsertReadings(ctx context.Context, batch []Reading) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store.InsertReadings: begin: %w", err)
	}
	defer tx.Rollback()

	stmt, err := tx.PrepareContext(ctx, insertReadingSQL)
	if err != nil {
		return 0, fmt.Errorf("store.InsertReadings: prepare: %w", err)
	}
	defer stmt.Close()

	n := 0
	for _, r := range batch {
		if _, err := stmt.ExecContext(ctx, r.MeterID, r.At, r.KWh, r.Quality); err != nil {
			return 0, fmt.Errorf("store.InsertReadings %s: %w", r.MeterID, err)
		}
		n++
	}
	return n, tx.Commit()
}
