import { Injectable, Logger } from '@nestjs/common';
import { RatingClient } from '../rating/rating.client';
import { UnderwritingRules } from '../underwriting/rules';
import { UnderwritingOutcome } from '../underwriting/referral';
import { MotorQuoteRequest, MotorQuote } from './quote.types';

@Injectable()
export class QuotesService {
  private readonly log = new Logger(QuotesService.name);

  constructor(private readonly rating: RatingClient, private readonly rules: UnderwritingRules) {}

  async quoteMotor(req: MotorQuoteRequest): Promise<MotorQuote> {
    const decision = this.rules.evaluate(req);
    if (decision.outcome === UnderwritingOutcome.DECLINED) {
      return MotorQuote.declined(req, decision.reasons);
    }
    // CPU-heavy: ~900 rating factors evaluated in-process, 30-60 ms per quote.
    const premium = await this.rating.price(req);
    return MotorQuote.offered(req, premium, decision);
  }
}
