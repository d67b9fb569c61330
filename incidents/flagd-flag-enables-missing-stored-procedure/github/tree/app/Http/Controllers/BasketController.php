<?php

namespace App\Http\Controllers;

use App\Http\Resources\BasketResource;
use App\Models\Basket;
use App\Pricing\BasketPricer;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;
use Throwable;

class BasketController extends Controller
{
    public function __construct(private readonly BasketPricer $pricer)
    {
    }

    public function show(Request $request, string $basketId): BasketResource
    {
        $basket = Basket::with('lines.product')->findOrFail($basketId);
        $this->authorize('view', $basket);

        try {
            $priced = $this->pricer->price($basket);
        } catch (Throwable $e) {
            Log::error('basket pricing failed', [
                'basketId' => $basket->id,
                'lines' => $basket->lines->count(),
                'currency' => $basket->currency,
                'exception' => $e,
            ]);
            throw $e;
        }

        return new BasketResource($basket, $priced);
    }

    public function addLine(Request $request, string $basketId): BasketResource
    {
        $basket = Basket::findOrFail($basketId);
        $this->authorize('update', $basket);
        $data = $request->validate(['sku' => 'required|string', 'qty' => 'required|integer|min:1|max:99']);
        $basket->addLine($data['sku'], $data['qty']);

        return new BasketResource($basket->fresh('lines.product'), $this->pricer->price($basket));
    }
}
