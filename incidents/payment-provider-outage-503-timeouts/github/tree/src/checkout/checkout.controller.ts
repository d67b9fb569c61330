import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CartService } from './cart.service';
import { PayRequestDto } from './dto/pay-request.dto';
import { PaymentsService } from '../payments/payments.service';

@Controller('v1/checkout')
export class CheckoutController {
  constructor(
    private readonly carts: CartService,
    private readonly payments: PaymentsService,
  ) {}

  @Post(':cartId/pay')
  @HttpCode(201)
  async pay(@Param('cartId') cartId: string, @Body() dto: PayRequestDto) {
    // Keeps the cart (and its stock reservation) locked for 15 minutes while a 3DS challenge is open.
    const cart = await this.carts.lockForPayment(cartId, { ttlSeconds: 900 });
    const intent = await this.payments.authorize(cart, dto);
    await this.carts.attachPayment(cart, intent);
    return { intentId: intent.id, status: intent.status, nextAction: intent.nextAction ?? null };
  }
}
