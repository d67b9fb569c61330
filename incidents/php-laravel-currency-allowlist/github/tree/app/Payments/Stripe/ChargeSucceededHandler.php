<?php

declare(strict_types=1);

namespace App\Payments\Stripe;

use App\Models\Order;
use App\Support\Money;
use Illuminate\Support\Facades\Log;

final class ChargeSucceededHandler
{
    /**
     * @param array<string, mixed> $charge the `data.object` of a charge.succeeded event
     */
    public function handle(array $charge): void
    {
        $order = Order::query()->where('payment_intent_id', $charge['payment_intent'])->firstOrFail();
        if ($order->isPaid()) {
            return;
        }

        $amount = Money::fromMinor($charge['amount'], $charge['currency']);
        $order->markPaid($amount, $charge['id']);

        Log::info('Order paid', ['order' => $order->number, 'amount' => $amount->format(), 'charge' => $charge['id']]);
    }
}
