defmodule LedgerWeb.StatementController do
  use LedgerWeb, :controller

  alias Ledger.{Accounts, Statements}

  action_fallback LedgerWeb.FallbackController

  def index(conn, %{"account_id" => account_id} = params) do
    with {:ok, account} <- Accounts.fetch_for_owner(conn.assigns.current_owner, account_id),
         {:ok, month} <- parse_month(params["month"]) do
      statement = Statements.build(account, month)
      render(conn, :index, statement: statement)
    end
  end

  defp parse_month(nil), do: {:ok, Date.utc_today() |> Date.beginning_of_month()}

  defp parse_month(<<y::binary-size(4), "-", m::binary-size(2)>>) do
    with {year, ""} <- Integer.parse(y),
         {month, ""} <- Integer.parse(m),
         {:ok, date} <- Date.new(year, month, 1) do
      {:ok, date}
    else
      _ -> {:error, :bad_request}
    end
  end

  defp parse_month(_), do: {:error, :bad_request}
end
