use axum::{extract::{Path, State}, http::StatusCode, routing::get, Json, Router};
use tracing::error;

use crate::repo::stock_dao::{StockDao, StockLevel};

pub async fn serve(dao: StockDao) -> anyhow::Result<()> {
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/stock/:sku", get(stock))
        .with_state(dao);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, app).await?;
    Ok(())
}

async fn stock(State(dao): State<StockDao>, Path(sku): Path<String>) -> Result<Json<Vec<StockLevel>>, StatusCode> {
    dao.levels_for_sku(&sku).await.map(Json).map_err(|e| {
        error!(%sku, "stock lookup failed: {e}");
        StatusCode::SERVICE_UNAVAILABLE
    })
}
