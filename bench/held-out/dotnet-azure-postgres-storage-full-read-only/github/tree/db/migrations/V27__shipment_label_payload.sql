-- Keep the carrier's label response so support can see what the carrier answered.
ALTER TABLE shipment_labels ADD COLUMN label_payload jsonb;
