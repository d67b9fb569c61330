class LineItem < ApplicationRecord
  belongs_to :order, inverse_of: :line_items
  belongs_to :variant

  validates :quantity, numericality: { greater_than: 0 }
end
