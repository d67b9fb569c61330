class Product < ApplicationRecord
  has_many :variants
  has_many :images, -> { order(:position) }

  def sold_out?
    variants.all? { |v| v.stock_on_hand <= 0 }
  end
end
