# Heroku's router gives up after 30 s (H12); we stop the request well before so
# Puma threads are not held by requests nobody is waiting for.
Rails.application.config.middleware.insert_before Rack::Runtime, Rack::Timeout,
                                                  service_timeout: Integer(ENV.fetch("RACK_TIMEOUT_SERVICE_TIMEOUT", 25))
