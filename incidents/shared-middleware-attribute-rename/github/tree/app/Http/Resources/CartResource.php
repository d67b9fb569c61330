<?php

namespace App\Http\Resources;

use App\Http\Resources\Concerns\FormatsMoney;
use Illuminate\Http\Request;
use Illuminate\Http\Resources\Json\JsonResource;

class CartResource extends JsonResource
{
    use FormatsMoney;

    public function toArray(Request $request): array
    {
        return [
            'items' => CartItemResource::collection($this->items),
            'item_count' => $this->items->sum('quantity'),
            'subtotal' => $this->money($this->subtotal_minor),
        ];
    }
}
