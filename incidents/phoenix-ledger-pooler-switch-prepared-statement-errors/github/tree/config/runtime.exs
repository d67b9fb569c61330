import Config

if System.get_env("PHX_SERVER") do
  config :ledger, LedgerWeb.Endpoint, server: true
end

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise """
      environment variable DATABASE_URL is missing.
      For example: ecto://USER:PASS@HOST/DATABASE
      """

  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

  # ledger-db sits at ~180 of 200 max_connections (8 pods x POOL_SIZE 10 + payouts + BI), which
  # is what blocks scaling ledger-api out for the salary-day peak. Platform runs pgbouncer in
  # front of ledger-db (platform-data/pgbouncer, one pool per database, 60 server connections
  # for `ledger`); DATABASE_POOLER_URL comes from the ledger-db-pgbouncer secret. DATABASE_URL
  # stays as the fallback for local and CI.
  config :ledger, Ledger.Repo,
    url: System.get_env("DATABASE_POOLER_URL") || database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "20"),
    queue_target: 500,
    queue_interval: 5_000,
    socket_options: maybe_ipv6

  secret_key_base =
    System.get_env("SECRET_KEY_BASE") ||
      raise """
      environment variable SECRET_KEY_BASE is missing.
      You can generate one by calling: mix phx.gen.secret
      """

  host = System.get_env("PHX_HOST") || "ledger-api.tallyfin.internal"
  port = String.to_integer(System.get_env("PORT") || "4000")

  config :ledger, LedgerWeb.Endpoint,
    url: [host: host, port: 443, scheme: "https"],
    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
    secret_key_base: secret_key_base

  config :ledger, Ledger.Payouts.Client,
    base_url: System.get_env("PAYOUTS_BASE_URL", "https://api.payrail.example/v2"),
    api_key: System.fetch_env!("PAYOUTS_API_KEY"),
    timeout: 8_000

  config :ledger, Ledger.Holds.Expirer, interval: :timer.seconds(30)
end
