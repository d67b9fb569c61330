<?php

declare(strict_types=1);

namespace App\Controller;

use App\Catalog\DeliveryEstimator;
use App\Catalog\ProductRepository;
use App\Catalog\RecentlyViewed;
use Symfony\Bundle\FrameworkBundle\Controller\AbstractController;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Exception\NotFoundHttpException;
use Symfony\Component\Routing\Attribute\Route;

final class ProductController extends AbstractController
{
    public function __construct(
        private readonly ProductRepository $products,
        private readonly RecentlyViewed $recentlyViewed,
        private readonly DeliveryEstimator $delivery,
    ) {
    }

    #[Route('/p/{slug}', name: 'product_show', methods: ['GET'])]
    public function show(string $slug, Request $request): Response
    {
        $product = $this->products->findOneBySlug($slug, $request->getLocale())
            ?? throw new NotFoundHttpException(sprintf('Product "%s" not found', $slug));

        $response = $this->render('product/show.html.twig', [
            'product' => $product,
            'variants' => $this->products->variantsOf($product),
            'related' => $this->products->related($product, 8),
            'delivery' => $this->delivery->estimateFor($product, $request->cookies->get('ho_postcode')),
        ]);

        $this->recentlyViewed->remember($product, $request, $response);
        $response->setPrivate();

        return $response;
    }
}
