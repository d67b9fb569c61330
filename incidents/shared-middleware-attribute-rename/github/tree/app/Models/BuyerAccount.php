<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

class BuyerAccount extends Model
{
    protected $casts = ['credit_limit_minor' => 'integer'];

    /** ISO 4217 code of the account's contract currency. */
    public function currency(): string
    {
        return $this->contract_currency ?? config('wholesale.default_currency');
    }
}
