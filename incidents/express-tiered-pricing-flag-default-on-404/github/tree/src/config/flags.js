'use strict';

// Feature flags are read once at boot from the environment: FF_<NAME>=true|false
// overrides the default below. The effective set is logged at startup
// ("feature flags loaded").
function envBool(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw === 'true' || raw === '1';
}

module.exports = Object.freeze({
  // Quotes carts through pricing-service's tiered pricing API (/v2/price-quotes).
  tieredPricingV2: envBool('FF_TIERED_PRICING_V2', true),
  expressShippingUpsell: envBool('FF_EXPRESS_SHIPPING_UPSELL', true),
  giftCardSplitTender: envBool('FF_GIFT_CARD_SPLIT_TENDER', false),
});
