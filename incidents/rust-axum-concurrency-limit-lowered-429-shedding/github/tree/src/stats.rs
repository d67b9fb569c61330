use std::time::Duration;

use crate::http::limit::ConcurrencyGuard;

/// Logs a one-line traffic summary every `every`.
pub fn spawn(guard: ConcurrencyGuard, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let w = crate::http::WINDOW.take();
            tracing::info!(
                window_secs = every.as_secs(),
                requests = w.requests,
                ok = w.ok,
                shed_429 = w.shed,
                errors_5xx = w.errors,
                p50_ms = w.p50_ms,
                p99_ms = w.p99_ms,
                inflight_max = w.inflight_max,
                limit = guard.max(),
                "traffic"
            );
        }
    });
}
