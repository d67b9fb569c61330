use std::time::Duration;

use anyhow::Context;
use sqlx::mysql::MySqlPoolOptions;
use tracing::info;

mod api;
mod consumer;
mod repo;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_file(true)
        .with_line_number(true)
        .with_target(true)
        .init();

    let db_url = std::env::var("DATABASE_URL").context("DATABASE_URL")?;
    let pool = MySqlPoolOptions::new()
        .max_connections(24)
        .min_connections(4)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy(&db_url)?;
    info!(max_connections = 24, acquire_timeout_s = 5, "mysql pool configured");

    let dao = repo::stock_dao::StockDao::new(pool.clone());
    let api = tokio::spawn(api::serve(dao.clone()));
    consumer::run(dao).await?;
    api.await??;
    Ok(())
}
