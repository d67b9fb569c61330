<?php

namespace App\Providers;

use Illuminate\Database\Events\QueryExecuted;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;
use Illuminate\Support\ServiceProvider;

class AppServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        // Surface slow queries in the application log (threshold in config/database.php).
        DB::listen(function (QueryExecuted $query) {
            if ($query->time >= config('database.slow_query_ms', 2000)) {
                Log::warning('slow query', [
                    'connection' => $query->connectionName,
                    'ms' => round($query->time, 1),
                    'sql' => $query->sql,
                ]);
            }
        });
    }
}
