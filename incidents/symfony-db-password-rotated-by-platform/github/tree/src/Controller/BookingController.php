<?php

namespace App\Controller;

use App\Repository\BookingRepository;
use Symfony\Bundle\FrameworkBundle\Controller\AbstractController;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\Routing\Attribute\Route;

#[Route('/api/v2/bookings')]
class BookingController extends AbstractController
{
    public function __construct(private readonly BookingRepository $bookings)
    {
    }

    #[Route('/{reference}', methods: ['GET'])]
    public function show(string $reference): JsonResponse
    {
        $booking = $this->bookings->findOneByReference($reference);
        if ($booking === null) {
            return $this->json(['error' => 'not_found'], 404);
        }

        return $this->json($booking, context: ['groups' => ['booking:read']]);
    }

    #[Route('', methods: ['GET'])]
    public function upcoming(Request $request): JsonResponse
    {
        $customerId = (int) $request->query->get('customer');

        return $this->json($this->bookings->findUpcomingForCustomer($customerId), context: ['groups' => ['booking:read']]);
    }
}
