<?php

namespace App\Http\Controllers;

use App\Http\Middleware\ResolveBuyerAccount;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class AccountController extends Controller
{
    public function show(Request $request): JsonResponse
    {
        $account = $request->attributes->get(ResolveBuyerAccount::ATTRIBUTE);

        return response()->json([
            'id' => $account->public_id,
            'name' => $account->name,
            'currency' => $account->currency(),
            'price_list' => $account->price_list_code,
            'other_accounts' => $request->user()->buyerAccounts()->pluck('public_id'),
        ]);
    }
}
