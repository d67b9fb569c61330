<?php

declare(strict_types=1);

namespace App\Catalog;

use Psr\Log\LoggerInterface;
use Symfony\Contracts\Cache\CacheInterface;
use Symfony\Contracts\Cache\ItemInterface;
use Symfony\Contracts\HttpClient\HttpClientInterface;

/**
 * "Delivered in 2-3 days" on product pages, from Bring's shipping guide API for the
 * warehouse postcode and the visitor's postcode (or Oslo when unknown). Cached 10 minutes per
 * postcode and product weight class; any failure just hides the line.
 */
final class DeliveryEstimator
{
    private const WAREHOUSE_POSTCODE = '2007';

    public function __construct(
        private readonly HttpClientInterface $bringClient,
        private readonly CacheInterface $cache,
        private readonly LoggerInterface $logger,
    ) {
    }

    public function estimateFor(Product $product, ?string $postcode): ?DeliveryEstimate
    {
        $postcode ??= '0150';
        $key = sprintf('delivery.%s.%s', $postcode, $product->weightClass());

        try {
            return $this->cache->get($key, function (ItemInterface $item) use ($product, $postcode): ?DeliveryEstimate {
                $item->expiresAfter(600);
                $data = $this->bringClient->request('GET', '/shippingguide/api/v2/products', [
                    'query' => [
                        'fromPostalCode' => self::WAREHOUSE_POSTCODE,
                        'toPostalCode' => $postcode,
                        'weightInGrams' => $product->shippingWeightGrams(),
                        'product' => 'SERVICEPAKKE',
                    ],
                ])->toArray();

                return DeliveryEstimate::fromBring($data);
            });
        } catch (\Throwable $e) {
            $this->logger->warning('Delivery estimate unavailable', ['postcode' => $postcode, 'error' => $e->getMessage()]);

            return null;
        }
    }
}
