CREATE TABLE pick_events (
    id            bigserial PRIMARY KEY,
    pick_list_id  uuid        NOT NULL REFERENCES pick_lists (id),
    line_no       integer     NOT NULL,
    sku           text        NOT NULL,
    qty           integer     NOT NULL CHECK (qty > 0),
    scanned_by    text        NOT NULL,
    scanned_at    timestamptz NOT NULL
);

CREATE INDEX pick_events_pick_list_id_idx ON pick_events (pick_list_id);
