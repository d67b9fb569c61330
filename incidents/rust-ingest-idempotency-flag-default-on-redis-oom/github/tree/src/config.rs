use std::net::SocketAddr;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub listen: SocketAddr,
    pub redis_url: String,
    pub redis_pool_size: usize,
    pub kafka_brokers: String,
    pub kafka_topic: String,
    /// Requests per device and minute before 429.
    pub rate_limit_per_minute: u32,
    /// How long an accepted (device, sequence) is remembered when idempotency keys are on.
    /// Devices buffer up to 7 days of readings while offline and replay them on reconnect.
    pub idempotency_ttl_secs: u64,
    pub stats_interval_secs: u64,
}

impl Config {
    pub fn load() -> Result<Self, config::ConfigError> {
        config::Config::builder()
            .add_source(config::File::with_name("config/default"))
            .add_source(config::Environment::with_prefix("INGEST"))
            .build()?
            .try_deserialize()
    }
}
