defmodule RelayWeb.ShipmentController do
  use RelayWeb, :controller

  alias Relay.Shipments

  action_fallback RelayWeb.FallbackController

  plug RelayWeb.Plugs.RequireScope, "shipments:read"

  def index(conn, params) do
    account = conn.assigns.current_account
    page = Shipments.list_for_account(account, cursor: params["cursor"], limit: 50)
    render(conn, :index, shipments: page.entries, next_cursor: page.next_cursor)
  end

  def show(conn, %{"id" => public_id}) do
    account = conn.assigns.current_account

    with {:ok, shipment} <- Shipments.fetch_for_account(account, public_id) do
      render(conn, :show, shipment: shipment)
    end
  end
end
