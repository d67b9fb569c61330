//! Logs a few fields of Redis INFO every `interval` so that memory and key growth are visible
//! in the logs without opening the Redis dashboard.

use std::time::Duration;

use deadpool_redis::{redis, Pool};
use tracing::{info, warn};

pub async fn run(pool: Pool, interval: Duration) {
    let mut tick = tokio::time::interval(interval);
    loop {
        tick.tick().await;
        match snapshot(&pool).await {
            Ok(s) => info!(
                used_memory_mb = s.used_memory / 1_048_576,
                maxmemory_mb = s.maxmemory / 1_048_576,
                maxmemory_policy = %s.policy,
                db0_keys = s.keys,
                db0_expires = s.expires,
                evicted_keys = s.evicted,
                connected_clients = s.clients,
                "redis stats"
            ),
            Err(err) => warn!(err = %err, "redis INFO failed"),
        }
    }
}

struct Snapshot {
    used_memory: u64,
    maxmemory: u64,
    policy: String,
    keys: u64,
    expires: u64,
    evicted: u64,
    clients: u64,
}

async fn snapshot(pool: &Pool) -> anyhow::Result<Snapshot> {
    let mut conn = pool.get().await?;
    let info: redis::InfoDict = redis::cmd("INFO").arg("everything").query_async(&mut conn).await?;
    let db0: String = info.get("db0").unwrap_or_default();
    let field = |name: &str| {
        db0.split(',')
            .find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    Ok(Snapshot {
        used_memory: info.get("used_memory").unwrap_or(0),
        maxmemory: info.get("maxmemory").unwrap_or(0),
        policy: info.get("maxmemory_policy").unwrap_or_default(),
        keys: field("keys"),
        expires: field("expires"),
        evicted: info.get("evicted_keys").unwrap_or(0),
        clients: info.get("connected_clients").unwrap_or(0),
    })
}
