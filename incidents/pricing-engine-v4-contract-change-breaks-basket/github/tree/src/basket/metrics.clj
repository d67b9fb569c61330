(ns basket.metrics
  (:import (io.prometheus.client Histogram)))

(defonce pricing-latency
  (-> (Histogram/build)
      (.name "basket_pricing_request_seconds")
      (.help "Latency of pricing-engine POST /v3/prices")
      (.labelNames (into-array String ["status"]))
      (.register)))
