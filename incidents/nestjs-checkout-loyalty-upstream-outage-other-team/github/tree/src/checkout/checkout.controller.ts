import { Body, Controller, HttpCode, Post } from '@nestjs/common';

import { CheckoutService } from './checkout.service';
import { QuoteRequestDto, QuoteResponseDto } from './dto';

@Controller('v1/checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post('quote')
  @HttpCode(200)
  async quote(@Body() body: QuoteRequestDto): Promise<QuoteResponseDto> {
    return this.checkout.quote(body);
  }
}
