'use strict';

const fs = require('node:fs');
const { request } = require('undici');

// pricing-api wants a workload token (projected service account token, rotated by the kubelet).
class PricingClient {
  constructor(baseUrl, { tokenFile, timeoutMs = 800 } = {}) {
    this.baseUrl = baseUrl;
    this.tokenFile = tokenFile;
    this.timeoutMs = timeoutMs;
  }

  async bulk(skus, log) {
    if (skus.length === 0) return {};
    const headers = {
      authorization: `Bearer ${fs.readFileSync(this.tokenFile, 'utf8').trim()}`,
      'content-type': 'application/json',
    };
    log?.debug({ url: `${this.baseUrl}/v3/prices:bulk`, headers, count: skus.length }, 'pricing request');
    const res = await request(`${this.baseUrl}/v3/prices:bulk`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ skus, currency: 'GBP' }),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    if (res.statusCode >= 400) {
      await res.body.dump();
      throw new Error(`pricing-api returned ${res.statusCode}`);
    }
    const { prices } = await res.body.json();
    return prices;
  }
}

module.exports = { PricingClient };
