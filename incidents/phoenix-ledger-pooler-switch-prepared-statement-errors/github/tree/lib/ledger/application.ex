defmodule Ledger.Application do
  @moduledoc false

  use Application

  require Logger

  @impl true
  def start(_type, _args) do
    children = [
      LedgerWeb.Telemetry,
      Ledger.Repo,
      {Phoenix.PubSub, name: Ledger.PubSub},
      {Finch, name: Ledger.Finch, pools: %{default: [size: 25, count: 1]}},
      Ledger.Holds.Expirer,
      LedgerWeb.Endpoint
    ]

    log_boot_summary()

    opts = [strategy: :one_for_one, name: Ledger.Supervisor]
    Supervisor.start_link(children, opts)
  end

  @impl true
  def config_change(changed, _new, removed) do
    LedgerWeb.Endpoint.config_change(changed, removed)
    :ok
  end

  # One line per boot so that on-call can see which build and which database a pod uses.
  defp log_boot_summary do
    repo = Application.get_env(:ledger, Ledger.Repo, [])
    uri = if repo[:url], do: URI.parse(repo[:url]), else: %URI{}

    Logger.info(
      "Ledger #{Application.spec(:ledger, :vsn)} starting " <>
        "release=#{System.get_env("RELEASE_TAG", "dev")} " <>
        "otp=#{System.otp_release()} schedulers=#{System.schedulers_online()} " <>
        "repo=#{uri.host}:#{uri.port || 5432}#{uri.path} pool_size=#{repo[:pool_size]}"
    )
  end
end
