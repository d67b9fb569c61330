'use strict';

const pino = require('pino');

module.exports = pino({ level: process.env.LOG_LEVEL || 'info', base: { pid: process.pid, hostname: process.env.HOSTNAME } });
