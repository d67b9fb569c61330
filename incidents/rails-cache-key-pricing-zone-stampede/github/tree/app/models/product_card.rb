# A product tile on category, search and "you may also like" listings.
# The rendered JSON is cached in Redis; see CatalogHelper#cached_card.
class ProductCard
  CACHE_TTL = 6.hours

  attr_reader :product

  def initialize(product)
    @product = product
  end

  def cache_key
    "product_card/v4/#{product.id}-#{product.updated_at.to_i}/#{I18n.locale}/#{pricing_zone}"
  end

  def expires_in
    CACHE_TTL
  end

  private

  def pricing_zone
    Current.pricing_zone || "default"
  end
end
