class Variant < ApplicationRecord
  belongs_to :product
  has_many :line_items, dependent: :restrict_with_error
end
