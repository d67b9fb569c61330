import Config

if config_env() == :prod do
  config :listings, Listings.Repo,
    url: System.fetch_env!("DATABASE_URL"),
    pool_size: String.to_integer(System.get_env("POOL_SIZE", "20")),
    queue_target: 2_000,
    queue_interval: 5_000

  config :listings, :search_rate_limit, per_minute: 60, max_page: 200

  config :listings, ListingsWeb.Endpoint,
    url: [host: "www.boligsted.dk", port: 443, scheme: "https"],
    http: [port: 4000]
end
