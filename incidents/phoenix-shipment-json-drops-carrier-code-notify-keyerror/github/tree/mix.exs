defmodule Relay.Umbrella.MixProject do
  use Mix.Project

  def project do
    [
      apps_path: "apps",
      version: "2.14.0",
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      aliases: aliases(),
      releases: [
        relay_api: [applications: [relay: :permanent, relay_web: :permanent]],
        relay_notify: [applications: [relay_notify: :permanent]]
      ]
    ]
  end

  defp deps do
    [
      {:dialyxir, "~> 1.4", only: [:dev, :test], runtime: false},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false}
    ]
  end

  defp aliases do
    [setup: ["cmd mix setup"]]
  end
end
