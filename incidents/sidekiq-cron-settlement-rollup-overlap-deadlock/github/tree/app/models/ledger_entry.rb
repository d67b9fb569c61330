# frozen_string_literal: true

class LedgerEntry < ApplicationRecord
  belongs_to :merchant

  enum :state, { pending: "pending", settled: "settled", reversed: "reversed" }, validate: true

  scope :unrolled, -> { settled.where(rolled_up_at: nil) }
end
