package eta

import (
	"sort"
	"time"
)

// Scan is one carrier scan event as stored by the tracker.
type Scan struct {
	Code      string
	Hub       string
	ScannedAt time.Time
}

// Config tunes the estimator.
type Config struct {
	DefaultTransit time.Duration
	HubDwell       time.Duration
	// MaxScanAge drops scans older than this relative to the newest scan;
	// carriers sometimes replay stale scans after a system migration.
	MaxScanAge time.Duration
}

func DefaultConfig() Config {
	return Config{DefaultTransit: 48 * time.Hour, HubDwell: 6 * time.Hour, MaxScanAge: 72 * time.Hour}
}

// Estimator predicts delivery times from the scans seen so far.
type Estimator struct {
	cfg Config
}

func NewEstimator(cfg Config) *Estimator {
	return &Estimator{cfg: cfg}
}

// Estimate returns the expected delivery time for a shipment.
func (e *Estimator) Estimate(shippedAt time.Time, scans []Scan, remainingHubs int) time.Time {
	if len(scans) == 0 {
		return shippedAt.Add(e.cfg.DefaultTransit)
	}
	sorted := make([]Scan, len(scans))
	copy(sorted, scans)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ScannedAt.Before(sorted[j].ScannedAt) })

	last := sorted[len(sorted)-1]
	if e.cfg.MaxScanAge > 0 {
		cutoff := last.ScannedAt.Add(-e.cfg.MaxScanAge)
		fresh := sorted[:0]
		for _, s := range sorted {
			if !s.ScannedAt.Before(cutoff) {
				fresh = append(fresh, s)
			}
		}
		sorted = fresh
	}
	if last.Code == "DELIVERED" {
		return last.ScannedAt
	}
	return last.ScannedAt.Add(time.Duration(remainingHubs) * e.cfg.HubDwell)
}
