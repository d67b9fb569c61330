-- flyway:executeInTransaction=false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payouts_status_created ON payouts (status, created_at);
