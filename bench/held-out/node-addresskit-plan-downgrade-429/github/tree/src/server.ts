import Fastify from 'fastify';
import { config } from './config';
import { logger } from './logger';
import { verifyRoutes } from './routes/verify';
import { autocompleteRoutes } from './routes/autocomplete';
import { startUsageReporter } from './usage';

const app = Fastify({ logger, disableRequestLogging: false });

app.get('/healthz', async () => ({ ok: true }));
app.register(verifyRoutes);
app.register(autocompleteRoutes);

startUsageReporter(60_000);
logger.debug({ config }, 'config loaded');

app.listen({ port: config.port, host: '0.0.0.0' }).catch((err) => {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    logger.info({ signal }, 'shutting down, draining connections');
    await app.close();
    process.exit(0);
  });
}
