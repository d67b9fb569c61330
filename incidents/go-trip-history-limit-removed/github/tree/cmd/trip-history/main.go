package main

import (
	"context"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"

	"github.com/halyard-telematics/trip-history/internal/api"
	"github.com/halyard-telematics/trip-history/internal/store"
)

var (
	version = "dev"
	commit  = "none"
)

func main() {
	zerolog.TimeFieldFormat = time.RFC3339Nano
	log.Logger = zerolog.New(os.Stdout).With().Timestamp().Caller().Logger()
	log.Info().Str("version", version).Str("commit", commit).Msg("starting trip-history")

	pool, err := pgxpool.New(context.Background(), os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal().Err(err).Msg("connect to postgres")
	}
	trips := store.NewTripStore(pool)

	r := chi.NewRouter()
	r.Use(api.AccessLog, api.Timeout(10*time.Second))
	r.Get("/v1/vehicles/{vehicleID}/trips", api.NewTripsHandler(trips).List)
	r.Get("/v1/trips/{tripID}", api.NewTripDetailHandler(trips).Get)
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })

	go reportRuntime()
	log.Info().Str("addr", ":8080").Msg("listening")
	if err := http.ListenAndServe(":8080", r); err != nil {
		log.Fatal().Err(err).Msg("server stopped")
	}
}

func reportRuntime() {
	var m runtime.MemStats
	for range time.Tick(time.Minute) {
		runtime.ReadMemStats(&m)
		log.Info().Uint64("heap_alloc_mb", m.HeapAlloc>>20).Uint64("sys_mb", m.Sys>>20).
			Int("goroutines", runtime.NumGoroutine()).Uint32("gc_cycles", m.NumGC).Msg("runtime stats")
	}
}
