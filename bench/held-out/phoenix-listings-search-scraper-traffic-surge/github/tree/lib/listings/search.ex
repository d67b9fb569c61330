defmodule Listings.Search do
  @moduledoc "Property search used by the web app and the public /api/search endpoint."
  import Ecto.Query

  alias Listings.{Repo, Listing}

  @per_page 24

  def run(params, opts \\ []) do
    page = max(params |> Map.get("page", "1") |> String.to_integer(), 1)

    Listing
    |> where([l], l.status == :active)
    |> filter_area(params["area"])
    |> filter_price(params["min_price"], params["max_price"])
    |> order(params["sort"])
    |> limit(@per_page)
    |> offset(^((page - 1) * @per_page))
    |> Repo.all(timeout: Keyword.get(opts, :timeout, 15_000))
  end

  defp filter_area(q, nil), do: q
  defp filter_area(q, area), do: where(q, [l], l.area_slug == ^area)

  defp filter_price(q, nil, nil), do: q
  defp filter_price(q, min, nil), do: where(q, [l], l.price >= ^String.to_integer(min))
  defp filter_price(q, nil, max), do: where(q, [l], l.price <= ^String.to_integer(max))

  defp filter_price(q, min, max),
    do: where(q, [l], l.price >= ^String.to_integer(min) and l.price <= ^String.to_integer(max))

  defp order(q, "price_asc"), do: order_by(q, [l], asc: l.price, asc: l.id)
  defp order(q, "price_desc"), do: order_by(q, [l], desc: l.price, asc: l.id)
  defp order(q, "price_per_m2_asc"), do: order_by(q, [l], asc: l.price_per_m2, asc: l.id)
  defp order(q, _), do: order_by(q, [l], desc: l.published_at, asc: l.id)
end
