package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/rs/zerolog/log"
)

const slowQueryThreshold = 500 * time.Millisecond

const listTripsByVehicleSQL = `
SELECT id, vehicle_id, driver_id, started_at, ended_at, distance_m,
       start_lat, start_lon, end_lat, end_lon, route_polyline
  FROM trips
 WHERE vehicle_id = $1
 ORDER BY started_at DESC`

const getTripSQL = `
SELECT id, vehicle_id, driver_id, started_at, ended_at, distance_m,
       start_lat, start_lon, end_lat, end_lon, route_polyline
  FROM trips
 WHERE id = $1`

// Trip is one ignition-on to ignition-off journey. RoutePolyline is the encoded GPS track
// (Google polyline format), typically 5-40 KiB.
type Trip struct {
	ID            string     `json:"id"`
	VehicleID     string     `json:"vehicle_id"`
	DriverID      *string    `json:"driver_id,omitempty"`
	StartedAt     time.Time  `json:"started_at"`
	EndedAt       *time.Time `json:"ended_at,omitempty"`
	DistanceM     int64      `json:"distance_m"`
	StartLat      float64    `json:"start_lat"`
	StartLon      float64    `json:"start_lon"`
	EndLat        *float64   `json:"end_lat,omitempty"`
	EndLon        *float64   `json:"end_lon,omitempty"`
	RoutePolyline string     `json:"route_polyline"`
}

type TripStore struct {
	pool *pgxpool.Pool
}

func NewTripStore(pool *pgxpool.Pool) *TripStore {
	return &TripStore{pool: pool}
}

// ListTripsByVehicle returns all of the vehicle's trips, newest first. The caller pages
// through them, so that it can also report the total for the pager.
func (s *TripStore) ListTripsByVehicle(ctx context.Context, vehicleID string) ([]Trip, error) {
	start := time.Now()
	rows, err := s.pool.Query(ctx, listTripsByVehicleSQL, vehicleID)
	if err != nil {
		return nil, fmt.Errorf("list trips for %s: %w", vehicleID, err)
	}

	vehicleTrips, err := scanTrips(rows)
	if err != nil {
		return nil, fmt.Errorf("scan trips for %s: %w", vehicleID, err)
	}
	if elapsed := time.Since(start); elapsed > slowQueryThreshold {
		log.Ctx(ctx).Warn().Str("query", "ListTripsByVehicle").Str("vehicle_id", vehicleID).
			Int("rows", len(vehicleTrips)).Dur("duration", elapsed).Msg("slow query")
	}
	return vehicleTrips, nil
}

func (s *TripStore) GetTrip(ctx context.Context, id string) (*Trip, error) {
	rows, err := s.pool.Query(ctx, getTripSQL, id)
	if err != nil {
		return nil, fmt.Errorf("get trip %s: %w", id, err)
	}
	found, err := scanTrips(rows)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, nil
	}
	return &found[0], nil
}

func scanTrips(tripRows pgx.Rows) ([]Trip, error) {
	defer tripRows.Close()
	var scanned []Trip
	for tripRows.Next() {
		var trip Trip
		if err := tripRows.Scan(&trip.ID, &trip.VehicleID, &trip.DriverID, &trip.StartedAt, &trip.EndedAt, &trip.DistanceM,
			&trip.StartLat, &trip.StartLon, &trip.EndLat, &trip.EndLon, &trip.RoutePolyline); err != nil {
			return nil, err
		}
		scanned = append(scanned, trip)
	}
	return scanned, tripRows.Err()
}
