use std::{net::SocketAddr, time::Duration};

use anyhow::Context;
use axum::{middleware, routing::get, Router};
use tower_http::{request_id::MakeRequestUuid, timeout::TimeoutLayer, ServiceBuilderExt};
use tracing_subscriber::EnvFilter;

mod config;
mod fare_tables;
mod handlers;
mod http;
mod stats;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cfg = config::load().context("loading config")?;

    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(&cfg.telemetry.log_level))
        .with_file(true)
        .with_line_number(true)
        .with_ansi(false)
        .init();

    tracing::info!(version = env!("CARGO_PKG_VERSION"), git_sha = env!("GIT_SHA"), "starting fare-quote");
    cfg.log_summary();

    let tables = fare_tables::Client::new(&cfg.fare_tables).await?;
    let guard = http::limit::ConcurrencyGuard::new(cfg.server.max_concurrent_requests);
    stats::spawn(guard.clone(), Duration::from_secs(cfg.telemetry.stats_interval_secs));

    let app = Router::new()
        .route("/v1/quotes", get(handlers::quote::get_quote))
        .route("/v1/quotes/return", get(handlers::quote::get_return_quote))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(tables)
        .layer(middleware::from_fn_with_state(guard, http::limit::limit_concurrency))
        .layer(
            tower::ServiceBuilder::new()
                .set_x_request_id(MakeRequestUuid)
                .layer(TimeoutLayer::new(Duration::from_millis(cfg.server.request_timeout_ms)))
                .propagate_x_request_id(),
        );

    let addr: SocketAddr = cfg.server.bind.parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(http::shutdown_signal(cfg.server.graceful_shutdown_secs))
        .await?;
    Ok(())
}
