import Config

if config_env() == :prod do
  config :relay_web, RelayWeb.Endpoint,
    url: [host: System.fetch_env!("PHX_HOST"), port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0}, port: String.to_integer(System.get_env("PORT", "4000"))],
    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")

  config :relay, Relay.Repo,
    url: System.fetch_env!("DATABASE_URL"),
    pool_size: String.to_integer(System.get_env("POOL_SIZE", "20"))

  config :relay_notify,
    api_base_url: System.get_env("RELAY_API_URL", "http://relay-api.relay.svc.cluster.local:4000"),
    api_token: System.fetch_env!("RELAY_NOTIFY_API_TOKEN")

  config :relay_notify, Oban,
    repo: RelayNotify.Repo,
    queues: [sms: 20, email: 10, webhooks: 20],
    plugins: [
      {Oban.Plugins.Pruner, max_age: 60 * 60 * 24 * 7},
      {Oban.Plugins.Lifeline, rescue_after: :timer.minutes(30)}
    ]

  config :logger, :default_handler, formatter: {LoggerJSON.Formatters.GoogleCloud, metadata: :all}
end
