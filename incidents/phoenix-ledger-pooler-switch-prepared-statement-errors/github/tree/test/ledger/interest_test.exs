defmodule Ledger.InterestTest do
  use ExUnit.Case, async: true
  use ExUnitProperties

  alias Ledger.Interest

  describe "daily/2" do
    test "no interest on zero or negative balances" do
      assert Interest.daily(0, Decimal.new("0.0325")) == 0
      assert Interest.daily(-15_000, Decimal.new("0.0325")) == 0
    end

    test "ACT/365, half-even rounding" do
      # 1_000_000 * 0.0325 / 365 = 89.0410...
      assert Interest.daily(1_000_000, Decimal.new("0.0325")) == 89
    end

    property "never negative and never above balance * rate" do
      check all balance <- integer(0..10_000_000_000),
                bp <- integer(0..2_000) do
        rate = Decimal.div(Decimal.new(bp), 10_000)
        interest = Interest.daily(balance, rate)
        assert interest >= 0
        assert Decimal.compare(Decimal.new(interest), Decimal.add(Decimal.mult(balance, rate), 1)) != :gt
      end
    end

    property "a year of daily accrual stays within one minor unit per day of simple interest" do
      check all balance <- integer(0..100_000_000), bp <- integer(1..1_000) do
        rate = Decimal.div(Decimal.new(bp), 10_000)
        yearly = Enum.sum(for _ <- 1..365, do: Interest.daily(balance, rate))
        simple = balance |> Decimal.new() |> Decimal.mult(rate) |> Decimal.round(0) |> Decimal.to_integer()
        assert abs(yearly - simple) <= 365
      end
    end
  end
end
