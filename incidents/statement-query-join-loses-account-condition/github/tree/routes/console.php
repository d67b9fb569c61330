<?php

use Illuminate\Support\Facades\Schedule;

Schedule::command('statements:dispatch')->monthlyOn(1, '02:00')->onOneServer()->withoutOverlapping();
Schedule::command('horizon:snapshot')->everyFiveMinutes();
Schedule::job(new \App\Jobs\ReconcileCardSettlements)->everyFifteenMinutes();
Schedule::job(new \App\Jobs\SyncOpenBankingConsents)->everyTenMinutes();
