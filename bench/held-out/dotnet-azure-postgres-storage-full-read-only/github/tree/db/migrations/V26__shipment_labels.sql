CREATE TABLE shipment_labels (
    id               bigserial PRIMARY KEY,
    shipment_id      uuid        NOT NULL,
    carrier          text        NOT NULL,
    tracking_number  text        NOT NULL,
    label_url        text        NOT NULL,
    created_at       timestamptz NOT NULL
);

CREATE INDEX shipment_labels_shipment_id_idx ON shipment_labels (shipment_id, created_at DESC);
