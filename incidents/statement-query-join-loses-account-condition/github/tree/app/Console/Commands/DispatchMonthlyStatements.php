<?php

namespace App\Console\Commands;

use App\Jobs\BuildMonthlyStatement;
use App\Models\Account;
use Carbon\CarbonImmutable;
use Illuminate\Console\Command;
use Illuminate\Support\Facades\Log;

class DispatchMonthlyStatements extends Command
{
    protected $signature = 'statements:dispatch {--period= : YYYY-MM, defaults to last month}';

    protected $description = 'Queue one BuildMonthlyStatement job per open account';

    public function handle(): int
    {
        $period = $this->option('period') ?? CarbonImmutable::now('UTC')->subMonth()->format('Y-m');
        $count = 0;

        Account::query()->where('status', 'open')->select('id')->chunkById(1000, function ($accounts) use ($period, &$count) {
            foreach ($accounts as $account) {
                BuildMonthlyStatement::dispatch($account->id, $period);
                $count++;
            }
        });

        Log::info('statements dispatched', ['period' => $period, 'accounts' => $count]);

        return self::SUCCESS;
    }
}
