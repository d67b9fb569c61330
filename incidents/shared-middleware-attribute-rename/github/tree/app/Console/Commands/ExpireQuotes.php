<?php

namespace App\Console\Commands;

use App\Models\Quote;
use Illuminate\Console\Command;

class ExpireQuotes extends Command
{
    protected $signature = 'quotes:expire';

    protected $description = 'Mark quotes past their validity date as expired';

    public function handle(): int
    {
        $n = Quote::query()->where('status', 'open')->whereDate('valid_until', '<', now())->update(['status' => 'expired']);
        $this->info("expired {$n} quotes");

        return self::SUCCESS;
    }
}
