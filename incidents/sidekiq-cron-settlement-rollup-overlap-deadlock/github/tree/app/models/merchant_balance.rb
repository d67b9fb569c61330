# frozen_string_literal: true

class MerchantBalance < ApplicationRecord
  belongs_to :merchant

  def self.for(merchant_id, currency)
    find_by(merchant_id: merchant_id, currency: currency)
  end
end
