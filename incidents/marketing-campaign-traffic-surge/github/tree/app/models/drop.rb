class Drop < ApplicationRecord
  has_many :drop_products, -> { order(:position) }
  has_many :products, through: :drop_products

  scope :live, -> { where("starts_at <= :now AND (ends_at IS NULL OR ends_at > :now)", now: Time.current) }

  PER_PAGE = 24

  def available_products(page: 1)
    products
      .includes(:variants, :images)
      .where(published: true)
      .offset((page - 1) * PER_PAGE)
      .limit(PER_PAGE)
      .to_a
  end
end
