(ns basket.totals)

(defn ->pence [amount]
  (long (Math/round (* 100.0 (double amount)))))

(defn basket-totals
  "Totals for the basket summary from a validated pricing response."
  [{:keys [items total currency]}]
  {:currency currency
   :lines (mapv (fn [{:keys [sku qty unit_price line_total promotion]}]
                  {:sku sku :qty qty
                   :unit_pence (->pence unit_price)
                   :line_pence (->pence line_total)
                   :promotion promotion})
                items)
   :total_pence (->pence total)})
