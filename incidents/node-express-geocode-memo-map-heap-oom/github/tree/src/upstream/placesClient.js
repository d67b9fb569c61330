'use strict';

const { fetch } = require('undici');

const BASE = process.env.PLACES_BASE_URL || 'http://places-upstream.geo.svc.cluster.local:8080';
const TIMEOUT_MS = Number(process.env.PLACES_TIMEOUT_MS || 2500);

async function search(q, lang, bias) {
  const url = new URL('/search', BASE);
  url.searchParams.set('q', q);
  url.searchParams.set('accept-language', lang);
  url.searchParams.set('format', 'jsonv2');
  url.searchParams.set('addressdetails', '1');
  if (bias) url.searchParams.set('viewbox', bias);

  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) {
    const err = new Error(`places upstream answered ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

async function reverse(lat, lon, lang) {
  const url = new URL('/reverse', BASE);
  url.searchParams.set('lat', String(lat));
  url.searchParams.set('lon', String(lon));
  url.searchParams.set('accept-language', lang);
  url.searchParams.set('format', 'jsonv2');
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) {
    const err = new Error(`places upstream answered ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

module.exports = { search, reverse };
