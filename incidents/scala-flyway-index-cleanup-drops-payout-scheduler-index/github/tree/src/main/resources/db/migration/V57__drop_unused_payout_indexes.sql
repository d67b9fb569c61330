-- flyway:executeInTransaction=false
-- Index review (pg_stat_user_indexes on primary, 2026-11-06):
--   idx_payouts_created_at               idx_scan=0       size=1.9 GB  superseded by idx_payouts_status_created (V56)
--   idx_payouts_merchant_status_created  idx_scan=19,842  size=2.6 GB  (idx_payouts_merchant_id: idx_scan=412,557,301)
--     merchant lookups are served by idx_payouts_merchant_id; the composite adds little.
-- Together 4.5 GB and two extra index writes per payout insert/update.
DROP INDEX CONCURRENTLY IF EXISTS idx_payouts_created_at;
DROP INDEX CONCURRENTLY IF EXISTS idx_payouts_merchant_status_created;
