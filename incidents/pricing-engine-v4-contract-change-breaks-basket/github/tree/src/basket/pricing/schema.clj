(ns basket.pricing.schema
  "Shape of pricing-engine's POST /v3/prices response that basket-service relies on.")

(def PricedLine
  [:map
   [:sku :string]
   [:qty pos-int?]
   [:unit_price number?]
   [:line_total number?]
   [:promotion {:optional true} [:maybe :string]]])

(def PriceResponse
  [:map
   [:store_id :string]
   [:currency [:enum "GBP" "EUR"]]
   [:items [:vector PricedLine]]
   [:total number?]])
