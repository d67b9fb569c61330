class WishlistsController < ApplicationController
  def show
    @wishlist = Wishlist.find_by!(share_token: params[:token])
    @items = @wishlist.items.includes(variant: :product)
  end
end
