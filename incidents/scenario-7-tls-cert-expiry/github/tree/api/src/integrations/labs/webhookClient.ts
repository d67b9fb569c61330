import axios, { AxiosError, AxiosInstance } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHmac } from 'node:crypto';
import { logger } from '../../logger';

export interface LabOrderEvent {
  orderId: string;
  patientRef: string;
  status: 'created' | 'cancelled';
  tests: string[];
}

// Delivers lab order events to the partner laboratory's webhook endpoint.
export class LabWebhookClient {
  private readonly http: AxiosInstance;

  constructor(private readonly baseUrl: string, private readonly signingKey: string) {
    this.http = axios.create({ baseURL: baseUrl, timeout: 5000 });
  }

  private sign(body: string): string {
    return createHmac('sha256', this.signingKey).update(body).digest('hex');
  }

  private static retryable(err: unknown): boolean {
    if (!(err instanceof AxiosError)) return false;
    if (err.code === 'ECONNABORTED' || err.code === 'ECONNRESET') return true;
    const status = err.response?.status ?? 0;
    return status === 429 || status >= 500;
  }

  async deliver(event: LabOrderEvent, maxAttempts = 4): Promise<void> {
    const body = JSON.stringify(event);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.http.post('/events', body, {
          headers: { 'content-type': 'application/json', 'x-signature': this.sign(body) },
        });
        logger.info({ orderId: event.orderId, status: event.status, attempt }, 'lab webhook delivered');
        return;
      } catch (err) {
        if (attempt >= maxAttempts || !LabWebhookClient.retryable(err)) throw err;
        const delayMs = Math.min(30000, 500 * 2 ** attempt) + Math.floor(Math.random() * 250);
        logger.warn({ orderId: event.orderId, attempt, delayMs }, 'lab webhook failed, retrying');
        await sleep(delayMs);
      }
    }
  }
}
