<?php

namespace App\Services;

use Barryvdh\DomPDF\Facade\Pdf;
use Carbon\CarbonImmutable;
use Illuminate\Support\Collection;

class StatementPdfRenderer
{
    public function render(int $accountId, CarbonImmutable $from, int $openingMinor, Collection $rows): string
    {
        $balance = $openingMinor;
        $lines = $rows->map(function ($row) use (&$balance) {
            $balance += $row->amount_minor;

            return [
                'date' => CarbonImmutable::parse($row->booked_at)->format('d M'),
                'description' => $row->is_own_transfer
                    ? 'Transfer between your accounts'
                    : trim($row->counterparty_name.' '.$row->reference),
                'category' => $row->category,
                'amount' => $row->amount_minor / 100,
                'balance' => $balance / 100,
            ];
        });

        return Pdf::loadView('statements.monthly', [
            'accountId' => $accountId,
            'month' => $from->format('F Y'),
            'opening' => $openingMinor / 100,
            'lines' => $lines,
            'iban' => $rows->first()->iban ?? null,
        ])->output();
    }
}
