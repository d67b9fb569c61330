'use strict';

const Fastify = require('fastify');
const { config } = require('./config');
const { startEventLoopMonitor } = require('./lib/eventloop');
const { SearchClient } = require('./clients/search');
const { PricingClient } = require('./clients/pricing');

async function main() {
  const app = Fastify({
    logger: { level: config.logLevel },
    disableRequestLogging: true,
    requestTimeout: 15000,
    keepAliveTimeout: 65000,
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        url: req.url,
        statusCode: reply.statusCode,
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });

  app.decorate('search', new SearchClient(config.searchGatewayUrl, { apiKey: config.searchApiKey }));
  app.decorate('pricing', new PricingClient(config.pricingUrl, { tokenFile: config.pricingTokenFile }));

  await app.register(require('./routes/health'));
  await app.register(require('./routes/admin'), { prefix: '/admin' });
  await app.register(require('./routes/listing'), { prefix: '/v1' });
  await app.register(require('./routes/products'), { prefix: '/v1' });

  app.log.info({ config: config.redacted() }, 'config loaded');
  startEventLoopMonitor(app.log, { intervalMs: 10000, warnP99Ms: 200 });

  await app.listen({ host: '0.0.0.0', port: config.port });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
