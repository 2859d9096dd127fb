//! Read-modify-write of one KV key with compare-and-set, retried when
//! another writer got there first, so concurrent routers never lose each
//! other's changes.

use async_nats::jetstream::kv::{CreateErrorKind, Operation, Store, UpdateErrorKind};

use super::errors::{KvError, KvFailure};

/// What to do with the current value (`None`: no value, or deleted).
pub enum Change {
    Keep,
    Put(Vec<u8>),
    Delete,
}

const ATTEMPTS: usize = 16;

/// A KV key for any id: the first 32 hex digits of its sha256 (ids may hold
/// characters, or shapes, that KV keys may not).
pub fn hashed_key(id: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(id.as_bytes()))[..32].to_string()
}

/// The current value of `key`, `None` when absent, deleted or empty.
pub async fn read_key(store: &Store, key: &str) -> Result<Option<bytes::Bytes>, KvError> {
    store
        .get(key)
        .await
        .map(|v| v.filter(|v| !v.is_empty()))
        .map_err(|e| KvError::new(&store.name, KvFailure::Read(e.kind())))
}

/// Tells the write gate about a failed write to `key` (see [`super::writes`]).
pub fn observe_write(store: &Store, key: &str, error: &(dyn std::error::Error + 'static)) {
    super::writes::gate().observe(&format!("{}{key}", store.prefix), error);
}

/// Applies `change` to the value of `key` until it lands on an unchanged
/// revision. `change` may run several times.
pub async fn update_key(
    store: &Store,
    key: &str,
    mut change: impl FnMut(Option<&[u8]>) -> Change,
) -> Result<(), KvError> {
    let fail = |failure| KvError::new(&store.name, failure);
    for _ in 0..ATTEMPTS {
        let entry = store
            .entry(key)
            .await
            .map_err(|e| fail(KvFailure::Read(e.kind())))?;
        let current = entry
            .as_ref()
            .filter(|e| e.operation == Operation::Put && !e.value.is_empty())
            .map(|e| e.value.as_ref());
        let revision = entry.as_ref().map(|e| e.revision);
        let landed = match (change(current), revision) {
            (Change::Keep, _) => return Ok(()),
            (Change::Put(value), rev) => put_at(store, key, value, rev.unwrap_or(0)).await?,
            (Change::Delete, None) => return Ok(()),
            (Change::Delete, Some(rev)) => {
                store.delete_expect_revision(key, Some(rev)).await.is_ok()
            }
        };
        if landed {
            return Ok(());
        }
    }
    Err(fail(KvFailure::Contended))
}

/// Writes `value` to `key` only if the key's last write is still at
/// `revision` (0: never written): false when another writer got there
/// first, an error when the store refused.
pub async fn put_at(
    store: &Store,
    key: &str,
    value: Vec<u8>,
    revision: u64,
) -> Result<bool, KvError> {
    let fail = |failure| KvError::new(&store.name, failure);
    if revision == 0 {
        match store.create(key, value.into()).await {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == CreateErrorKind::AlreadyExists => Ok(false),
            Err(e) => {
                observe_write(store, key, &e);
                Err(fail(KvFailure::Create(e.kind())))
            }
        }
    } else {
        match store.update(key, value.into(), revision).await {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == UpdateErrorKind::WrongLastRevision => Ok(false),
            Err(e) => {
                observe_write(store, key, &e);
                Err(fail(KvFailure::Update(e.kind())))
            }
        }
    }
}
