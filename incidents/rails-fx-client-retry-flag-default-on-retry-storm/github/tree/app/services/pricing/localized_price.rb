# frozen_string_literal: true

module Pricing
  # Converts a product's base price (GBP) into the shopper's currency.
  class LocalizedPrice
    CACHE_TTL = 60.seconds

    def initialize(product, currency)
      @product = product
      @currency = currency
    end

    def call
      return @product.base_price if @currency == "GBP"

      rate = Rails.cache.fetch(["fx", "GBP", @currency], expires_in: CACHE_TTL, race_condition_ttl: 5.seconds) do
        FxRates.client.rate(from: "GBP", to: @currency)
      end
      (@product.base_price * rate).round(2)
    rescue FxRates::Unavailable => e
      Rails.logger.error("[pricing] fx conversion failed currency=#{@currency} product=#{@product.id} error=#{e.message}")
      ActiveSupport::Notifications.instrument("fx_conversion_failed.pricing", currency: @currency)
      raise
    end
  end
end
