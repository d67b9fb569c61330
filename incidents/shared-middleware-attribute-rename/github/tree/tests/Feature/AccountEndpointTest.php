<?php

namespace Tests\Feature;

use App\Models\BuyerAccount;
use App\Models\User;
use Tests\TestCase;

class AccountEndpointTest extends TestCase
{
    public function test_account_uses_the_header_when_the_user_has_several(): void
    {
        $user = User::factory()->create();
        $a = BuyerAccount::factory()->create(['public_id' => 'ba_a']);
        $b = BuyerAccount::factory()->create(['public_id' => 'ba_b']);
        $user->buyerAccounts()->attach([$a->id, $b->id]);
        $user->update(['buyer_account_id' => $a->id]);

        $this->actingAs($user)->getJson('/api/v1/account', ['X-Buyer-Account' => 'ba_b'])
            ->assertOk()->assertJsonPath('id', 'ba_b');
    }
}
