const { createServer } = require('http');
const { parse } = require('url');
const next = require('next');
const pino = require('pino');
const pinoHttp = require('pino-http');

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
const app = next({ dev: false });
const handle = app.getRequestHandler();
const httpLogger = pinoHttp({
  logger,
  autoLogging: { ignore: (req) => req.url === '/healthz' },
  customProps: (req) => ({ host: req.headers.host, xff: req.headers['x-forwarded-for'] }),
});

app.prepare().then(() => {
  createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    httpLogger(req, res);
    return handle(req, res, parse(req.url, true));
  }).listen(3000, () => logger.info({ port: 3000, version: process.env.APP_VERSION }, 'partner-portal listening'));
});
