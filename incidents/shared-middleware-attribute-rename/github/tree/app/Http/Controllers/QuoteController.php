<?php

namespace App\Http\Controllers;

use App\Http\Resources\QuoteResource;
use App\Models\Quote;
use Illuminate\Http\Request;

class QuoteController extends Controller
{
    public function show(Request $request, string $id): QuoteResource
    {
        $model = Quote::query()
            ->where('public_id', $id)
            ->where('buyer_account_id', $request->user()->buyer_account_id)
            ->firstOrFail();

        return new QuoteResource($model);
    }
}
