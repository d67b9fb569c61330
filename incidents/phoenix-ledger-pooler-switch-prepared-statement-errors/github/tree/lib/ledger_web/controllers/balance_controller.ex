defmodule LedgerWeb.BalanceController do
  use LedgerWeb, :controller

  alias Ledger.Accounts

  action_fallback LedgerWeb.FallbackController

  def show(conn, %{"account_id" => account_id}) do
    with {:ok, account} <- Accounts.fetch_for_owner(conn.assigns.current_owner, account_id) do
      json(conn, %{account_id: account.public_id, currency: account.currency,
        available_minor: Accounts.available_balance(account)})
    end
  end
end
