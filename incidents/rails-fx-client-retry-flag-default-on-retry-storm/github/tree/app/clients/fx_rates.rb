# frozen_string_literal: true

module FxRates
  class Unavailable < StandardError; end

  def self.client
    if Features.enabled?(:fx_client_v2)
      @client_v2 ||= ClientV2.new(base_url: ENV.fetch("FX_RATES_URL"), timeout: 0.8)
    else
      @client ||= Client.new(base_url: ENV.fetch("FX_RATES_URL"), timeout: 0.8)
    end
  end
end
