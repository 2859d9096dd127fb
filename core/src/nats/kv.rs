//! The plugins' KV lookups, answered from JetStream KV buckets. Called from
//! plugin worker threads (never from the async runtime), so it blocks on the
//! runtime handle.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::Client;
use async_nats::jetstream::kv::Store;
use tokio::runtime::Handle;

use super::kv_batch::{BatchedReads, lookup_of};

use crate::common::kv::{KvLookup, KvPrefetch, KvReader, KvUnavailable};

/// How long a lookup may take before the plugin is told "unavailable"
/// (less when the plugin's call has less time left).
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);

pub struct NatsKv {
    buckets: HashMap<String, Store>,
    /// Each bucket's read-ahead, batched.
    batched: HashMap<String, BatchedReads>,
    runtime: Handle,
}

impl NatsKv {
    /// Must be called on the runtime it reads on (it starts each bucket's
    /// batched reads there).
    pub fn new(client: &Client, buckets: HashMap<String, Store>) -> Self {
        let batched = buckets
            .iter()
            .map(|(name, store)| {
                let reads = BatchedReads::start(client.clone(), store.clone());
                (name.clone(), reads)
            })
            .collect();
        Self {
            buckets,
            batched,
            runtime: Handle::current(),
        }
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
            Ok(Ok(entry)) => Ok(lookup_of(entry)),
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

    fn prefetch(
        &self,
        keys: Vec<(String, String)>,
        within: Duration,
    ) -> futures::future::BoxFuture<'_, KvPrefetch> {
        Box::pin(async move {
            let reads = keys.into_iter().filter_map(|(bucket, key)| {
                let reads = self.batched.get(&bucket)?;
                Some(async move {
                    let lookup = tokio::time::timeout(within, reads.read(key.clone())).await;
                    (bucket, key, lookup)
                })
            });
            let mut prefetched = KvPrefetch::default();
            for (bucket, key, lookup) in futures::future::join_all(reads).await {
                // A failed read is left to the plugin's own lookup.
                if let Ok(Some(lookup)) = lookup {
                    prefetched.insert(bucket, key, lookup);
                }
            }
            prefetched
        })
    }
}
