package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tallyworks/dbkit"
)

// Store is the Postgres side of the ledger. Every money movement is two rows in
// ledger_entries (debit and credit) written in one transaction.
type Store struct {
	db *dbkit.Pool
}

func New(db *dbkit.Pool) *Store { return &Store{db: db} }

type Entry struct {
	ID        string
	AccountID string
	Amount    int64
	Currency  string
	PostedAt  time.Time
	Reference string
}

var ErrInsufficientFunds = errors.New("insufficient funds")

// Balance returns the available balance of an account in minor units.
func (s *Store) Balance(ctx context.Context, accountID string) (int64, error) {
	var bal int64
	err := s.db.QueryRow(ctx,
		`SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = $1`,
		accountID).Scan(&bal)
	if err != nil {
		return 0, fmt.Errorf("balance: %w", err)
	}
	return bal, nil
}

// Transfer moves amount from one account to another.
func (s *Store) Transfer(ctx context.Context, from, to string, amount int64, currency, ref string) (string, error) {
	var id string
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		var bal int64
		if err := tx.QueryRow(ctx,
			`SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = $1 FOR UPDATE`,
			from).Scan(&bal); err != nil {
			return err
		}
		if bal < amount {
			return ErrInsufficientFunds
		}
		if err := tx.QueryRow(ctx,
			`INSERT INTO transfers (from_account, to_account, amount, currency, reference) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			from, to, amount, currency, ref).Scan(&id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx,
			`INSERT INTO ledger_entries (transfer_id, account_id, amount, currency) VALUES ($1, $2, $3, $5), ($1, $4, -$3, $5)`,
			id, to, amount, from, currency)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("transfer: %w", err)
	}
	return id, nil
}

// Entries lists the entries of an account, newest first.
func (s *Store) Entries(ctx context.Context, accountID string, since time.Time, limit int) ([]Entry, error) {
	rows, err := s.db.Query(ctx,
		`SELECT id, account_id, amount, currency, posted_at, COALESCE(reference, '')
		   FROM ledger_entries
		  WHERE account_id = $1 AND posted_at >= $2
		  ORDER BY posted_at DESC
		  LIMIT $3`,
		accountID, since, limit)
	if err != nil {
		return nil, fmt.Errorf("query ledger entries for account %s: %w", accountID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.AccountID, &e.Amount, &e.Currency, &e.PostedAt, &e.Reference); err != nil {
			return nil, fmt.Errorf("scan ledger entry for account %s: %w", accountID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query ledger entries for account %s: %w", accountID, err)
	}
	return out, nil
}
