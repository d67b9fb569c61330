<?php

namespace App\Http\Resources;

use App\Http\Resources\Concerns\FormatsMoney;
use Illuminate\Http\Request;
use Illuminate\Http\Resources\Json\JsonResource;

class QuoteResource extends JsonResource
{
    use FormatsMoney;

    public function toArray(Request $request): array
    {
        return [
            'id' => $this->public_id,
            'valid_until' => $this->valid_until->toDateString(),
            'total' => $this->money($this->total_minor),
            'discount' => $this->money($this->discount_minor),
        ];
    }
}
