<?php

declare(strict_types=1);

namespace App\Support;

use App\Exceptions\UnsupportedCurrencyException;
use JsonSerializable;

/**
 * An amount in minor units (pence, cents, öre) of one currency.
 */
final class Money implements JsonSerializable
{
    /** ISO 4217 codes we price and settle in. */
    private const SUPPORTED = ['GBP', 'EUR', 'USD', 'SEK', 'DKK', 'NOK'];

    public function __construct(
        public readonly int $minor,
        public readonly string $currency,
    ) {
        if (!in_array($currency, self::SUPPORTED, true)) {
            throw new UnsupportedCurrencyException(sprintf('unsupported currency code: %s', $currency));
        }
    }

    /**
     * Build from a provider payload, where amounts may arrive as int or numeric string.
     */
    public static function fromMinor(int|string $minor, string $currency): self
    {
        return new self((int) $minor, $currency);
    }

    public static function zero(string $currency): self
    {
        return new self(0, $currency);
    }

    public function add(Money $other): self
    {
        $this->assertSameCurrency($other);

        return new self($this->minor + $other->minor, $this->currency);
    }

    public function format(): string
    {
        return number_format($this->minor / 100, 2) . ' ' . strtoupper($this->currency);
    }

    public function jsonSerialize(): array
    {
        return ['minor' => $this->minor, 'currency' => $this->currency];
    }

    private function assertSameCurrency(Money $other): void
    {
        if ($other->currency !== $this->currency) {
            throw new \InvalidArgumentException("currency mismatch: {$this->currency} vs {$other->currency}");
        }
    }
}
