# frozen_string_literal: true

# Rolls settled ledger entries up into merchant_balances so that the merchant
# dashboard and the payout scheduler read one row per merchant and currency
# instead of summing the ledger. Scheduled by sidekiq-cron, see
# config/schedule.yml and docs/runbooks/settlement-rollup.md.
class SettlementRollupJob
  include Sidekiq::Job

  sidekiq_options queue: :ledger, retry: 3

  DEFAULT_BATCH_SIZE = 500

  # Claims the oldest settled, not yet rolled up entries. The row locks are held
  # until the surrounding transaction commits.
  CLAIM_SQL = <<~SQL.squish
    SELECT id, merchant_id, currency, amount_cents
      FROM ledger_entries
     WHERE state = 'settled'
       AND rolled_up_at IS NULL
     ORDER BY created_at
     LIMIT ?
       FOR UPDATE
  SQL

  # Upsert: one row per (merchant_id, currency), unique key uniq_merchant_currency.
  CREDIT_SQL = <<~SQL.squish
    INSERT INTO merchant_balances (merchant_id, currency, available_cents, updated_at)
    VALUES (?, ?, ?, NOW())
    ON DUPLICATE KEY UPDATE
      available_cents = available_cents + VALUES(available_cents),
      updated_at = NOW()
  SQL

  def perform(options = {})
    batch_size = Integer(options.fetch("batch_size", DEFAULT_BATCH_SIZE))
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)

    rolled = LedgerEntry.transaction do
      entries = LedgerEntry.find_by_sql([CLAIM_SQL, batch_size])
      next 0 if entries.empty?

      entries.group_by { |e| [e.merchant_id, e.currency] }.each do |(merchant_id, currency), group|
        credit_balance(merchant_id, currency, group.sum(&:amount_cents))
      end

      LedgerEntry.where(id: entries.map(&:id)).update_all(rolled_up_at: Time.current)
      entries.size
    end

    elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC) - started
    Rails.logger.info("settlement_rollup rolled=#{rolled} batch_size=#{batch_size} elapsed=#{elapsed.round(1)}s")
  end

  private

  def credit_balance(merchant_id, currency, amount_cents)
    sql = MerchantBalance.sanitize_sql_array([CREDIT_SQL, merchant_id, currency, amount_cents])
    MerchantBalance.connection.execute(sql)
  end

  sidekiq_retry_in do |_count, exception|
    5 + rand(10) if exception.is_a?(ActiveRecord::Deadlocked)
  end
end
