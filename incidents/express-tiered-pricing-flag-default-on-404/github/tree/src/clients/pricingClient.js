'use strict';

const { request } = require('undici');

class PricingError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'PricingError';
    this.status = status;
    this.upstream = 'pricing-service';
  }
}

class PricingClient {
  constructor({ baseUrl, timeoutMs = 1500, logger }) {
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
    this.logger = logger;
  }

  quoteV1(payload, ctx) {
    return this.post('/v1/quote', payload, ctx);
  }

  priceQuoteV2(payload, ctx) {
    return this.post('/v2/price-quotes', payload, ctx);
  }

  async post(path, body, ctx) {
    const started = process.hrtime.bigint();
    const res = await request(this.baseUrl + path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-request-id': ctx.reqId },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ms > 800) {
      this.logger.warn({ path, status: res.statusCode, ms: Math.round(ms), reqId: ctx.reqId }, 'slow pricing-service call');
    }
    if (res.statusCode >= 400) {
      await res.body.dump();
      throw new PricingError(`pricing-service responded ${res.statusCode} for POST ${path}`, res.statusCode);
    }
    return res.body.json();
  }
}

module.exports = { PricingClient, PricingError };
