defmodule RelayWeb.DeliveryHeatmapLive do
  use RelayWeb, :live_view

  alias Relay.Analytics

  @refresh_ms 60_000

  def mount(_params, _session, socket) do
    if connected?(socket), do: :timer.send_interval(@refresh_ms, :refresh)
    {:ok, assign(socket, buckets: load(socket))}
  end

  def handle_info(:refresh, socket) do
    {:noreply, assign(socket, buckets: load(socket))}
  end

  defp load(socket) do
    account = socket.assigns.current_account
    Analytics.deliveries_by_hour(account, days: 14, time_zone: account.time_zone || "Etc/UTC")
  end

  def render(assigns) do
    ~H"""
    <.heatmap buckets={@buckets} x="hour" y="weekday" />
    """
  end
end
