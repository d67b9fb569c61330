-- Track last modification for the search indexer's incremental sync
ALTER TABLE book ADD COLUMN updated_at TIMESTAMPTZ;

UPDATE book SET updated_at = created_at WHERE updated_at IS NULL;

CREATE INDEX idx_book_updated_at ON book (updated_at);
