import { HttpService } from '@nestjs/axios';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { firstValueFrom } from 'rxjs';

const CALLER = { 'x-caller': 'checkout-api' };

export interface LoyaltyBalance {
  memberId: string;
  points: number;
  tier: 'green' | 'silver' | 'gold';
  redeemableMinor: number;
}

@Injectable()
export class LoyaltyClient {
  private readonly logger = new Logger(LoyaltyClient.name);
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly http: HttpService, config: ConfigService) {
    this.baseUrl = config.getOrThrow<string>('loyalty.baseUrl');
    this.timeoutMs = config.getOrThrow<number>('loyalty.timeoutMs');
  }

  async getBalance(memberId: string): Promise<LoyaltyBalance> {
    const url = `${this.baseUrl}/v1/members/${encodeURIComponent(memberId)}/balance`;
    const res = await firstValueFrom(this.http.get<LoyaltyBalance>(url, { timeout: this.timeoutMs, headers: CALLER }));
    return res.data;
  }

  async earn(memberId: string, orderId: string, amountMinor: number): Promise<void> {
    const url = `${this.baseUrl}/v1/members/${encodeURIComponent(memberId)}/earn`;
    await firstValueFrom(
      this.http.post(url, { orderId, amountMinor }, { timeout: this.timeoutMs, headers: { ...CALLER, 'idempotency-key': orderId } }),
    );
    this.logger.debug(`earn posted member=${memberId} order=${orderId}`);
  }
}
