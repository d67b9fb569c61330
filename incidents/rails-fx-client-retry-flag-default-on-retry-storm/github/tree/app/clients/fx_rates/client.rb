# frozen_string_literal: true

module FxRates
  # Thin client for the internal fx-rates service. Rates are cached for
  # 60 seconds per currency pair by the caller (Pricing::LocalizedPrice).
  class Client
    def initialize(base_url:, timeout:)
      @conn = Faraday.new(url: base_url) do |f|
        f.options.timeout = timeout
        f.options.open_timeout = 0.3
        f.request :json
        f.response :json
        f.response :raise_error
        f.adapter :net_http_persistent, pool_size: 8
      end
    end

    def rate(from:, to:)
      resp = @conn.get("/v1/rates/#{from}/#{to}")
      BigDecimal(resp.body.fetch("rate").to_s)
    rescue Faraday::Error => e
      raise Unavailable, "fx-rates #{from}->#{to}: #{e.class}: #{e.message}"
    end
  end
end
