defmodule Ledger.Interest do
  @moduledoc "Daily interest accrual on savings accounts (ACT/365, rounded half-even per day)."

  @days_in_year 365

  @doc "Interest for one day on `balance_minor` at `annual_rate` (a Decimal, e.g. 0.0325)."
  @spec daily(integer, Decimal.t()) :: integer
  def daily(balance_minor, _rate) when balance_minor <= 0, do: 0

  def daily(balance_minor, %Decimal{} = annual_rate) do
    balance_minor
    |> Decimal.new()
    |> Decimal.mult(annual_rate)
    |> Decimal.div(@days_in_year)
    |> Decimal.round(0, :half_even)
    |> Decimal.to_integer()
  end
end
