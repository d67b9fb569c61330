'use strict';

// Temporary log level changes for one pod (port-forward only; not exposed by the ingress).

module.exports = async function admin(app) {
  app.put('/loglevel', async (req) => {
    const { level = 'info', minutes = 5 } = req.body || {};
    const previous = app.log.level;
    app.log.level = level;
    setTimeout(() => {
      app.log.level = previous;
      app.log.info({ to: previous }, 'log level restored');
    }, minutes * 60000).unref();
    req.log.info({ to: level, minutes }, 'log level changed');
    return { level, minutes };
  });
};
