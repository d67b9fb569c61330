defmodule RelayWeb.ShipmentJSON do
  @moduledoc """
  Renders shipments for the v2 API (`GET /api/v2/shipments`, `GET /api/v2/shipments/:id`).

  The documented schema lives in `docs/api/shipments-v2.md`.
  """

  alias Relay.Shipments.Shipment

  def index(%{shipments: shipments, next_cursor: cursor}) do
    %{data: Enum.map(shipments, &data/1), next_cursor: cursor}
  end

  def show(%{shipment: shipment}) do
    %{data: data(shipment)}
  end

  defp data(%Shipment{} = s) do
    %{
      id: s.public_id,
      status: s.status,
      carrier: carrier(s.carrier, s.tracking_number),
      tracking_number: s.tracking_number,
      eta: s.eta && DateTime.to_iso8601(s.eta),
      recipient: recipient(s.recipient),
      updated_at: DateTime.to_iso8601(s.updated_at)
    }
  end

  defp carrier(c, tracking_number) do
    %{name: c.display_name, tracking_url: Relay.Carriers.tracking_url(c, tracking_number)}
  end

  defp recipient(nil), do: nil

  defp recipient(r) do
    %{name: r.display_name, phone: r.phone_e164, locale: r.locale}
  end
end
