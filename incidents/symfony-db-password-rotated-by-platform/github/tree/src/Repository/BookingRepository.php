<?php

namespace App\Repository;

use App\Entity\Booking;
use Doctrine\Bundle\DoctrineBundle\Repository\ServiceEntityRepository;
use Doctrine\DBAL\Exception\ConnectionException;
use Doctrine\Persistence\ManagerRegistry;
use Psr\Log\LoggerInterface;

/**
 * @extends ServiceEntityRepository<Booking>
 */
class BookingRepository extends ServiceEntityRepository
{
    public function __construct(ManagerRegistry $registry, private readonly LoggerInterface $logger)
    {
        parent::__construct($registry, Booking::class);
    }

    public function findOneByReference(string $reference): ?Booking
    {
        return $this->retryingRead(fn () => $this->createQueryBuilder('b')
            ->andWhere('b.reference = :ref')
            ->setParameter('ref', $reference)
            ->getQuery()
            ->getOneOrNullResult());
    }

    /**
     * Retries a read once when the connection to the database fails (writer
     * failover). Do not use for writes.
     */
    private function retryingRead(callable $read): mixed
    {
        try {
            return $read();
        } catch (ConnectionException $e) {
            $this->logger->warning('booking read failed, retrying', ['exception' => $e->getMessage()]);
            usleep(200_000);

            return $read();
        }
    }

    /** @return Booking[] */
    public function findUpcomingForCustomer(int $customerId, int $limit = 20): array
    {
        return $this->createQueryBuilder('b')
            ->andWhere('b.customer = :customer')
            ->andWhere('b.departureAt > CURRENT_TIMESTAMP()')
            ->setParameter('customer', $customerId)
            ->orderBy('b.departureAt', 'ASC')
            ->setMaxResults($limit)
            ->getQuery()
            ->getResult();
    }
}
