ALTER TABLE merchants ADD COLUMN payout_schedule TEXT NOT NULL DEFAULT 'daily';
