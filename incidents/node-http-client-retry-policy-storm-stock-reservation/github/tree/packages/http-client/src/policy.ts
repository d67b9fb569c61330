/**
 * Defaults shared by every internal HTTP call made through @larchfield/http-client.
 * A client may override them, but almost none do: changing a value here changes the
 * behaviour of every service that depends on this package at its next deploy.
 */

export type JitterMode = 'none' | 'full';

export interface RetryPolicy {
  /** total attempts, including the first one */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  jitter: JitterMode;
  /** HTTP statuses that are retried */
  retryOnStatus: readonly number[];
  /** undici / Node error codes that are retried */
  retryOnCodes: readonly string[];
}

// Aligned with payments-sdk (ADR-031): short, predictable delays so that a callee
// restarting behind the mesh is invisible to the shopper.
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
  jitter: 'none',
  retryOnStatus: [429, 502, 503, 504],
  retryOnCodes: ['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'],
};

export interface PoolOptions {
  connections: number;
  pipelining: number;
  keepAliveTimeoutMs: number;
}

export const DEFAULT_POOL: PoolOptions = {
  connections: 64,
  pipelining: 1,
  keepAliveTimeoutMs: 4_000,
};

/** Deadline for one logical call, all attempts included. */
export const DEFAULT_TIMEOUT_MS = 2_500;

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return policy.jitter === 'full' ? Math.floor(Math.random() * ceiling) : ceiling;
}

export function describePolicy(p: RetryPolicy): string {
  return `attempts=${p.maxAttempts} base=${p.baseDelayMs}ms max=${p.maxDelayMs}ms jitter=${p.jitter} on=${p.retryOnStatus.join(',')}`;
}
