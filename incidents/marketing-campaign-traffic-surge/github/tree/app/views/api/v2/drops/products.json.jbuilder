json.drop do
  json.slug @drop.slug
  json.title @drop.title
end
json.products @products do |product|
  json.id product.id
  json.name product.name
  json.price_cents product.price_cents
  json.sold_out product.sold_out?
  json.image_url product.images.first&.url
  json.variants product.variants, :id, :size, :stock_on_hand
end
