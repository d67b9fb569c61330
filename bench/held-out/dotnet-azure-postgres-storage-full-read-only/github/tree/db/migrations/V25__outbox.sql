CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    type           text        NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    claimed_at     timestamptz,
    dispatched_at  timestamptz
);

CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL;
