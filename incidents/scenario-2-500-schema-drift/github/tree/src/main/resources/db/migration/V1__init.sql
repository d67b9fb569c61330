-- Initial catalog schema
CREATE TABLE publisher (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    country     CHAR(2),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE book (
    id            BIGSERIAL PRIMARY KEY,
    isbn          VARCHAR(17)   NOT NULL UNIQUE,
    title         VARCHAR(300)  NOT NULL,
    author        VARCHAR(200)  NOT NULL,
    publisher_id  BIGINT REFERENCES publisher (id),
    price         NUMERIC(10,2) NOT NULL,
    list_price    NUMERIC(10,2),
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE INDEX idx_book_publisher ON book (publisher_id);
CREATE INDEX idx_book_title_lower ON book (lower(title));
