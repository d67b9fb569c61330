<?php

namespace App\Pricing;

use App\Models\Basket;
use Illuminate\Support\Facades\DB;

/**
 * Bundle discounts v2. The rules live in the `bundle_rules` table; the stored procedure
 * sp_apply_bundle_discounts evaluates them for every line of the basket in one call.
 * The procedure is owned by the DBA team (kitewell/db-schemas, change CHG-4471).
 */
class BundleDiscountCalculator
{
    /** @return list<Discount> */
    public function apply(Basket $basket): array
    {
        $rows = DB::select('CALL sp_apply_bundle_discounts(?, ?)', [$basket->id, $basket->currency]);

        return array_map(
            fn (object $row) => new Discount(
                code: $row->rule_code,
                label: $row->label,
                amountMinor: (int) $row->discount_minor,
                lineIds: array_map('intval', explode(',', $row->line_ids)),
            ),
            $rows,
        );
    }
}
