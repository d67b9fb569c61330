# Order history for the account area, newest first.
class OrderHistoryQuery
  PER_PAGE = 25

  def initialize(customer, page: 1, status: nil, year: nil)
    @customer = customer
    @page = [page.to_i, 1].max
    @status = status
    @year = year
  end

  def call
    scope = @customer.orders
                     .includes(:shipment)
                     .where.not(state: "cart")
                     .order(placed_at: :desc)
    scope = scope.where(state: @status) if @status.present?
    scope = scope.where(placed_at: Date.new(@year).all_year) if @year.present?
    scope.limit(PER_PAGE).offset((@page - 1) * PER_PAGE)
  end
end
