defmodule Listings.MixProject do
  use Mix.Project

  def project do
    [app: :listings, version: "2.31.0", elixir: "~> 1.16", deps: deps()]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.12"},
      {:phoenix_ecto, "~> 4.5"},
      {:ecto_sql, "~> 3.11.3"},
      {:postgrex, "~> 0.18.0"},
      {:jason, "~> 1.4"},
      {:bandit, "~> 1.5"},
      {:telemetry_metrics, "~> 1.0"}
    ]
  end
end
