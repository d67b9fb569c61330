# Read-side queries for product listings. Writes go through the catalog admin.
class ProductRepository
  VariantRow = Struct.new(:id, :colour, :size, :in_stock)

  def listing(category_id, page:, per_page: 48)
    Product
      .where(category_id: category_id, published: true)
      .order(position: :asc, id: :asc)
      .offset((page - 1) * per_page)
      .limit(per_page)
  end

  def current_price(product_id, currency)
    Price
      .where(product_id: product_id, currency: currency)
      .where("valid_from <= now() AND (valid_to IS NULL OR valid_to > now())")
      .order(valid_from: :desc)
      .pick(:amount_minor)
  end

  # Variants with their stock summed over every warehouse that ships to the UK.
  # Used by product cards; the product page has its own query with per-warehouse
  # availability.
  def variants_with_stock(product_id)
    Variant
      .active
      .joins(:stock_levels)
      .where(product_id: product_id)
      .group("variants.id")
      .select("variants.*, SUM(stock_levels.on_hand - stock_levels.reserved) AS available")
      .map { |variant| to_row(variant) }
  end

  private

  def to_row(variant)
    VariantRow.new(variant.id, variant.colour, variant.size, variant.available.to_i > 0)
  end
end
