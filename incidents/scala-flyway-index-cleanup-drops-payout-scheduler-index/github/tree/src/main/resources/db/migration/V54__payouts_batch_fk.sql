ALTER TABLE payouts ADD COLUMN batch_id BIGINT REFERENCES payout_batches (id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payouts_batch_id ON payouts (batch_id);
