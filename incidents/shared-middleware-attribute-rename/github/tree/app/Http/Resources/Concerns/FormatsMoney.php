<?php

namespace App\Http\Resources\Concerns;

use App\Support\Money;

/**
 * Money fields of API resources: amounts are in minor units, in the contract currency of the
 * buyer account the request acts for (set on the request by ResolveBuyerAccount).
 */
trait FormatsMoney
{
    protected function money(int $minor): array
    {
        $currency = request()->attributes->get('account')->currency();

        return [
            'amount' => $minor,
            'currency' => $currency,
            'formatted' => Money::format($minor, $currency, app()->getLocale()),
        ];
    }
}
