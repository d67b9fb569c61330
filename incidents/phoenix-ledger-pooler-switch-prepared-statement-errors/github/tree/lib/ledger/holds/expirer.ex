defmodule Ledger.Holds.Expirer do
  @moduledoc """
  Releases card authorisation holds that the card processor never captured. Runs every
  `:interval` ms on every node; the UPDATE is idempotent, so concurrent runs are harmless.
  """

  use GenServer

  import Ecto.Query, warn: false

  require Logger

  alias Ledger.Repo

  @max_age_days 7

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    interval = Application.get_env(:ledger, __MODULE__, [])[:interval] || :timer.seconds(30)
    Process.send_after(self(), :expire, interval)
    {:ok, %{interval: interval, released_total: 0}}
  end

  @impl true
  def handle_info(:expire, state) do
    cutoff = DateTime.add(DateTime.utc_now(), -@max_age_days * 86_400, :second)

    {released, _} =
      from(h in "holds", where: is_nil(h.released_at) and h.authorised_at < ^cutoff)
      |> Repo.update_all(set: [released_at: DateTime.utc_now(), release_reason: "expired"])

    if released > 0, do: Logger.info("Holds.Expirer released #{released} expired holds")

    Process.send_after(self(), :expire, state.interval)
    {:noreply, %{state | released_total: state.released_total + released}}
  end
end
