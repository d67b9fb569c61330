import Config

config :ledger,
  ecto_repos: [Ledger.Repo],
  generators: [timestamp_type: :utc_datetime_usec]

config :ledger, LedgerWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Phoenix.Endpoint.Cowboy2Adapter,
  render_errors: [formats: [json: LedgerWeb.ErrorJSON], layout: false],
  pubsub_server: Ledger.PubSub

config :logger, :console,
  format: "$date $time $metadata[$level] $message\n",
  metadata: [:request_id]

config :phoenix, :json_library, Jason

config :tesla, adapter: {Tesla.Adapter.Finch, name: Ledger.Finch}

import_config "#{config_env()}.exs"
