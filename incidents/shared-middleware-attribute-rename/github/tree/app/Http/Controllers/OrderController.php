<?php

namespace App\Http\Controllers;

use App\Http\Resources\OrderResource;
use App\Models\Order;
use Illuminate\Http\Request;

class OrderController extends Controller
{
    public function show(Request $request, string $id): OrderResource
    {
        $model = Order::query()
            ->where('public_id', $id)
            ->where('buyer_account_id', $request->user()->buyer_account_id)
            ->firstOrFail();

        return new OrderResource($model);
    }
}
