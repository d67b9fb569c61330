CREATE TABLE payout_batches (
    id           BIGSERIAL PRIMARY KEY,
    scheduled_at TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    status       TEXT NOT NULL DEFAULT 'scheduled'
);
