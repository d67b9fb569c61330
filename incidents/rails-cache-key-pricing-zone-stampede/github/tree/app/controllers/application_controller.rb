class ApplicationController < ActionController::Base
  before_action :set_current_attributes

  private

  def set_current_attributes
    Current.request_id = request.request_id
    Current.customer = current_customer
    Current.currency = cookies[:currency].presence || "GBP"
    Current.pricing_zone = delivery_zone
  end

  def delivery_zone
    cookies[:dz].to_s.upcase.presence
  end

  def current_customer
    @current_customer ||= Customer.find_by(id: session[:customer_id]) if session[:customer_id]
  end
end
