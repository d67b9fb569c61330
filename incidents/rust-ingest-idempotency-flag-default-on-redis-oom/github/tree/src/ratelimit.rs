//! Per-device fixed-window rate limit in Redis: INCR one key per device and minute, EXPIRE it
//! on first use. Fails closed: if Redis cannot answer, the request is rejected with 503.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::{
    body::Body,
    extract::State,
    http::{Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use deadpool_redis::{redis, Pool};
use tracing::{error, warn};

use crate::{auth::DeviceId, logging::Throttle, AppState};

pub struct RateLimiter {
    pool: Pool,
    per_minute: u32,
    throttle: Throttle,
}

#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error("redis pool: {0}")]
    Pool(#[from] deadpool_redis::PoolError),
    #[error("{0}")]
    Redis(#[from] redis::RedisError),
}

impl RateLimiter {
    pub fn new(pool: Pool, per_minute: u32) -> Self {
        Self { pool, per_minute, throttle: Throttle::every_secs(15) }
    }

    /// Counts one request for `device`; Ok(false) when the device is over its limit.
    pub async fn check(&self, device: &str) -> Result<bool, LimitError> {
        let minute = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() / 60;
        let key = format!("rl:{device}:{minute}");
        let mut conn = self.pool.get().await?;
        // One round trip; EXPIRE NX (Redis >= 7) only sets the TTL when the key has none.
        let (count, _): (u32, bool) = redis::pipe()
            .cmd("INCR")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(120)
            .arg("NX")
            .query_async(&mut conn)
            .await?;
        Ok(count <= self.per_minute)
    }
}

pub async fn middleware(State(state): State<AppState>, device: DeviceId, req: Request<Body>, next: Next) -> Response {
    match state.limiter.check(device.as_str()).await {
        Ok(true) => next.run(req).await,
        Ok(false) => {
            warn!(device = device.as_str(), "rate limit exceeded");
            StatusCode::TOO_MANY_REQUESTS.into_response()
        }
        Err(err) => {
            if let Some(suppressed) = state.limiter.throttle.ready() {
                error!(
                    err = %err,
                    tenant = device.tenant(),
                    device = device.as_str(),
                    suppressed,
                    "rate limiter unavailable, rejecting with 503"
                );
            }
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
