defmodule RelayNotify.MixProject do
  use Mix.Project

  def project do
    [
      app: :relay_notify,
      version: "2.14.0",
      build_path: "../../_build",
      config_path: "../../config/config.exs",
      deps_path: "../../deps",
      lockfile: "../../mix.lock",
      elixir: "~> 1.16",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [mod: {RelayNotify.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [
      {:oban, "~> 2.17"},
      {:broadway_cloud_pub_sub, "~> 0.9"},
      {:req, "~> 0.4.14"},
      {:jason, "~> 1.4"},
      {:logger_json, "~> 5.1"},
      {:ex_twilio, "~> 0.10"}
    ]
  end
end
