'use strict';

const express = require('express');
const helmet = require('helmet');
const pinoHttp = require('pino-http');
const { logger } = require('./logger');
const geocode = require('./routes/geocode');
const reverse = require('./routes/reverse');
const { register } = require('./metrics/registry');

function createApp() {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    customLogLevel: (req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'silent'),
  }));

  app.get('/healthz', (req, res) => res.json({ ok: true }));
  app.get('/metrics', async (req, res) => {
    res.set('Content-Type', register.contentType);
    res.end(await register.metrics());
  });

  app.use('/v1/geocode', geocode);
  app.use('/v1/reverse', reverse);

  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    req.log.error({ err }, 'unhandled error');
    res.status(500).json({ error: 'internal_error' });
  });
  return app;
}

module.exports = { createApp };
