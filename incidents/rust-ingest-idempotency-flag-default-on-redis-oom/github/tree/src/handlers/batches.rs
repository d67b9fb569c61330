//! POST /v1/batches: a device uploads a batch of meter readings.

use axum::{extract::State, http::StatusCode, Json};
use tracing::warn;

use crate::{auth::DeviceId, decode::Batch, stats, AppState};

pub async fn post_batch(State(state): State<AppState>, device: DeviceId, Json(batch): Json<Batch>) -> StatusCode {
    if state.flags.reject_future_timestamps && batch.is_from_the_future() {
        stats::REJECTED.inc();
        return StatusCode::UNPROCESSABLE_ENTITY;
    }

    if state.flags.idempotency_keys {
        match state.idempotency.reserve(device.as_str(), batch.seq).await {
            Ok(true) => {}
            Ok(false) => {
                stats::DEDUP_DROPPED.inc();
                return StatusCode::ACCEPTED;
            }
            Err(err) => {
                warn!(err = %err, device = device.as_str(), "idempotency store unavailable, forwarding without dedup");
            }
        }
    }

    match state.producer.send(&device, &batch).await {
        Ok(()) => {
            stats::BATCHES.inc();
            stats::EVENTS.add(batch.readings.len() as u64);
            StatusCode::ACCEPTED
        }
        Err(err) => {
            warn!(err = %err, device = device.as_str(), "kafka produce failed");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
