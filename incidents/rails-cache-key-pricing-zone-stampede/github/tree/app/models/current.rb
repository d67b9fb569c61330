class Current < ActiveSupport::CurrentAttributes
  attribute :customer, :request_id, :currency, :pricing_zone
end
