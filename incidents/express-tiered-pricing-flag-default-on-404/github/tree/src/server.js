'use strict';

const express = require('express');
const pino = require('pino');
const pinoHttp = require('pino-http');
const flags = require('./config/flags');
const { PricingClient } = require('./clients/pricingClient');
const checkoutRoutes = require('./routes/checkout');
const { version } = require('../package.json');

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
logger.info({ flags }, 'feature flags loaded');

const pricing = new PricingClient({
  baseUrl: process.env.PRICING_BASE_URL || 'http://pricing-service.pricing.svc.cluster.local:8080',
  logger,
});

const app = express();
app.use(express.json());
app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/healthz' } }));
app.get('/healthz', (req, res) => res.send('ok'));
app.use('/api/checkout', checkoutRoutes({ pricing, carts: require('./stores/carts'), orders: require('./stores/orders') }));

const port = Number(process.env.PORT || 8080);
app.listen(port, () => logger.info({ port, version, commit: process.env.GIT_SHA }, 'checkout-gateway listening'));
