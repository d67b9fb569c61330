'use strict';

const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

// Logs event loop delay every intervalMs; warns when p99 goes over warnP99Ms.
function startEventLoopMonitor(log, { intervalMs = 10000, warnP99Ms = 200 } = {}) {
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const elu = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const fields = {
      p99Ms: Math.round(h.percentile(99) / 1e6),
      meanMs: Math.round(h.mean / 1e6),
      elu: Math.round(elu * 100) / 100,
    };
    if (fields.p99Ms > warnP99Ms) log.warn(fields, 'event loop delay high');
    else log.debug(fields, 'event loop delay');
    h.reset();
  }, intervalMs);
  timer.unref();
}

module.exports = { startEventLoopMonitor };
