<?php

namespace App\Http\Controllers\Auth;

use App\Http\Controllers\Controller;
use App\Models\Basket;
use App\Support\Features;
use Illuminate\Http\Request;

class LoginController extends Controller
{
    public function __invoke(Request $request, Features $features)
    {
        $guestBasketId = $request->session()->get('basket_id');
        $request->session()->regenerate();

        if ($guestBasketId && $features->enabled('basket-merge-on-login')) {
            Basket::mergeGuestInto($guestBasketId, $request->user()->id);
        }

        return response()->noContent();
    }
}
