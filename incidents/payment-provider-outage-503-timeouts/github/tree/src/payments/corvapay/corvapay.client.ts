import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CorvapayApiError, CorvapayTimeoutError } from './corvapay.errors';

export interface CreatePaymentIntentRequest {
  amount: number; // minor units
  currency: string;
  customerRef: string;
  orderRef: string;
  paymentMethodToken: string;
  returnUrl: string;
}

export interface PaymentIntent {
  id: string;
  status: 'requires_action' | 'authorized' | 'captured' | 'failed';
  nextAction?: { type: '3ds_redirect'; url: string };
}

@Injectable()
export class CorvapayClient {
  private readonly logger = new Logger(CorvapayClient.name);
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(config: ConfigService) {
    this.baseUrl = config.getOrThrow<string>('payments.corvapay.baseUrl');
    this.apiKey = config.getOrThrow<string>('payments.corvapay.apiKey');
    this.timeoutMs = config.get<number>('payments.corvapay.timeoutMs', 8000);
  }

  createPaymentIntent(req: CreatePaymentIntentRequest, idempotencyKey: string): Promise<PaymentIntent> {
    return this.request<PaymentIntent>('POST', '/v2/payment_intents', req, idempotencyKey);
  }

  capture(intentId: string, idempotencyKey: string): Promise<PaymentIntent> {
    return this.request<PaymentIntent>('POST', `/v2/payment_intents/${intentId}/capture`, {}, idempotencyKey);
  }

  private async request<T>(method: string, path: string, body: unknown, idempotencyKey: string): Promise<T> {
    const started = Date.now();
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') {
        throw new CorvapayTimeoutError(method, path, this.timeoutMs, { cause: e });
      }
      throw e;
    }
    const requestId = res.headers.get('corvapay-request-id') ?? 'unknown';
    if (!res.ok) {
      const payload = await res.json().catch(() => ({}));
      const err = new CorvapayApiError(
        res.status,
        payload?.error?.code ?? 'unknown',
        payload?.error?.message ?? res.statusText,
        requestId,
      );
      this.logger.warn(
        { path, status: res.status, code: err.code, requestId, latencyMs: Date.now() - started },
        'corvapay request failed',
      );
      throw err;
    }
    return (await res.json()) as T;
  }
}
