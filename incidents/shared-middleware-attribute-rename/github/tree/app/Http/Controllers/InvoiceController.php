<?php

namespace App\Http\Controllers;

use App\Http\Resources\InvoiceResource;
use App\Models\Invoice;
use Illuminate\Http\Request;

class InvoiceController extends Controller
{
    public function show(Request $request, string $invoice): InvoiceResource
    {
        $model = Invoice::query()
            ->with('taxLines')
            ->where('public_id', $invoice)
            ->where('buyer_account_id', $request->user()->buyer_account_id)
            ->firstOrFail();

        return new InvoiceResource($model);
    }
}
