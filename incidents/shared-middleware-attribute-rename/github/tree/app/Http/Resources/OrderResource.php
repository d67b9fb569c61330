<?php

namespace App\Http\Resources;

use App\Http\Resources\Concerns\FormatsMoney;
use Illuminate\Http\Request;
use Illuminate\Http\Resources\Json\JsonResource;

class OrderResource extends JsonResource
{
    use FormatsMoney;

    public function toArray(Request $request): array
    {
        return [
            'id' => $this->public_id,
            'status' => $this->status,
            'placed_at' => $this->placed_at?->toIso8601String(),
            'subtotal' => $this->money($this->subtotal_minor),
            'shipping' => $this->money($this->shipping_minor),
            'total' => $this->money($this->total_minor),
            'lines' => OrderLineResource::collection($this->whenLoaded('lines')),
        ];
    }
}
