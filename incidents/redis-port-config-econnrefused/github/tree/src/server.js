'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const pinoHttp = require('pino-http');
const config = require('config');
const logger = require('./lib/logger');
const { loadSession } = require('./middleware/session');
const me = require('./routes/me');

const app = express();
app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/healthz' } }));
app.use(cookieParser());
app.get('/healthz', (req, res) => res.status(204).end());
app.use(loadSession);
app.use('/v1', me);

const port = config.get('http.port');
app.listen(port, () => {
  logger.info({ version: process.env.APP_VERSION, redis: config.get('redis'), port }, 'account-api listening');
});
