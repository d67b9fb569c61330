module CatalogHelper
  # Cards are cached as JSON; a miss loads variants, prices and stock through
  # ProductRepository (3 queries per product).
  def cached_card(product)
    card = ProductCard.new(product)
    Rails.cache.fetch(card.cache_key, expires_in: card.expires_in) do
      ProductCardPresenter.new(product).as_json
    end
  end
end
