class ProductCardPresenter
  def initialize(product, repository: ProductRepository.new)
    @product = product
    @repository = repository
  end

  def as_json(*)
    variants = @repository.variants_with_stock(@product.id)
    {
      id: @product.id,
      slug: @product.slug,
      name: @product.name,
      image: @product.hero_image_url,
      colours: variants.map(&:colour).uniq,
      sizes: variants.select(&:in_stock).map(&:size).uniq,
      price: @repository.current_price(@product.id, Current.currency),
      badges: @product.badges
    }
  end
end
