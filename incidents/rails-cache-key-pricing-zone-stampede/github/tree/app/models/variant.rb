class Variant < ApplicationRecord
  belongs_to :product
  has_many :stock_levels

  scope :active, -> { where(discontinued: false) }
end
