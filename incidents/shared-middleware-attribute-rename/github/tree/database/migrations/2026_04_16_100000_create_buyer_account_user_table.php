<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create('buyer_account_user', function (Blueprint $table) {
            $table->foreignId('buyer_account_id')->constrained()->cascadeOnDelete();
            $table->foreignId('user_id')->constrained()->cascadeOnDelete();
            $table->timestamps();
            $table->primary(['buyer_account_id', 'user_id']);
        });

        DB::statement('INSERT INTO buyer_account_user (buyer_account_id, user_id, created_at, updated_at)
                       SELECT buyer_account_id, id, now(), now() FROM users WHERE buyer_account_id IS NOT NULL');
    }

    public function down(): void
    {
        Schema::dropIfExists('buyer_account_user');
    }
};
