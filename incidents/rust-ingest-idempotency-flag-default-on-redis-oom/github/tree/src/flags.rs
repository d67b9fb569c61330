//! Runtime feature flags.
//!
//! Defaults live here. Any flag can be overridden per deployment with an environment variable
//! `FLAG_<NAME>`, e.g. `FLAG_ARCHIVE_RAW=false`; overrides are logged at startup.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Flags {
    /// Accept protobuf-encoded batches on POST /v1/batches (JSON is always accepted).
    pub protobuf_batches: bool,
    /// Remember every (device, batch sequence) and drop batches that were already accepted.
    pub idempotency_keys: bool,
    /// Copy raw payloads to the cold archive bucket.
    pub archive_raw: bool,
    /// Reject batches whose device clock is more than 10 minutes ahead of ours.
    pub reject_future_timestamps: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Self {
            protobuf_batches: true,
            idempotency_keys: true,
            archive_raw: true,
            reject_future_timestamps: false,
        }
    }
}

impl Flags {
    pub fn from_env() -> Result<Self, envy::Error> {
        envy::prefixed("FLAG_").from_env::<Flags>()
    }

    /// Names of the flags set through the environment, for the startup log.
    pub fn overrides() -> Vec<String> {
        std::env::vars()
            .filter_map(|(k, _)| k.strip_prefix("FLAG_").map(str::to_lowercase))
            .collect()
    }
}
