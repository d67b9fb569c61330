import Config

config :ledger, LedgerWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"

config :logger, level: :info

# Statement exports are pulled by the mobile app at login; keep them fresh for 30s only.
config :ledger, Ledger.Statements, cache_ttl: :timer.seconds(30)
