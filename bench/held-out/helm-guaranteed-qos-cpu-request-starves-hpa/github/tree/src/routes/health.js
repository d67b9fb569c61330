'use strict';

// Probes used by the kubelet (see deploy/helm/catalog-bff/templates/deployment.yaml).
// /live only says the process is up; /ready says this pod may receive traffic.

const startedAt = Date.now();
const version = process.env.APP_VERSION || 'dev';
let draining = false;

process.on('SIGTERM', () => {
  draining = true;
});

module.exports = async function health(app) {
  // kubelet probes every 5s per pod: keep them out of the request log.
  const quiet = { logLevel: 'silent' };

  app.get('/live', quiet, async () => ({ status: 'ok' }));

  app.get('/ready', quiet, async (req, reply) => {
    if (draining) {
      reply.code(503);
      return { status: 'draining' };
    }
    return { status: 'ready', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  });
};
