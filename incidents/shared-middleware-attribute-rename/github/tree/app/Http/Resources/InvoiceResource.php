<?php

namespace App\Http\Resources;

use App\Http\Resources\Concerns\FormatsMoney;
use Illuminate\Http\Request;
use Illuminate\Http\Resources\Json\JsonResource;

class InvoiceResource extends JsonResource
{
    use FormatsMoney;

    public function toArray(Request $request): array
    {
        return [
            'id' => $this->public_id,
            'number' => $this->number,
            'issued_on' => $this->issued_on->toDateString(),
            'due_on' => $this->due_on->toDateString(),
            'net_total' => $this->money($this->net_total_minor),
            'tax' => $this->whenLoaded('taxLines', fn () => $this->taxLines->map(fn ($line) => [
                'rate' => $line->rate_percent,
                'amount' => $this->money($line->amount_minor),
            ])),
            'total' => $this->money($this->total_minor),
            'paid' => $this->money($this->paid_minor),
            'outstanding' => $this->money($this->total_minor - $this->paid_minor),
            'status' => $this->status,
        ];
    }
}
