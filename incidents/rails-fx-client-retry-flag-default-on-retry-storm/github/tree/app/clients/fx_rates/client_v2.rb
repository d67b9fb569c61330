# frozen_string_literal: true

require "faraday/retry"

module FxRates
  # Second-generation client: retries transient failures so a single slow
  # fx-rates pod does not surface as a pricing error to shoppers.
  class ClientV2
    RETRY_OPTIONS = {
      max: 4,
      interval: 0,
      backoff_factor: 1,
      methods: %i[get],
      retry_statuses: [500, 502, 503, 504],
      exceptions: [Faraday::TimeoutError, Faraday::ConnectionFailed, Faraday::ServerError]
    }.freeze

    def initialize(base_url:, timeout:)
      @conn = Faraday.new(url: base_url) do |f|
        f.options.timeout = timeout
        f.options.open_timeout = 0.3
        f.request :json
        f.request :retry, RETRY_OPTIONS
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
