CREATE TABLE ledger_entries (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    transfer_id uuid NOT NULL REFERENCES transfers (id),
    account_id  text NOT NULL,
    amount      bigint NOT NULL,
    currency    char(3) NOT NULL,
    posted_at   timestamptz NOT NULL DEFAULT now(),
    reference   text
);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id);
