class Order < ApplicationRecord
  belongs_to :customer
  has_many :line_items, -> { order(:position) }, dependent: :destroy, inverse_of: :order
  has_one :shipment, dependent: :destroy

  enum :state, { cart: "cart", placed: "placed", shipped: "shipped", delivered: "delivered", returned: "returned" },
       validate: true

  def total
    line_items.sum { |li| li.unit_price * li.quantity }
  end
end
