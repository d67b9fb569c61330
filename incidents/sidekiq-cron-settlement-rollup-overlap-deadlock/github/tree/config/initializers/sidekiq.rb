# frozen_string_literal: true

require "sidekiq"
require "sidekiq-cron"

redis_url = ENV.fetch("REDIS_URL", "redis://localhost:6379/0")

Sidekiq.configure_server do |config|
  config.redis = { url: redis_url, size: 12 }
  config.logger.level = Logger::INFO

  config.error_handlers << lambda do |ex, ctx, _cfg = nil|
    job = ctx[:job] || {}
    next unless job["queue"] == "ledger"

    Rails.logger.error("ledger job failed class=#{job["class"]} jid=#{job["jid"]} " \
                       "retry_count=#{job["retry_count"] || 0} error=#{ex.class}: #{ex.message}")
    Sentry.capture_exception(ex, tags: { queue: job["queue"], job_class: job["class"] })
  end

  config.on(:startup) do
    schedule_file = Rails.root.join("config/schedule.yml")
    Sidekiq::Cron::Job.load_from_hash!(YAML.load_file(schedule_file)) if File.exist?(schedule_file)
  end
end

Sidekiq.configure_client do |config|
  config.redis = { url: redis_url, size: 5 }
end
