<?php

namespace App\Repositories;

use Carbon\CarbonImmutable;
use Illuminate\Support\Collection;
use Illuminate\Support\Facades\DB;

class StatementLineRepository
{
    /**
     * Booked transactions of one account in [from, to), oldest first, with the
     * category label printed on the statement.
     */
    public function linesFor(int $accountId, CarbonImmutable $from, CarbonImmutable $to): Collection
    {
        $replica = DB::connection('mysql_replica');
        $customerId = $replica->table('accounts')->where('id', $accountId)->value('customer_id');

        return $replica
            ->table('transactions as t')
            ->join('accounts as a', function ($join) use ($customerId) {
                $join->where('a.customer_id', '=', $customerId);
            })
            ->leftJoin('accounts as cp', 'cp.iban', '=', 't.counterparty_iban')
            ->leftJoin('categories as c', 'c.id', '=', 't.category_id')
            ->where('t.status', 'booked')
            ->where('t.booked_at', '>=', $from)
            ->where('t.booked_at', '<', $to)
            ->orderBy('t.booked_at')
            ->orderBy('t.id')
            ->get([
                't.id',
                't.booked_at',
                't.amount_minor',
                't.currency',
                't.counterparty_name',
                't.reference',
                'c.label as category',
                'a.iban',
                DB::raw('(cp.customer_id is not null and cp.customer_id = a.customer_id) as is_own_transfer'),
            ]);
    }

    public function openingBalance(int $accountId, CarbonImmutable $from): int
    {
        return (int) DB::connection('mysql_replica')
            ->table('transactions')
            ->where('account_id', $accountId)
            ->where('status', 'booked')
            ->where('booked_at', '<', $from)
            ->sum('amount_minor');
    }
}
