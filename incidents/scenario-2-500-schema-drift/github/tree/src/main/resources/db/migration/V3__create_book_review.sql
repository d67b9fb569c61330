CREATE TABLE book_review (
    id          BIGSERIAL PRIMARY KEY,
    book_id     BIGINT       NOT NULL REFERENCES book (id) ON DELETE CASCADE,
    rating      SMALLINT     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    reviewer    VARCHAR(120) NOT NULL,
    body        TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_book_review_book ON book_review (book_id);
