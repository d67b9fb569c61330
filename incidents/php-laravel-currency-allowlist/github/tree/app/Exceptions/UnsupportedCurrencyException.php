<?php

declare(strict_types=1);

namespace App\Exceptions;

use InvalidArgumentException;

final class UnsupportedCurrencyException extends InvalidArgumentException
{
}
