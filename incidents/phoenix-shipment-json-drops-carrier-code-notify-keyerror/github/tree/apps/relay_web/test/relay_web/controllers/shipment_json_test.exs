defmodule RelayWeb.ShipmentJSONTest do
  use RelayWeb.ConnCase, async: true

  import Relay.Factory

  alias RelayWeb.ShipmentJSON

  test "show/1 renders the v2 shape" do
    shipment = build(:shipment, carrier: build(:carrier, code: "dhl_express"), status: "in_transit")

    %{data: data} = ShipmentJSON.show(%{shipment: shipment})

    assert data.id == shipment.public_id
    assert data.status == "in_transit"
    assert data.carrier.name == "DHL Express"
    assert data.carrier.tracking_url =~ shipment.tracking_number
    refute Map.has_key?(data, :warehouse_id)
    refute Map.has_key?(data, :internal_ref)
    assert data.tracking_number == shipment.tracking_number
  end

  test "recipient is nil for shipments without a recipient" do
    shipment = build(:shipment, recipient: nil)

    assert %{data: %{recipient: nil}} = ShipmentJSON.show(%{shipment: shipment})
  end
end
