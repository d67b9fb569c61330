CREATE INDEX idx_payouts_merchant_id ON payouts (merchant_id);
CREATE INDEX idx_payouts_merchant_status_created ON payouts (merchant_id, status, created_at);
CREATE INDEX idx_payouts_created_at ON payouts (created_at);
