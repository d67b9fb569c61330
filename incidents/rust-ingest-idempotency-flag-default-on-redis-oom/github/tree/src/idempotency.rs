//! "Seen before?" store for batches: one Redis key per (device, batch sequence number),
//! set with NX and a TTL. A batch whose key already exists is acknowledged but not forwarded.

use std::time::Duration;

use deadpool_redis::{redis, Pool};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("redis pool: {0}")]
    Pool(#[from] deadpool_redis::PoolError),
    #[error("{0}")]
    Redis(#[from] redis::RedisError),
}

#[derive(Clone)]
pub struct IdempotencyStore {
    pool: Pool,
    ttl: Duration,
}

impl IdempotencyStore {
    pub fn new(pool: Pool, ttl: Duration) -> Self {
        Self { pool, ttl }
    }

    /// Ok(true) if this is the first time we see `seq` for `device`.
    pub async fn reserve(&self, device: &str, seq: u64) -> Result<bool, StoreError> {
        let key = format!("idem:{device}:{seq}");
        let mut conn = self.pool.get().await?;
        let set: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(self.ttl.as_secs())
            .query_async(&mut conn)
            .await?;
        Ok(set.is_some())
    }
}
