<?php

namespace App\Search;

use Doctrine\DBAL\Connection;

/**
 * Flight search over the denormalised `offers` table (refreshed every 10 min
 * from the GDS feed by the messenger worker).
 */
class FlightSearch
{
    private const MAX_RESULTS = 50;

    public function __construct(private readonly Connection $connection)
    {
    }

    /**
     * @return list<array<string, mixed>>
     */
    public function find(?string $from, string $to, \DateTimeImmutable $date): array
    {
        $sql = <<<'SQL'
            SELECT o.offer_id,
                   o.carrier,
                   o.flight_number,
                   o.origin,
                   o.destination,
                   o.departs_at,
                   o.arrives_at,
                   o.fare_cents,
                   o.currency,
                   o.seats_left
              FROM offers o
             WHERE o.destination = :to
               AND o.departs_at >= :day_start
               AND o.departs_at < :day_end
               AND (:from::text IS NULL OR o.origin = :from)
               AND o.seats_left > 0
             ORDER BY o.fare_cents ASC
             LIMIT :limit
            SQL;

        $params = [
            'to' => strtoupper($to),
            'from' => $from !== null ? strtoupper($from) : null,
            'day_start' => $date->setTime(0, 0)->format('Y-m-d H:i:s'),
            'day_end' => $date->setTime(0, 0)->modify('+1 day')->format('Y-m-d H:i:s'),
            'limit' => self::MAX_RESULTS,
        ];
        $types = [
            'limit' => \Doctrine\DBAL\ParameterType::INTEGER,
        ];

        return $this->connection
            ->executeQuery($sql, $params, $types)
            ->fetchAllAssociative();
    }
}
