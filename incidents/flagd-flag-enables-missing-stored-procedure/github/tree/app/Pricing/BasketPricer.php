<?php

namespace App\Pricing;

use App\Models\Basket;
use App\Support\Features;

class BasketPricer
{
    public function __construct(
        private readonly LinePricer $lines,
        private readonly LegacyBundleDiscounts $legacyBundles,
        private readonly BundleDiscountCalculator $bundles,
        private readonly ShippingCalculator $shipping,
        private readonly Features $features,
    ) {
    }

    public function price(Basket $basket): PricedBasket
    {
        $priced = new PricedBasket($basket->currency);

        foreach ($basket->lines as $line) {
            $priced->addLine($line, $this->lines->unitPrice($line, $basket->currency));
        }

        // bundle-discounts-v2: discounts computed in MySQL by sp_apply_bundle_discounts
        // (one round trip instead of N queries). Dark launched, see flagd config.
        if ($this->features->enabled('bundle-discounts-v2', $basket)) {
            $priced->addDiscounts($this->bundles->apply($basket));
        } else {
            $priced->addDiscounts($this->legacyBundles->apply($basket));
        }

        $priced->setShipping($this->shipping->quote($basket, $priced->subtotal()));

        return $priced;
    }
}
