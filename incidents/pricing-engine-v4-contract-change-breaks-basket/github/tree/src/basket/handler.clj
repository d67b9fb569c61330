(ns basket.handler
  (:require [basket.pricing.client :as pricing]
            [basket.store :as store]
            [basket.totals :as totals]
            [clojure.tools.logging :as log]
            [reitit.ring :as ring]
            [reitit.ring.middleware.muuntaja :as muuntaja-mw]
            [muuntaja.core :as muuntaja]))

(defn price-basket [{:keys [pricing-config app-version]} {{:keys [basket-id]} :path-params :as _req}]
  (let [basket (store/load-basket basket-id)
        started (System/nanoTime)
        priced (pricing/fetch-prices pricing-config (:store-id basket) (:lines basket))
        summary (totals/basket-totals priced)]
    (log/info (format "basket priced store=%s lines=%d total_pence=%d pricing_version=%s pricing_ms=%d app_version=%s"
                      (:store-id basket) (count (:lines basket)) (:total_pence summary)
                      (:pricing-version (meta priced)) (quot (- (System/nanoTime) started) 1000000) app-version))
    {:status 200 :body summary}))

(defn- wrap-errors [handler app-version]
  (fn [req]
    (try
      (handler req)
      (catch clojure.lang.ExceptionInfo e
        (let [data (ex-data e)]
          (log/error e (format "pricing failed error=%s downstream=%s downstream_version=%s errors=%s app_version=%s"
                               (pr-str (ex-message e)) (:downstream data) (:downstream-version data)
                               (pr-str (:errors data)) app-version))
          {:status 502
           :headers {"Content-Type" "application/problem+json"}
           :body {:type "https://brackenridge.example/problems/pricing-unavailable"
                  :title "Prices are temporarily unavailable"
                  :status 502
                  :request_id (get-in req [:headers "x-request-id"])}})))))

(defn app [{:keys [app-version] :as ctx}]
  (ring/ring-handler
   (ring/router
    [["/v1/baskets/:basket-id/price" {:post (partial price-basket ctx)}]
     ["/healthz" {:get (fn [_] {:status 200 :body {:status "ok"}})}]]
    {:data {:muuntaja muuntaja/instance
            :middleware [muuntaja-mw/format-middleware
                         #(wrap-errors % app-version)]}})))
