//! The plugins' KV lookups, answered from JetStream KV buckets. Called from
//! plugin worker threads (never from the async runtime), so it blocks on the
//! runtime handle.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::kv::Store;
use tokio::runtime::Handle;

use async_nats::jetstream::kv::Operation;

use crate::common::kv::{KvLookup, KvReader, KvUnavailable};

/// How long a lookup may take before the plugin is told "unavailable"
/// (less when the plugin's call has less time left).
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);

pub struct NatsKv {
    buckets: HashMap<String, Store>,
    runtime: Handle,
}

impl NatsKv {
    pub fn new(buckets: HashMap<String, Store>, runtime: Handle) -> Self {
        Self { buckets, runtime }
    }
}

impl KvReader for NatsKv {
    fn get(&self, bucket: &str, key: &str, within: Duration) -> Result<KvLookup, KvUnavailable> {
        let Some(store) = self.buckets.get(bucket) else {
            return Ok(KvLookup::default());
        };
        // The timer must be created inside the runtime: this is a plugin
        // worker thread, outside any runtime context.
        let limit = LOOKUP_TIMEOUT.min(within);
        let lookup = async { tokio::time::timeout(limit, store.entry(key)).await };
        match self.runtime.block_on(lookup) {
            Ok(Ok(None)) => Ok(KvLookup::default()),
            Ok(Ok(Some(entry))) => Ok(KvLookup {
                value: (entry.operation == Operation::Put).then(|| entry.value.to_vec()),
                revision: entry.revision,
            }),
            Ok(Err(e)) => {
                tracing::warn!(error = %e.kind(), "kv lookup failed");
                Err(KvUnavailable)
            }
            Err(_) => {
                tracing::warn!("kv lookup timed out");
                Err(KvUnavailable)
            }
        }
    }
}
