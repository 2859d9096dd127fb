//! Read-only access to the KV buckets plugins are granted: the trait the
//! plugin host reads through, and the stores that need no server (nothing,
//! or a JSON file for `carewire replay`). The NATS store is
//! [`crate::nats::NatsKv`].

use std::collections::HashMap;
use std::time::Duration;

/// A bucket could not be read right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("key-value store unavailable")]
pub struct KvUnavailable;

/// What one lookup found: the value (none when absent or deleted) and the
/// revision of the key's last write, a deletion included (0 when it was
/// never written, or the store keeps no revisions). A writer that
/// compares-and-sets at this revision knows nobody changed the key since
/// the read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KvLookup {
    /// Shared, not copied, as it passes from the store to the plugin and
    /// the read it is recorded in.
    pub value: Option<bytes::Bytes>,
    pub revision: u64,
}

impl KvLookup {
    /// A value from a store that keeps no revisions.
    pub fn unversioned(value: Option<Vec<u8>>) -> Self {
        Self {
            value: value.map(bytes::Bytes::from),
            revision: 0,
        }
    }
}

/// One key a plugin read: the bucket, the key as stored (tenant-scoped),
/// the revision it was read at and what it found (see [`KvLookup`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvRead {
    pub bucket: String,
    pub key: String,
    pub revision: u64,
    pub value: Option<bytes::Bytes>,
}

impl KvRead {
    /// The read of `key` in `bucket` among `reads`, if it was read.
    pub fn find<'a>(
        reads: impl IntoIterator<Item = &'a KvRead>,
        bucket: &str,
        key: &str,
    ) -> Option<&'a KvRead> {
        reads
            .into_iter()
            .find(|r| r.bucket == bucket && r.key == key)
    }
}

/// Records read ahead of a chain run, each by bucket and stored key: the
/// keys a chain is expected to read, all at once, before a worker thread
/// runs it, so its plugins' lookups do not wait on the store one by one.
#[derive(Debug, Default)]
pub struct KvPrefetch(Vec<(String, String, KvLookup)>);

impl KvPrefetch {
    pub fn insert(&mut self, bucket: String, key: String, lookup: KvLookup) {
        self.0.push((bucket, key, lookup));
    }

    pub fn get(&self, bucket: &str, key: &str) -> Option<&KvLookup> {
        self.0
            .iter()
            .find(|(b, k, _)| b == bucket && k == key)
            .map(|(_, _, lookup)| lookup)
    }
}

/// Read-only access to KV buckets, blocking (called from plugin worker threads).
pub trait KvReader: Send + Sync {
    /// Reads one key; a lookup that would take longer than `within` (what is
    /// left of the plugin call's time budget) answers [`KvUnavailable`].
    fn get(&self, bucket: &str, key: &str, within: Duration) -> Result<KvLookup, KvUnavailable>;

    /// Reads `keys` (bucket, stored key) concurrently, giving up on any not
    /// read `within`; what is not read ahead is read by [`KvReader::get`]
    /// when a plugin asks for it. By default nothing is read ahead.
    fn prefetch(
        &self,
        keys: Vec<(String, String)>,
        within: Duration,
    ) -> futures::future::BoxFuture<'_, KvPrefetch> {
        let _ = (keys, within);
        Box::pin(std::future::ready(KvPrefetch::default()))
    }
}

/// No buckets at all: every lookup finds nothing.
pub struct NoKv;

impl KvReader for NoKv {
    fn get(&self, _: &str, _: &str, _: Duration) -> Result<KvLookup, KvUnavailable> {
        Ok(KvLookup::default())
    }
}

/// Buckets held in memory, loaded from a JSON file `{"<bucket>": {"<key>": <value>}}`
/// (what `carewire replay --kv` uses). A string value is stored as its text,
/// any other value as its JSON.
#[derive(Default)]
pub struct JsonKv {
    buckets: HashMap<String, HashMap<String, bytes::Bytes>>,
}

impl JsonKv {
    pub fn from_json(value: serde_json::Value) -> Result<Self, String> {
        let serde_json::Value::Object(buckets) = value else {
            return Err("the KV file must hold a JSON object of buckets".into());
        };
        let mut out = HashMap::new();
        for (bucket, entries) in buckets {
            let serde_json::Value::Object(entries) = entries else {
                return Err(format!(
                    "KV bucket {bucket:?} must be a JSON object of keys"
                ));
            };
            let entries = entries
                .into_iter()
                .map(|(k, v)| {
                    let bytes = match v {
                        serde_json::Value::String(s) => s.into_bytes(),
                        other => other.to_string().into_bytes(),
                    }
                    .into();
                    (k, bytes)
                })
                .collect();
            out.insert(bucket, entries);
        }
        Ok(Self { buckets: out })
    }
}

impl KvReader for JsonKv {
    fn get(&self, bucket: &str, key: &str, _: Duration) -> Result<KvLookup, KvUnavailable> {
        let value = self.buckets.get(bucket).and_then(|b| b.get(key)).cloned();
        Ok(KvLookup { value, revision: 0 })
    }
}
