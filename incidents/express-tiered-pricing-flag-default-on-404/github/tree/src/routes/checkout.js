'use strict';

const express = require('express');
const { quoteCart } = require('../services/quoteService');
const { PricingError } = require('../clients/pricingClient');

module.exports = function checkoutRoutes({ pricing, carts, orders }) {
  const router = express.Router();

  router.post('/quote', async (req, res, next) => {
    try {
      const cart = await carts.get(req.body.cartId);
      const quote = await quoteCart(pricing, cart, { reqId: req.id, customerTier: req.customer.tier });
      res.json(quote);
    } catch (err) {
      next(err);
    }
  });

  router.post('/submit', async (req, res, next) => {
    try {
      const cart = await carts.get(req.body.cartId);
      const quote = await quoteCart(pricing, cart, { reqId: req.id, customerTier: req.customer.tier });
      const order = await orders.create(cart, quote, req.body.payment);
      res.status(201).json({ orderId: order.id });
    } catch (err) {
      next(err);
    }
  });

  router.use((err, req, res, next) => {
    if (err instanceof PricingError) {
      req.log.error({ err }, 'cart quote failed');
      return res.status(502).json({ error: 'pricing_unavailable' });
    }
    return next(err);
  });

  return router;
};
