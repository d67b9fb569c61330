(ns basket.pricing.client
  (:require [basket.pricing.schema :as schema]
            [cheshire.core :as json]
            [clj-http.client :as http]
            [clojure.tools.logging :as log]
            [malli.core :as m]
            [malli.error :as me]))

(defonce ^:private last-seen-version (atom nil))

(defn- note-version! [version]
  (let [previous @last-seen-version]
    (when (and version (not= previous version))
      (reset! last-seen-version version)
      (log/infof "pricing-engine version changed from %s to %s" previous version))))

(defn- numeric-string->bigdec [v]
  (if (and (string? v) (re-matches #"-?\d+(\.\d+)?" v))
    (bigdec v)
    v))

(defn- coerce-legacy-prices
  "Legacy concession SKUs are priced by the old rules service, which sends amounts as strings."
  [body]
  (update body :items
          (fn [items]
            (when items
              (mapv #(-> %
                         (update :unit_price numeric-string->bigdec)
                         (update :line_total numeric-string->bigdec))
                    items)))))

(defn- price-request [store-id lines]
  {:store_id store-id
   :items (mapv (fn [{:keys [sku qty]}] {:sku sku :qty qty}) lines)})

(defn fetch-prices
  "POSTs the basket lines to pricing-engine and returns the validated response body,
  with the pricing-engine version (x-pricing-version header) as metadata."
  [{:keys [base-url timeout-ms]} store-id lines]
  (let [resp (http/post (str base-url "/v3/prices")
                        {:body (json/generate-string (price-request store-id lines))
                         :content-type :json
                         :accept :json
                         :socket-timeout timeout-ms
                         :connection-timeout timeout-ms})
        version (get-in resp [:headers "x-pricing-version"])
        body (coerce-legacy-prices (json/parse-string (:body resp) true))]
    (note-version! version)
    (if (m/validate schema/PriceResponse body)
      (with-meta body {:pricing-version version})
      (throw (ex-info "pricing response failed schema validation"
                      {:type ::invalid-response
                       :downstream "pricing-engine"
                       :downstream-version version
                       :errors (me/humanize (m/explain schema/PriceResponse body))})))))
