'use strict';

const flags = require('../config/flags');

async function quoteCart(pricing, cart, ctx) {
  const items = cart.items.map((i) => ({ sku: i.sku, qty: i.qty }));
  if (flags.tieredPricingV2) {
    const q = await pricing.priceQuoteV2({ items, currency: cart.currency, customerTier: ctx.customerTier }, ctx);
    return { total: q.totals.grand, lines: q.lines, pricingVersion: 2 };
  }
  const q = await pricing.quoteV1({ items, currency: cart.currency }, ctx);
  return { total: q.total, lines: q.lines, pricingVersion: 1 };
}

module.exports = { quoteCart };
