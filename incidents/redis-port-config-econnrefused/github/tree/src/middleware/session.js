'use strict';

const config = require('config');
const { readSession } = require('../lib/redisClient');

const COOKIE = config.get('sessions.cookie');

async function loadSession(req, res, next) {
  const sid = req.cookies && req.cookies[COOKIE];
  if (!sid) {
    next();
    return;
  }
  try {
    req.session = await readSession(sid);
    next();
  } catch (err) {
    req.log.error({ err, sid: sid.slice(0, 8) }, 'session load failed');
    res.status(503).json({ error: 'session_store_unavailable' });
  }
}

module.exports = { loadSession };
