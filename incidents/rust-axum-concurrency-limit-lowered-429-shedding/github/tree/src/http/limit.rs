//! Per-process concurrency guard.
//!
//! Requests beyond `server.max_concurrent_requests` are rejected with 429 instead of
//! queueing behind slow fare-table lookups: haproxy retries them on the other instance.

use std::sync::Arc;

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tokio::sync::Semaphore;
use tracing::warn;

#[derive(Clone)]
pub struct ConcurrencyGuard {
    permits: Arc<Semaphore>,
    max: usize,
}

impl ConcurrencyGuard {
    pub fn new(max: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(max)), max }
    }

    pub fn max(&self) -> usize {
        self.max
    }

    pub fn inflight(&self) -> usize {
        self.max - self.permits.available_permits()
    }
}

pub async fn limit_concurrency(State(guard): State<ConcurrencyGuard>, req: Request, next: Next) -> Response {
    let Ok(_permit) = guard.permits.clone().try_acquire_owned() else {
        let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
        warn!(
            limit = guard.max,
            inflight = guard.inflight(),
            route = route.as_deref().unwrap_or("unmatched"),
            "shedding request: concurrency limit reached"
        );
        metrics::counter!("fare_quote_shed_total").increment(1);
        return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")], "too many concurrent requests")
            .into_response();
    };
    next.run(req).await
}
