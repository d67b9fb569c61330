//! Stock levels per SKU and warehouse, in the shared `wms` schema (owned by the WMS team;
//! we write `stock_levels` and `stock_movements` only).

use sqlx::MySqlPool;
use tracing::{error, instrument};

use crate::consumer::Movement;

/// Data access for stock levels. Cheap to clone (wraps the pool).
#[derive(Clone)]
pub struct StockDao {
    pool: MySqlPool,
}

#[derive(Debug, sqlx::FromRow, serde::Serialize)]
pub struct StockLevel {
    pub sku: String,
    pub warehouse: String,
    pub on_hand: i64,
    pub reserved: i64,
}

impl StockDao {
    pub fn new(pool: MySqlPool) -> Self {
        Self { pool }
    }

    /// Current level of a SKU in every warehouse.
    pub async fn levels_for_sku(&self, sku: &str) -> Result<Vec<StockLevel>, sqlx::Error> {
        sqlx::query_as::<_, StockLevel>(
            "SELECT sku, warehouse, on_hand, reserved FROM stock_levels WHERE sku = ?",
        )
        .bind(sku)
        .fetch_all(&self.pool)
        .await
    }

    /// Records a movement and applies its delta to the stock level, in one transaction.
    #[instrument(skip(self, m), fields(movement_id = %m.id, sku = %m.sku))]
    pub async fn apply_movement(&self, m: &Movement) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO stock_movements (id, sku, warehouse, delta, reason, occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&m.id)
        .bind(&m.sku)
        .bind(&m.warehouse)
        .bind(m.delta)
        .bind(&m.reason)
        .bind(m.occurred_at)
        .execute(&mut *tx)
        .await?;
        let res = sqlx::query(
            "UPDATE stock_levels SET on_hand = on_hand + ?, updated_at = NOW(6) WHERE sku = ? AND warehouse = ?",
        )
        .bind(m.delta)
        .bind(&m.sku)
        .bind(&m.warehouse)
        .execute(&mut *tx)
        .await;
        if let Err(e) = res {
            error!(warehouse = %m.warehouse, "update stock level failed: {e}");
            return Err(e);
        }
        tx.commit().await
    }
}
