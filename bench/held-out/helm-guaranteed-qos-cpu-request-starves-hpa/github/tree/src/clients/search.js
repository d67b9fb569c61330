'use strict';

const { Pool } = require('undici');
const { version } = require('../../package.json');

// search-gateway rate-limits per user agent; the default undici one is shared by every Node client.
const USER_AGENT = `catalog-bff/${version}`;

class SearchTimeoutError extends Error {
  constructor(path, ms) {
    super(`search-gateway did not answer ${path} within ${ms}ms`);
    this.name = 'SearchTimeoutError';
  }
}

class SearchClient {
  constructor(baseUrl, { apiKey, timeoutMs = 1500, connections = 24 } = {}) {
    // search-gateway closes idle keep-alive sockets after 75s; stay well below it.
    this.pool = new Pool(baseUrl, { connections, keepAliveTimeout: 30000, keepAliveMaxTimeout: 60000 });
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
  }

  async query(path, params) {
    const qs = new URLSearchParams(params).toString();
    const started = performance.now();
    try {
      const res = await this.pool.request({
        method: 'GET',
        path: qs ? `${path}?${qs}` : path,
        headers: {
          'x-api-key': this.apiKey,
          accept: 'application/json',
          'user-agent': USER_AGENT,
        },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      if (res.statusCode === 404) {
        await res.body.dump();
        return null;
      }
      if (res.statusCode >= 400) {
        await res.body.dump();
        throw new Error(`search-gateway ${path} returned ${res.statusCode}`);
      }
      return await res.body.json();
    } catch (err) {
      if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') {
        throw new SearchTimeoutError(path, Math.round(performance.now() - started));
      }
      throw err;
    }
  }
}

module.exports = { SearchClient, SearchTimeoutError };
