import { logger } from './logger';

// Counts outgoing AddressKit calls per pod so we can compare against the plan quota.
let calls = 0;
let errors = 0;

export function recordCall(status: number) {
  calls += 1;
  if (status >= 400) errors += 1;
}

export function startUsageReporter(intervalMs: number) {
  setInterval(() => {
    logger.info({ window: `${intervalMs / 1000}s`, calls, errors }, 'addresskit usage');
    calls = 0;
    errors = 0;
  }, intervalMs).unref();
}
