<?php

declare(strict_types=1);

namespace App\Tests\Controller;

use Symfony\Bundle\FrameworkBundle\Test\WebTestCase;

final class CartMergeOnLoginTest extends WebTestCase
{
    public function testAnonymousCartIsMergedIntoCustomerCart(): void
    {
        $client = static::createClient();
        $client->jsonRequest('POST', '/api/cart/lines', ['sku' => 'HO-10442', 'quantity' => 2]);
        self::assertResponseIsSuccessful();

        $client->loginUser(self::getContainer()->get('test.customer_provider')->loadUserByIdentifier('kari@example.test'));
        $client->jsonRequest('GET', '/api/cart');

        $cart = json_decode($client->getResponse()->getContent(), true, flags: JSON_THROW_ON_ERROR);
        self::assertSame(2, $cart['lines'][0]['quantity']);
        self::assertCount(2, $cart['lines'], 'the customer already had one line before login');
    }
}
