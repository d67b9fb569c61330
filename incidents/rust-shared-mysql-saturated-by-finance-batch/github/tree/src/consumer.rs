use std::time::Duration;

use chrono::{DateTime, Utc};
use tracing::{error, info, warn};

use crate::repo::dbcode::db_error_fields;
use crate::repo::stock_dao::StockDao;

#[derive(Debug, serde::Deserialize)]
pub struct Movement {
    pub id: String,
    pub sku: String,
    pub warehouse: String,
    pub delta: i64,
    pub reason: String,
    pub occurred_at: DateTime<Utc>,
}

/// Consumes `wms.stock-movements.v1`, applies each movement, commits the offset after it.
pub async fn run(dao: StockDao) -> anyhow::Result<()> {
    let consumer = kafka::consumer("inventory-sync", "wms.stock-movements.v1")?;
    loop {
        let msg = consumer.recv().await?;
        let m: Movement = serde_json::from_slice(msg.payload())?;
        let mut attempt = 0;
        loop {
            match dao.apply_movement(&m).await {
                Ok(()) => break,
                Err(e) if attempt < 5 => {
                    attempt += 1;
                    let (sqlstate, errno) = db_error_fields(&e);
                    warn!(movement_id = %m.id, attempt, db_errno = errno.as_deref().unwrap_or("-"), sqlstate = sqlstate.as_deref().unwrap_or("-"), "apply failed, retrying: {e}");
                    tokio::time::sleep(Duration::from_millis(500 * 2u64.pow(attempt))).await;
                }
                Err(e) => {
                    error!(movement_id = %m.id, "giving up on movement, parked: {e}");
                    kafka::park(&m.id, msg.payload()).await?;
                    break;
                }
            }
        }
        consumer.commit(&msg)?;
        info!(movement_id = %m.id, sku = %m.sku, warehouse = %m.warehouse, delta = m.delta, "movement applied");
    }
}
