-- migrate:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_account_posted_idx
    ON ledger_entries (account_id, posted_at DESC);
DROP INDEX CONCURRENTLY IF EXISTS ledger_entries_account_idx;
