defmodule Ledger.Statements do
  @moduledoc """
  Monthly account statements: the entries of one account for one calendar month, with the
  opening and closing balance. Served to the mobile app and exported as CSV.
  """

  import Ecto.Query, warn: false

  alias Ledger.Repo
  alias Ledger.Accounts.Account
  alias Ledger.Entries.Entry

  @type month :: Date.t()

  @doc """
  Entries of `account` booked in the calendar month of `month`, oldest first. `running_minor`
  is the running total of the month (add the opening balance to get the balance after the entry).
  """
  @spec list_entries(Account.t(), month) :: [Entry.t()]
  def list_entries(%Account{id: account_id}, %Date{} = month) do
    {from, to} = month_bounds(month)

    Entry
    |> where([e], e.account_id == ^account_id)
    |> where([e], e.booked_at >= ^from and e.booked_at < ^to)
    |> order_by([e], asc: e.booked_at, asc: e.id)
    |> windows([e], running: [order_by: [asc: e.booked_at, asc: e.id]])
    |> select_merge([e], %{running_minor: type(over(sum(e.amount_minor), :running), :integer)})
    |> Repo.all()
  end

  @doc "Balance of `account` at the start of `month`, in minor units."
  @spec opening_balance(Account.t(), month) :: integer
  def opening_balance(%Account{id: account_id}, %Date{} = month) do
    {from, _to} = month_bounds(month)

    Entry
    |> where([e], e.account_id == ^account_id and e.booked_at < ^from)
    |> select([e], coalesce(sum(e.amount_minor), 0))
    |> Repo.one()
  end

  @spec build(Account.t(), month) :: map
  def build(%Account{} = account, %Date{} = month) do
    opening = opening_balance(account, month)
    entries = for e <- list_entries(account, month), do: %{e | running_minor: opening + e.running_minor}

    closing =
      case List.last(entries) do
        nil -> opening
        last -> last.running_minor
      end

    %{
      account_id: account.id,
      month: month,
      currency: account.currency,
      opening_minor: opening,
      closing_minor: closing,
      entries: entries
    }
  end

  defp month_bounds(%Date{year: y, month: m}) do
    first = Date.new!(y, m, 1)
    next = first |> Date.end_of_month() |> Date.add(1)

    {DateTime.new!(first, ~T[00:00:00], "Etc/UTC"), DateTime.new!(next, ~T[00:00:00], "Etc/UTC")}
  end
end
