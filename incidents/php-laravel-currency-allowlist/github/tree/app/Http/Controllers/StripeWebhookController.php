<?php

declare(strict_types=1);

namespace App\Http\Controllers;

use App\Models\ProcessedStripeEvent;
use App\Payments\Stripe\ChargeRefundedHandler;
use App\Payments\Stripe\ChargeSucceededHandler;
use Illuminate\Http\Request;
use Illuminate\Http\Response;
use Illuminate\Support\Facades\Log;
use Stripe\Webhook;

final class StripeWebhookController extends Controller
{
    public function __construct(
        private readonly ChargeSucceededHandler $chargeSucceeded,
        private readonly ChargeRefundedHandler $chargeRefunded,
    ) {
    }

    public function __invoke(Request $request): Response
    {
        $event = Webhook::constructEvent(
            $request->getContent(),
            (string) $request->header('Stripe-Signature'),
            config('services.stripe.webhook_secret'),
        );

        Log::info('Stripe webhook received', ['type' => $event->type, 'id' => $event->id]);

        $handler = match ($event->type) {
            'charge.succeeded' => $this->chargeSucceeded,
            'charge.refunded' => $this->chargeRefunded,
            default => null,
        };
        if ($handler !== null && !ProcessedStripeEvent::remember($event->id)) {
            Log::info('Stripe webhook already processed', ['id' => $event->id]);

            return response()->noContent();
        }
        $handler?->handle($event->data->object->toArray());

        return response()->noContent();
    }
}
