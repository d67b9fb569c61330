import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Logger } from 'pino';

import {
  DEFAULT_POOL,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  PoolOptions,
  RetryPolicy,
  backoffDelay,
  describePolicy,
} from './policy';

export class UpstreamError extends Error {
  constructor(message: string, readonly status: number, readonly attempts: number) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export interface ClientOptions {
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  pool?: Partial<PoolOptions>;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export class HttpClient {
  private readonly pool: Pool;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  readonly stats = { calls: 0, retries: 0, giveUps: 0 };

  constructor(readonly name: string, readonly origin: string, private readonly opts: ClientOptions) {
    const pool = { ...DEFAULT_POOL, ...opts.pool };
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pool = new Pool(origin, {
      connections: pool.connections,
      pipelining: pool.pipelining,
      keepAliveTimeout: pool.keepAliveTimeoutMs,
    });
    opts.logger.info(
      { upstream: name, origin, retry: describePolicy(this.policy), connections: pool.connections, timeoutMs: this.timeoutMs },
      'http client ready',
    );
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    this.stats.calls++;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.pool.request({
          method,
          path,
          signal,
          headers: { 'content-type': 'application/json', ...this.opts.headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (res.statusCode < 400) {
          return (await res.body.json()) as T;
        }
        await res.body.dump();
        if (!this.policy.retryOnStatus.includes(res.statusCode) || attempt >= this.policy.maxAttempts) {
          this.stats.giveUps++;
          throw new UpstreamError(
            `${method} ${this.origin}${path} -> ${res.statusCode} after ${attempt} attempt(s)`,
            res.statusCode,
            attempt,
          );
        }
        this.retrying(attempt, res.statusCode);
      } catch (err) {
        if (err instanceof UpstreamError) throw err;
        const code = (err as { code?: string }).code;
        if (!code || !this.policy.retryOnCodes.includes(code) || attempt >= this.policy.maxAttempts) throw err;
        this.retrying(attempt, code);
      }
      await sleep(backoffDelay(this.policy, attempt), undefined, { signal });
    }
  }

  private retrying(attempt: number, reason: number | string): void {
    this.stats.retries++;
    this.opts.logger.warn(
      { upstream: this.name, reason, attempt, maxAttempts: this.policy.maxAttempts, delayMs: backoffDelay(this.policy, attempt) },
      'retrying upstream call',
    );
  }

  poolStats() {
    const s = this.pool.stats;
    return { connected: s.connected, free: s.free, pending: s.pending, queued: s.queued, running: s.running };
  }
}
