use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub bind: String,
    pub request_timeout_ms: u64,
    pub max_concurrent_requests: usize,
    pub graceful_shutdown_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FareTables {
    pub base_url: String,
    pub cache_ttl_secs: u64,
    pub cache_max_entries: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Telemetry {
    pub log_level: String,
    pub stats_interval_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub server: Server,
    pub fare_tables: FareTables,
    pub telemetry: Telemetry,
}

pub fn load() -> Result<Config, config::ConfigError> {
    let env = std::env::var("FQ_ENV").unwrap_or_else(|_| "development".into());
    config::Config::builder()
        .add_source(config::File::with_name("config/default"))
        .add_source(config::File::with_name(&format!("config/{env}")).required(false))
        .add_source(config::Environment::with_prefix("FQ").separator("__"))
        .build()?
        .try_deserialize()
}

impl Config {
    pub fn log_summary(&self) {
        tracing::info!(
            bind = %self.server.bind,
            max_concurrent_requests = self.server.max_concurrent_requests,
            request_timeout_ms = self.server.request_timeout_ms,
            graceful_shutdown_secs = self.server.graceful_shutdown_secs,
            fare_tables = %self.fare_tables.base_url,
            cache_max_entries = self.fare_tables.cache_max_entries,
            "config loaded"
        );
    }
}
