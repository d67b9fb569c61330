<?php

declare(strict_types=1);

namespace App\Tests\Controller;

use Symfony\Bundle\FrameworkBundle\Test\WebTestCase;

final class ProductControllerTest extends WebTestCase
{
    public function testShowsProduct(): void
    {
        $client = static::createClient();
        $client->request('GET', '/p/helium-2-trekking-tent');

        self::assertResponseIsSuccessful();
        self::assertSelectorTextContains('h1', 'Helium 2');
    }

    public function testUnknownProductIs404(): void
    {
        $client = static::createClient();
        $client->request('GET', '/p/does-not-exist');

        self::assertResponseStatusCodeSame(404);
    }
}
