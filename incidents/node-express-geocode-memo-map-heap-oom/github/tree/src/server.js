'use strict';

const { createApp } = require('./app');
const { logger } = require('./logger');
const { startRuntimeStats } = require('./metrics/runtimeStats');
const pkg = require('../package.json');

const port = Number(process.env.PORT || 8080);
const app = createApp();

const server = app.listen(port, () => {
  logger.info({ port, version: pkg.version, node: process.version }, 'geocoder-edge listening');
});
server.keepAliveTimeout = 65_000;

startRuntimeStats();

function shutdown(signal) {
  logger.info({ signal }, 'received signal, draining');
  server.close(() => {
    logger.info('http server closed');
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 20_000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
