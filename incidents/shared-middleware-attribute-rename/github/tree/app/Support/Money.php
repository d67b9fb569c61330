<?php

namespace App\Support;

use NumberFormatter;

final class Money
{
    public static function format(int $minor, string $currency, string $locale): string
    {
        $fmt = new NumberFormatter($locale, NumberFormatter::CURRENCY);

        return $fmt->formatCurrency($minor / 100, $currency);
    }
}
