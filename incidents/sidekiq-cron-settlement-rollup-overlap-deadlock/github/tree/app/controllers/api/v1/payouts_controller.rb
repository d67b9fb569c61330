# frozen_string_literal: true

module Api
  module V1
    class PayoutsController < ApplicationController
      include Pagy::Backend

      def index
        scope = current_merchant.payouts.order(created_at: :desc, id: :desc)
        pagy, payouts = pagy_keyset(scope, limit: 100, page: params[:cursor])
        render json: {
          data: payouts.map { |p| PayoutSerializer.new(p).as_json },
          next_cursor: pagy.next
        }
      end

      def show
        payout = current_merchant.payouts.find(params[:id])
        render json: PayoutSerializer.new(payout).as_json
      end
    end
  end
end
