'use strict';

const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
const { logger } = require('../logger');
const cache = require('../cache/geocodeCache');

const INTERVAL_MS = Number(process.env.RUNTIME_STATS_INTERVAL_MS || 15 * 60 * 1000);
const MB = 1024 * 1024;

function startRuntimeStats() {
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  let lastElu = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const mem = process.memoryUsage();
    const elu = performance.eventLoopUtilization(lastElu);
    lastElu = performance.eventLoopUtilization();
    logger.info({
      heapUsedMB: Math.round(mem.heapUsed / MB),
      heapTotalMB: Math.round(mem.heapTotal / MB),
      rssMB: Math.round(mem.rss / MB),
      elu: Number(elu.utilization.toFixed(2)),
      loopLagP99Ms: Math.round(lag.percentile(99) / 1e6),
      memoEntries: cache.size(),
    }, 'runtime stats');
    lag.reset();
  }, INTERVAL_MS);
  timer.unref();
}

module.exports = { startRuntimeStats };
