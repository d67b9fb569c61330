-- Stock levels are pushed by the warehouse sync job
ALTER TABLE book ADD COLUMN stock INTEGER NOT NULL DEFAULT 0;

ALTER TABLE book ADD CONSTRAINT chk_book_stock_non_negative CHECK (stock >= 0);
