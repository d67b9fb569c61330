<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Relations\BelongsTo;
use Illuminate\Database\Eloquent\Relations\BelongsToMany;
use Illuminate\Foundation\Auth\User as Authenticatable;
use Laravel\Sanctum\HasApiTokens;

class User extends Authenticatable
{
    use HasApiTokens;

    protected $hidden = ['password', 'remember_token'];

    public function buyerAccount(): BelongsTo
    {
        return $this->belongsTo(BuyerAccount::class);
    }

    public function buyerAccounts(): BelongsToMany
    {
        return $this->belongsToMany(BuyerAccount::class, 'buyer_account_user')->withTimestamps();
    }
}
