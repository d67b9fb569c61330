defmodule RelayNotify.Workers.DeliverySms do
  @moduledoc """
  Sends the "out for delivery" SMS when a shipment reaches `out_for_delivery`.

  Enqueued by `RelayNotify.EventConsumer` for every status event.
  """
  use Oban.Worker, queue: :sms, max_attempts: 3, unique: [period: 3600, fields: [:args]]

  require Logger

  alias RelayNotify.{ApiClient, Carriers, Sms, Templates}

  @impl Oban.Worker
  def perform(%Oban.Job{args: %{"shipment_id" => id, "event" => "out_for_delivery"}}) do
    with {:ok, shipment} <- ApiClient.get_shipment(id),
         :ok <- ensure_recipient(shipment),
         :ok <- ensure_opt_in(shipment) do
      send_sms(shipment)
    else
      {:skip, reason} ->
        Logger.info("DeliverySms skipped shipment=#{id} reason=#{reason}")
        :ok

      {:error, :not_found} ->
        {:discard, :shipment_not_found}

      {:error, reason} ->
        {:error, reason}
    end
  end

  def perform(%Oban.Job{args: %{"event" => _other}}), do: :ok

  defp ensure_recipient(%{recipient: %{phone: phone}}) when is_binary(phone), do: :ok
  defp ensure_recipient(_), do: {:skip, "no_phone"}

  defp ensure_opt_in(%{recipient: recipient}) do
    if RelayNotify.OptOuts.opted_out?(recipient.phone), do: {:skip, "opted_out"}, else: :ok
  end

  defp send_sms(shipment) do
    carrier_name = Carriers.display_name(shipment.carrier_code)
    eta = Templates.format_eta_window(shipment.eta, shipment.recipient.locale)

    body =
      Templates.render("out_for_delivery", shipment.recipient.locale,
        name: shipment.recipient.name,
        carrier_name: carrier_name,
        eta: eta,
        tracking_number: shipment.tracking_number
      )

    Sms.deliver(shipment.recipient.phone, body)
  end
end
