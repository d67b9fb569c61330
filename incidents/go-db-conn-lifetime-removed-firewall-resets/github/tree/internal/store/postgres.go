package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"

	_ "github.com/lib/pq"

	"github.com/northpeak-energy/meter-readings-api/internal/config"
)

type Store struct {
	db  *sql.DB
	log *slog.Logger
}

func Open(ctx context.Context, c config.DB, log *slog.Logger) (*Store, error) {
	dsn := fmt.Sprintf("host=%s port=%d dbname=%s user=%s password=%s sslmode=%s application_name=meter-readings-api",
		c.Host, c.Port, c.Name, c.User, os.Getenv("DB_PASSWORD"), c.SSLMode)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(c.MaxOpenConns)
	db.SetMaxIdleConns(c.MaxIdleConns)
	db.SetConnMaxLifetime(c.ConnMaxLifetime)
	db.SetConnMaxIdleTime(c.ConnMaxIdleTime)
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("ping %s:%d: %w", c.Host, c.Port, err)
	}
	log.Info("db pool configured", "host", c.Host, "max_open", c.MaxOpenConns, "max_idle", c.MaxIdleConns,
		"conn_max_lifetime", c.ConnMaxLifetime.String(), "conn_max_idle_time", c.ConnMaxIdleTime.String())
	return &Store{db: db, log: log}, nil
}

func (s *Store) DB() *sql.DB { return s.db }
