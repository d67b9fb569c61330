Rails.application.configure do
  config.lograge.enabled = true
  config.lograge.formatter = Lograge::Formatters::KeyValue.new
  config.lograge.custom_payload do |controller|
    {
      request_id: controller.request.request_id,
      pod: ENV["HOSTNAME"],
    }
  end
  config.lograge.custom_options = lambda do |event|
    {
      cache_hits: event.payload[:cache_hits],
      cache_misses: event.payload[:cache_misses],
    }.compact
  end
end
