<?php

namespace App\Http\Middleware;

use App\Models\BuyerAccount;
use Closure;
use Illuminate\Http\Request;
use Symfony\Component\HttpFoundation\Response;

/**
 * Every buyer-facing API route runs behind this middleware: it resolves the buyer account the
 * request acts for and puts it on the request for controllers and resources.
 *
 * Users who belong to several buyer accounts (group purchasing) choose one with the
 * X-Buyer-Account header; otherwise their primary account is used.
 */
class ResolveBuyerAccount
{
    public const ATTRIBUTE = 'buyer_account';

    public function handle(Request $request, Closure $next): Response
    {
        $user = $request->user();
        $requested = $request->header('X-Buyer-Account');

        $account = $requested !== null
            ? $user?->buyerAccounts()->where('buyer_accounts.public_id', $requested)->first()
            : $user?->buyerAccount;

        if (! $account instanceof BuyerAccount) {
            abort(403, 'No buyer account for this user.');
        }

        // "account" was ambiguous next to the user account; name it for what it is.
        $request->attributes->set(self::ATTRIBUTE, $account);

        return $next($request);
    }
}
