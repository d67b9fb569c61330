import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { CorvapayClient, PaymentIntent } from './corvapay/corvapay.client';
import { CorvapayApiError, CorvapayTimeoutError } from './corvapay/corvapay.errors';
import { PaypalClient } from './paypal/paypal.client';
import { PayRequestDto } from '../checkout/dto/pay-request.dto';
import { Cart } from '../checkout/cart.entity';

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    private readonly corvapay: CorvapayClient,
    private readonly paypal: PaypalClient,
  ) {}

  async authorize(cart: Cart, dto: PayRequestDto): Promise<PaymentIntent> {
    if (dto.method === 'paypal') {
      return this.paypal.createOrder(cart, dto);
    }
    try {
      return await this.corvapay.createPaymentIntent(
        {
          amount: cart.totalMinor,
          currency: cart.currency,
          customerRef: cart.customerId,
          orderRef: cart.id,
          paymentMethodToken: dto.paymentMethodToken,
          returnUrl: dto.returnUrl,
        },
        `auth-${cart.id}-${cart.version}`,
      );
    } catch (err) {
      if ((err instanceof CorvapayApiError || err instanceof CorvapayTimeoutError) && err.retryable) {
        this.logger.error({ err, cartId: cart.id, method: dto.method }, 'payment authorization failed at provider');
        throw new ServiceUnavailableException({ code: 'payment_provider_unavailable', retryAfter: 30 });
      }
      throw err;
    }
  }
}
