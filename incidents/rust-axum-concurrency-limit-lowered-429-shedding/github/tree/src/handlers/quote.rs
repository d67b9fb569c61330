use axum::{
    extract::{Query, State},
    http::StatusCode,
    Json,
};
use serde::Deserialize;

use crate::fare_tables::{Client, Fare, FareKey};

#[derive(Debug, Deserialize)]
pub struct QuoteParams {
    pub origin: String,
    pub destination: String,
    pub date: String,
    pub railcard: Option<String>,
    pub return_date: Option<String>,
}

pub async fn get_quote(State(tables): State<Client>, Query(p): Query<QuoteParams>) -> Result<Json<Vec<Fare>>, StatusCode> {
    let key = FareKey::single(&p.origin, &p.destination, &p.date, p.railcard.as_deref());
    let fares = tables.fares(&key).await.map_err(|e| {
        tracing::error!(error = %e, origin = %p.origin, destination = %p.destination, "fare lookup failed");
        StatusCode::BAD_GATEWAY
    })?;
    Ok(Json(fares))
}

pub async fn get_return_quote(
    State(tables): State<Client>,
    Query(p): Query<QuoteParams>,
) -> Result<Json<serde_json::Value>, StatusCode> {
    let return_date = p.return_date.as_deref().ok_or(StatusCode::BAD_REQUEST)?;
    let out_key = FareKey::single(&p.origin, &p.destination, &p.date, p.railcard.as_deref());
    let back_key = FareKey::single(&p.destination, &p.origin, return_date, p.railcard.as_deref());

    let (outbound, inbound) = tokio::try_join!(tables.fares(&out_key), tables.fares(&back_key)).map_err(|e| {
        tracing::error!(error = %e, origin = %p.origin, destination = %p.destination, "return fare lookup failed");
        StatusCode::BAD_GATEWAY
    })?;

    Ok(Json(serde_json::json!({ "outbound": outbound, "inbound": inbound })))
}
