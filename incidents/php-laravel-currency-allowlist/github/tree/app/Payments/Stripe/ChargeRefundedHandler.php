<?php

declare(strict_types=1);

namespace App\Payments\Stripe;

use App\Models\Order;
use App\Support\Money;
use Illuminate\Support\Facades\Log;

final class ChargeRefundedHandler
{
    /**
     * @param array<string, mixed> $charge the `data.object` of a charge.refunded event
     */
    public function handle(array $charge): void
    {
        $order = Order::query()->where('payment_intent_id', $charge['payment_intent'])->firstOrFail();
        $refunded = Money::fromMinor($charge['amount_refunded'], $charge['currency']);
        $order->recordRefund($refunded);

        Log::info('Order refunded', ['order' => $order->number, 'amount' => $refunded->format()]);
    }
}
