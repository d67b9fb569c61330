module Api
  module V2
    class DropsController < ApplicationController
      # GET /api/v2/drops/:slug/products
      def products
        @drop = Drop.live.find_by!(slug: params[:slug])
        @products = @drop.available_products(page: params.fetch(:page, 1).to_i)
        # Sold-out products go last so the first screen shows what can still be bought.
        @products = @products.sort_by { |p| p.sold_out? ? 1 : 0 }
        expires_in 15.seconds, public: true
        render :products
      end

      # GET /api/v2/drops/:slug
      def show
        @drop = Drop.live.find_by!(slug: params[:slug])
        expires_in 60.seconds, public: true
      end
    end
  end
end
