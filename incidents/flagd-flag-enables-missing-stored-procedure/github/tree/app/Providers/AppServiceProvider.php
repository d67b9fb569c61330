<?php

namespace App\Providers;

use App\Support\Features;
use Illuminate\Support\Facades\Log;
use Illuminate\Support\ServiceProvider;

class AppServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        $this->app->singleton(Features::class, fn () => Features::fromFlagd(
            host: env('FLAGD_HOST', '127.0.0.1'),
            port: (int) env('FLAGD_PORT', 8013),
        ));
    }

    public function boot(Features $features): void
    {
        // Once per php-fpm worker: what this worker starts with.
        if (! $this->app->runningInConsole() && $features->firstBootInWorker()) {
            Log::info('feature flags resolved', ['source' => 'flagd', 'flags' => $features->snapshot()]);
        }
    }
}
