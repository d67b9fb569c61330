<?php

declare(strict_types=1);

namespace Tests\Unit;

use App\Exceptions\UnsupportedCurrencyException;
use App\Support\Money;
use PHPUnit\Framework\TestCase;

final class MoneyTest extends TestCase
{
    public function test_format(): void
    {
        $this->assertSame('45.99 GBP', (new Money(4599, 'GBP'))->format());
    }

    public function test_from_minor_accepts_numeric_strings(): void
    {
        $this->assertSame(1299, Money::fromMinor('1299', 'EUR')->minor);
    }

    public function test_rejects_unknown_currency_codes(): void
    {
        $this->expectException(UnsupportedCurrencyException::class);
        new Money(500, 'GPB');
    }
}
