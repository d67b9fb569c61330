class CategoriesController < ApplicationController
  def show
    @category = Category.find_by!(slug: params[:slug])
    @products = ProductRepository.new.listing(@category.id, page: params.fetch(:page, 1).to_i)
  end
end
