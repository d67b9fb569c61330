defmodule RelayNotify.ApiClient do
  @moduledoc """
  Thin client for the relay API, used by the notification workers.

  Shipments are fetched fresh for every notification so that the SMS shows
  the latest ETA and carrier.
  """

  require Logger

  @spec get_shipment(String.t()) :: {:ok, map()} | {:error, term()}
  def get_shipment(id) do
    started = System.monotonic_time(:millisecond)

    result = Req.get(req(), url: "/api/v2/shipments/" <> id)
    took = System.monotonic_time(:millisecond) - started

    case result do
      {:ok, %Req.Response{status: 200, body: body}} ->
        Logger.info("ApiClient GET /api/v2/shipments/#{id} -> 200 in #{took}ms")
        {:ok, body |> Jason.decode!(keys: :atoms) |> Map.fetch!(:data)}

      {:ok, %Req.Response{status: 404}} ->
        {:error, :not_found}

      {:ok, %Req.Response{status: code}} ->
        Logger.warning("ApiClient GET /api/v2/shipments/#{id} -> #{code} in #{took}ms")
        {:error, {:http, code}}

      {:error, exception} ->
        {:error, Exception.message(exception)}
    end
  end

  defp req do
    Req.new(
      base_url: base_url(),
      auth: {:bearer, token()},
      headers: [accept: "application/json"],
      decode_body: false,
      receive_timeout: 5_000,
      retry: :transient,
      max_retries: 2
    )
  end

  defp base_url, do: Application.fetch_env!(:relay_notify, :api_base_url)
  defp token, do: Application.fetch_env!(:relay_notify, :api_token)
end
