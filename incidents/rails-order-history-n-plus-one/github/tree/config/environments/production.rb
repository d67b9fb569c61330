require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.enable_reloading = false
  config.eager_load = true
  config.consider_all_requests_local = false
  config.force_ssl = true

  config.logger = ActiveSupport::TaggedLogging.logger($stdout)
  config.log_tags = [:request_id]
  # Debug in production while we chase the checkout latency regression (STORE-771).
  config.log_level = ENV.fetch("RAILS_LOG_LEVEL", "debug")
  config.active_record.verbose_query_logs = true

  config.i18n.fallbacks = true
  config.active_support.report_deprecations = false
  config.active_record.dump_schema_after_migration = false
end
