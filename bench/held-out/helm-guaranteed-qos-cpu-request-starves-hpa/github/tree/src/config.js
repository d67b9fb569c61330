'use strict';

const env = process.env;

const config = {
  port: Number(env.PORT || 8080),
  logLevel: env.LOG_LEVEL || 'info',
  searchGatewayUrl: env.SEARCH_GATEWAY_URL,
  searchApiKey: env.SEARCH_API_KEY,
  pricingUrl: env.PRICING_URL,
  pricingTokenFile: env.PRICING_TOKEN_FILE || '/var/run/secrets/pricing/token',
  redisUrl: env.REDIS_URL,

  // Only the API keys are masked: the Redis URL is needed verbatim when debugging cache misses.
  redacted() {
    return { ...this, searchApiKey: this.searchApiKey ? '***' : undefined, redacted: undefined };
  },
};

module.exports = { config };
