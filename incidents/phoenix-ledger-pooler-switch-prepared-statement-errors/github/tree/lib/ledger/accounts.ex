defmodule Ledger.Accounts do
  @moduledoc "Accounts and ownership checks."

  import Ecto.Query, warn: false

  alias Ledger.Repo
  alias Ledger.Accounts.Account

  @doc "The account `id` if `owner_id` may read it."
  @spec fetch_for_owner(String.t(), String.t()) :: {:ok, Account.t()} | {:error, :not_found}
  def fetch_for_owner(owner_id, id) do
    Account
    |> where([a], a.public_id == ^id and a.owner_id == ^owner_id and is_nil(a.closed_at))
    |> Repo.one()
    |> case do
      nil -> {:error, :not_found}
      account -> {:ok, account}
    end
  end

  @doc "Current available balance: booked entries minus open holds, in minor units."
  @spec available_balance(Account.t()) :: integer
  def available_balance(%Account{id: id}) do
    booked = Repo.one(from e in "entries", where: e.account_id == type(^id, :binary_id), select: coalesce(sum(e.amount_minor), 0))
    held = Repo.one(from h in "holds", where: h.account_id == type(^id, :binary_id) and is_nil(h.released_at), select: coalesce(sum(h.amount_minor), 0))
    booked - held
  end
end
