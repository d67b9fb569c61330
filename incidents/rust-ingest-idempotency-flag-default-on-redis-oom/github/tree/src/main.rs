mod auth;
mod config;
mod decode;
mod flags;
mod handlers;
mod idempotency;
mod logging;
mod producer;
mod ratelimit;
mod redis_stats;
mod stats;

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use axum::{middleware, routing::post, Router};
use tracing::info;

use crate::{config::Config, flags::Flags, idempotency::IdempotencyStore, ratelimit::RateLimiter};

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Clone)]
pub struct AppState {
    pub flags: Arc<Flags>,
    pub limiter: Arc<RateLimiter>,
    pub idempotency: IdempotencyStore,
    pub producer: producer::Producer,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    logging::init();

    let cfg = Config::load().context("loading config")?;
    let flags = Flags::from_env().context("reading FLAG_* overrides")?;
    info!(version = env!("CARGO_PKG_VERSION"), git_sha = env!("GIT_SHA"), "starting ingest-gateway");
    info!(
        listen = %cfg.listen,
        redis_url = %cfg.redis_url,
        kafka_brokers = %cfg.kafka_brokers,
        rate_limit_per_minute = cfg.rate_limit_per_minute,
        idempotency_ttl_secs = cfg.idempotency_ttl_secs,
        "config loaded"
    );
    info!(
        protobuf_batches = flags.protobuf_batches,
        idempotency_keys = flags.idempotency_keys,
        archive_raw = flags.archive_raw,
        reject_future_timestamps = flags.reject_future_timestamps,
        overrides = ?Flags::overrides(),
        "feature flags resolved"
    );

    let pool = deadpool_redis::Config::from_url(&cfg.redis_url)
        .builder()?
        .max_size(cfg.redis_pool_size)
        .runtime(deadpool_redis::Runtime::Tokio1)
        .build()?;

    let state = AppState {
        flags: Arc::new(flags),
        limiter: Arc::new(RateLimiter::new(pool.clone(), cfg.rate_limit_per_minute)),
        idempotency: IdempotencyStore::new(pool.clone(), Duration::from_secs(cfg.idempotency_ttl_secs)),
        producer: producer::Producer::new(&cfg.kafka_brokers, &cfg.kafka_topic)?,
    };

    tokio::spawn(redis_stats::run(pool.clone(), Duration::from_secs(cfg.stats_interval_secs)));
    tokio::spawn(stats::report(Duration::from_secs(cfg.stats_interval_secs)));

    let app = Router::new()
        .route("/v1/batches", post(handlers::batches::post_batch))
        .route_layer(middleware::from_fn_with_state(state.clone(), ratelimit::middleware))
        .merge(handlers::health::routes())
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(cfg.listen).await?;
    info!(addr = %cfg.listen, "listening");
    axum::serve(listener, app).with_graceful_shutdown(logging::shutdown_signal()).await?;
    Ok(())
}
