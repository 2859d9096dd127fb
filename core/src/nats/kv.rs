//! The plugins' KV lookups, answered from JetStream KV buckets: read ahead
//! of a chain from the local copies when they prove fresh
//! ([`super::kv_replica`]), else from the server. A lookup not read ahead is
//! called from a plugin worker thread (never from the async runtime), so it
//! blocks on the runtime handle.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_nats::jetstream::kv::Store;
use tokio::runtime::Handle;

use async_nats::jetstream::kv::Operation;

use super::kv_replica::Replicas;
use crate::common::kv::{KvLookup, KvPrefetch, KvReader, KvUnavailable};

/// How long a lookup may take before the plugin is told "unavailable"
/// (less when the plugin's call has less time left).
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);

pub struct NatsKv {
    buckets: HashMap<String, Store>,
    runtime: Handle,
    replicas: Option<Replicas>,
    /// Records read ahead from a fresh copy rather than the server.
    copy_reads: AtomicU64,
}

impl NatsKv {
    /// Reads from the server only.
    pub fn new(buckets: HashMap<String, Store>, runtime: Handle) -> Self {
        Self {
            buckets,
            runtime,
            replicas: None,
            copy_reads: AtomicU64::new(0),
        }
    }

    /// Reads ahead from `replicas` where they prove fresh.
    pub fn with_replicas(
        buckets: HashMap<String, Store>,
        runtime: Handle,
        replicas: Replicas,
    ) -> Self {
        Self {
            buckets,
            runtime,
            replicas: Some(replicas),
            copy_reads: AtomicU64::new(0),
        }
    }

    /// How many records were read ahead from a fresh copy so far.
    pub fn copy_reads(&self) -> u64 {
        self.copy_reads.load(Ordering::Relaxed)
    }

    /// The buckets among `keys` whose copies are fresh for this message.
    async fn fresh_copies(&self, keys: &[(String, String)]) -> Vec<String> {
        let Some(replicas) = &self.replicas else {
            return Vec::new();
        };
        let mut buckets: Vec<&str> = keys.iter().map(|(b, _)| b.as_str()).collect();
        buckets.sort_unstable();
        buckets.dedup();
        let checks = buckets.into_iter().filter_map(|bucket| {
            let replica = replicas.bucket(bucket)?;
            Some(async move { replica.fresh().await.then(|| bucket.to_owned()) })
        });
        futures::future::join_all(checks)
            .await
            .into_iter()
            .flatten()
            .collect()
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
            let fresh = self.fresh_copies(&keys).await;
            let mut prefetched = KvPrefetch::default();
            let (local, remote): (Vec<_>, Vec<_>) = keys
                .into_iter()
                .partition(|(bucket, _)| fresh.contains(bucket));
            for (bucket, key) in local {
                let replica = self.replicas.as_ref().and_then(|r| r.bucket(&bucket));
                if let Some(lookup) = replica.and_then(|r| r.get(&key)) {
                    self.copy_reads.fetch_add(1, Ordering::Relaxed);
                    prefetched.insert(bucket, key, lookup);
                }
            }
            let reads = remote.into_iter().filter_map(|(bucket, key)| {
                let store = self.buckets.get(&bucket)?;
                Some(async move {
                    let entry = tokio::time::timeout(within, store.entry(&key)).await;
                    (bucket, key, entry)
                })
            });
            for (bucket, key, entry) in futures::future::join_all(reads).await {
                // A failed read is left to the plugin's own lookup.
                if let Ok(Ok(entry)) = entry {
                    prefetched.insert(bucket, key, lookup_of(entry));
                }
            }
            prefetched
        })
    }
}

/// What a lookup found: the value of a put, nothing for a deletion, with
/// the entry's revision either way.
fn lookup_of(entry: Option<async_nats::jetstream::kv::Entry>) -> KvLookup {
    entry.map_or_else(KvLookup::default, |entry| KvLookup {
        revision: entry.revision,
        value: (entry.operation == Operation::Put).then_some(entry.value),
    })
}
