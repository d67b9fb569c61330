pub mod access;
pub mod limit;

pub use access::WINDOW;

use std::time::Duration;

pub async fn shutdown_signal(grace_secs: u64) {
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!(grace_secs, "shutdown signal received, draining");
    tokio::time::sleep(Duration::from_millis(100)).await;
}
