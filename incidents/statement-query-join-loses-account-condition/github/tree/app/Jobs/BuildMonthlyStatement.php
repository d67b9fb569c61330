<?php

namespace App\Jobs;

use App\Models\Statement;
use App\Repositories\StatementLineRepository;
use App\Services\StatementPdfRenderer;
use Carbon\CarbonImmutable;
use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Bus\Dispatchable;
use Illuminate\Queue\InteractsWithQueue;
use Illuminate\Queue\SerializesModels;
use Illuminate\Support\Facades\Log;
use Illuminate\Support\Facades\Storage;

class BuildMonthlyStatement implements ShouldQueue
{
    use Dispatchable, InteractsWithQueue, Queueable, SerializesModels;

    public int $tries = 3;

    public int $timeout = 240;

    public int $backoff = 60;

    public function __construct(public int $accountId, public string $period)
    {
        $this->onQueue('statements');
    }

    public function handle(StatementLineRepository $lines, StatementPdfRenderer $renderer): void
    {
        $started = hrtime(true);
        $from = CarbonImmutable::parse($this->period.'-01', 'UTC')->startOfMonth();
        $to = $from->addMonth();

        $opening = $lines->openingBalance($this->accountId, $from);
        $rows = $lines->linesFor($this->accountId, $from, $to);

        $renderStarted = hrtime(true);
        $pdf = $renderer->render($this->accountId, $from, $opening, $rows);
        $renderMs = (int) ((hrtime(true) - $renderStarted) / 1e6);
        $path = sprintf('%s/%d.pdf', $this->period, $this->accountId);
        Storage::disk('statements')->put($path, $pdf);

        Statement::updateOrCreate(
            ['account_id' => $this->accountId, 'period' => $this->period],
            ['path' => $path, 'line_count' => $rows->count(), 'opening_minor' => $opening],
        );

        Log::info('statement built', [
            'account_id' => $this->accountId,
            'period' => $this->period,
            'line_count' => $rows->count(),
            'render_ms' => $renderMs,
            'duration_ms' => (int) ((hrtime(true) - $started) / 1e6),
            'memory_peak_mb' => round(memory_get_peak_usage(true) / 1048576, 1),
        ]);
    }
}
