<?php

namespace App\Controller;

use App\Search\FlightSearch;
use Symfony\Bundle\FrameworkBundle\Controller\AbstractController;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\Routing\Attribute\Route;

class SearchController extends AbstractController
{
    #[Route('/api/v2/search', methods: ['GET'])]
    public function search(Request $request, FlightSearch $search): JsonResponse
    {
        return $this->json($search->find(
            $request->query->getString('from') ?: null,
            $request->query->getString('to'),
            new \DateTimeImmutable($request->query->getString('date')),
        ));
    }
}
