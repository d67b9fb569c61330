module Account
  class OrdersController < Account::BaseController
    STATUS_FILTERS = %w[placed shipped delivered returned].freeze

    def index
      @status = params[:status].presence_in(STATUS_FILTERS)
      @year = params[:year].presence&.to_i
      @page = params.fetch(:page, 1).to_i.clamp(1, 10_000)
      @orders = OrderHistoryQuery.new(current_customer, page: @page, status: @status, year: @year).call
      render :index
    end

    def show
      @order = current_customer.orders
                               .includes(line_items: { variant: :product })
                               .find_by!(number: params[:id])
    end
  end
end
