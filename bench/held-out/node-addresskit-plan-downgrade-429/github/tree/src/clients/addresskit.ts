import { Agent, request } from 'undici';
import { config } from '../config';
import { logger } from '../logger';
import { recordCall } from '../usage';

export interface AddressInput {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
}

export interface VerifyResult {
  status: 'verified' | 'corrected' | 'unverifiable';
  score: number;
  normalized?: AddressInput;
}

export interface Suggestion {
  id: string;
  text: string;
}

export class AddressKitError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
    readonly providerBody?: string,
  ) {
    super(message);
    this.name = 'AddressKitError';
  }
}

// One pooled keep-alive agent per process: AddressKit closes idle sockets after 60s,
// so keep ours a bit shorter to avoid writing to a socket the server already closed.
const agent = new Agent({
  keepAliveTimeout: 45_000,
  keepAliveMaxTimeout: 55_000,
  connections: 32,
});

// Thin client for the AddressKit v2 API. AddressKit meters every call against the
// account's plan; the limit and what is left in the current window come back in the
// x-ratelimit-* response headers, which we log at debug level.
export class AddressKitClient {
  constructor(
    private readonly baseUrl = config.addresskit.baseUrl,
    private readonly apiKey = config.addresskit.apiKey,
    private readonly timeoutMs = config.addresskit.timeoutMs,
  ) {}

  private async call<T>(path: string, payload: unknown): Promise<T> {
    const res = await request(`${this.baseUrl}${path}`, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.apiKey}`,
        'x-client-version': `address-service/${config.version}`,
      },
      body: JSON.stringify(payload),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    recordCall(res.statusCode);

    logger.debug(
      {
        path,
        status: res.statusCode,
        limit: res.headers['x-ratelimit-limit'],
        remaining: res.headers['x-ratelimit-remaining'],
      },
      'addresskit response',
    );

    if (res.statusCode >= 400) {
      const body = await res.body.text();
      const retryAfter = Number(res.headers['retry-after']);
      throw new AddressKitError(
        `AddressKit responded ${res.statusCode}`,
        res.statusCode,
        Number.isFinite(retryAfter) ? retryAfter : undefined,
        body.slice(0, 400),
      );
    }
    return (await res.body.json()) as T;
  }

  async verify(address: AddressInput): Promise<VerifyResult> {
    const out = await this.call<{ result: VerifyResult }>('/v2/verify', { address });
    return out.result;
  }

  async autocomplete(query: string, country: string): Promise<Suggestion[]> {
    const out = await this.call<{ suggestions: Suggestion[] }>('/v2/autocomplete', {
      query,
      country,
      limit: 8,
    });
    return out.suggestions;
  }
}

export const addressKit = new AddressKitClient();
