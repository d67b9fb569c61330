<?php

namespace App\Http\Controllers;

use App\Http\Resources\CartResource;
use App\Models\Cart;
use Illuminate\Http\Request;

class CartController extends Controller
{
    public function current(Request $request): CartResource
    {
        $cart = Cart::firstOrCreate(['user_id' => $request->user()->id, 'status' => 'open']);

        return new CartResource($cart->load('items.product'));
    }
}
