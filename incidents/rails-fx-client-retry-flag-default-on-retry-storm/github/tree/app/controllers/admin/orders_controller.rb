# frozen_string_literal: true

module Admin
  class OrdersController < Admin::BaseController
    def index
      @orders = Order.recent.page(params[:page])
      respond_to do |format|
        format.html
        format.csv { send_data Orders::CsvExport.new(Order.recent.limit(10_000)).to_csv, filename: "orders-#{Date.current}.csv" }
      end
    end
  end
end
