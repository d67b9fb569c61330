CREATE TABLE purchase_order (
    id            UUID PRIMARY KEY,
    order_number  VARCHAR(32)    NOT NULL UNIQUE,
    customer_id   VARCHAR(32)    NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    placed_at     TIMESTAMPTZ    NOT NULL,
    total_amount  NUMERIC(12, 2) NOT NULL,
    currency      CHAR(3)        NOT NULL
);

CREATE INDEX purchase_order_customer_placed_idx ON purchase_order (customer_id, placed_at DESC);

CREATE TABLE order_line (
    id          UUID PRIMARY KEY,
    order_id    UUID           NOT NULL REFERENCES purchase_order (id),
    position    INT            NOT NULL,
    sku         VARCHAR(32)    NOT NULL,
    quantity    INT            NOT NULL,
    unit_price  NUMERIC(12, 2) NOT NULL
);

CREATE INDEX order_line_order_idx ON order_line (order_id);
