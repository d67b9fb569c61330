'use strict';

const client = require('prom-client');

const register = new client.Registry();
client.collectDefaultMetrics({ register });

const geocodeRequests = new client.Counter({
  name: 'geocode_requests_total',
  help: 'Geocode requests by answer source',
  labelNames: ['source'],
  registers: [register],
});

module.exports = { register, geocodeRequests };
