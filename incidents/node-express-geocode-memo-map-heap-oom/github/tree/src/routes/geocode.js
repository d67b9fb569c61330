'use strict';

const crypto = require('node:crypto');
const express = require('express');
const cache = require('../cache/geocodeCache');
const places = require('../upstream/placesClient');
const { geocodeRequests } = require('../metrics/registry');

const router = express.Router();

const SUPPORTED_LANGS = new Set(['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl']);

function parseQuery(req) {
  const q = String(req.query.q || '').slice(0, 256);
  const lang = SUPPORTED_LANGS.has(req.query.lang) ? req.query.lang : 'en';
  const bias = req.query.bias ? String(req.query.bias) : undefined;
  return { q, lang, bias };
}

function fingerprint(q) {
  return crypto.createHash('sha1').update(q).digest('hex').slice(0, 12);
}

async function geocodeHandler(req, res, next) {
  const { q, lang, bias } = parseQuery(req);
  if (q.length < 2) {
    return res.status(400).json({ error: 'query_too_short' });
  }

  const cached = cache.get(q, lang, bias);
  if (cached) {
    geocodeRequests.inc({ source: 'memo' });
    return res.json(cached);
  }

  try {
    const results = await places.search(q, lang, bias);
    const body = { query: q, lang, results: results.slice(0, 10) };
    cache.set(q, lang, bias, body);
    geocodeRequests.inc({ source: 'upstream' });
    return res.json(body);
  } catch (err) {
    geocodeRequests.inc({ source: 'error' });
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      req.log.warn({ err, qfp: fingerprint(q), lang }, 'places upstream timeout');
      return res.status(504).json({ error: 'upstream_timeout' });
    }
    return next(err);
  }
}

router.get('/', geocodeHandler);

module.exports = router;
