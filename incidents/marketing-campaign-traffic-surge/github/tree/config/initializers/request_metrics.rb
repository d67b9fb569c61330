# Logs one line per minute with the request rate and pool pressure of this process.
# Read by the "storefront / capacity" dashboard (Loki) and by humans during incidents.
Rails.application.config.after_initialize do
  next unless defined?(Puma) && Rails.env.production?

  Thread.new do
    loop do
      sleep 60
      stats = Storefront::RequestStats.snapshot!
      pool = ActiveRecord::Base.connection_pool.stat
      puma = Puma.stats_hash
      Rails.logger.info(
        "[metrics] window=60s rps=#{stats.rps.round(1)} p50_ms=#{stats.p50} p95_ms=#{stats.p95} " \
        "status_5xx=#{stats.errors} puma_backlog=#{puma[:backlog]} puma_busy=#{puma[:running] - puma[:pool_capacity]}/#{puma[:max_threads]} " \
        "db_pool_size=#{pool[:size]} db_pool_busy=#{pool[:busy]} db_pool_waiting=#{pool[:waiting]} version=#{Storefront::VERSION}"
      )
    end
  end
end
