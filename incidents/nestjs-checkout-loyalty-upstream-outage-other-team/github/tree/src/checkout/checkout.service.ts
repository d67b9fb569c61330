import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';

import { LoyaltyClient } from '../loyalty/loyalty.client';
import { PricingClient } from '../pricing/pricing.client';
import { QuoteRequestDto, QuoteResponseDto } from './dto';

@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    private readonly pricing: PricingClient,
    private readonly loyalty: LoyaltyClient,
  ) {}

  /**
   * Prices the basket and applies loyalty redemption. Loyalty is required when the customer
   * asked to redeem points; otherwise we still show the balance on the summary.
   */
  async quote(req: QuoteRequestDto): Promise<QuoteResponseDto> {
    const priced = await this.pricing.price(req.storeId, req.lines);

    if (!req.memberId) {
      return QuoteResponseDto.from(priced, null, 0);
    }

    let balance;
    try {
      balance = await this.loyalty.getBalance(req.memberId);
    } catch (err) {
      this.logger.error(`Loyalty balance lookup failed for member ${req.memberId}: ${err.message}`, err.stack);
      throw new ServiceUnavailableException('loyalty service unavailable, please retry');
    }

    const redeem = req.redeemPoints ? Math.min(balance.redeemableMinor, priced.totalMinor) : 0;
    const pointsToEarn = Math.floor(((priced.totalMinor - redeem) / 100) * (balance.tier === 'gold' ? 1.5 : 1));
    return QuoteResponseDto.from(priced, balance, redeem, pointsToEarn);
  }
}
