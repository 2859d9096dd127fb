//! Read-modify-write of one KV key with compare-and-set, retried when
//! another writer got there first, so concurrent routers never lose each
//! other's changes.

use std::time::Duration;

use async_nats::jetstream::ErrorCode;
use async_nats::jetstream::kv::{CreateErrorKind, Operation, Store, UpdateErrorKind};

use super::errors::{KvError, KvFailure, api_code};

/// What to do with the current value (`None`: no value, or deleted).
pub enum Change {
    Keep,
    Put(Vec<u8>),
    Delete,
}

const ATTEMPTS: u32 = 16;

/// How long to wait before compare-and-set attempt `attempt` + 1: a
/// write that lost to one still in flight on a clustered stream reads the
/// old revision again until that write is applied, so attempts spread out
/// (1, 2, 4 … 64 ms, with up to a millisecond of jitter so two routers
/// that collided do not collide again in step).
pub fn retry_pause(attempt: u32) -> Duration {
    let jitter = rand::random_range(0..1_000);
    Duration::from_millis(1 << attempt.min(6)) + Duration::from_micros(jitter)
}

/// Whether JetStream turned a compare-and-set down in a way that a fresh
/// read and another attempt can get past: the key changed (10071); on a
/// clustered stream, another write to the key was still in flight (10164,
/// which the client reports as an unnamed failure); or a newly elected
/// stream leader cannot check the key's last write yet (10163).
fn lost_race(error: &(dyn std::error::Error + 'static)) -> bool {
    matches!(
        api_code(error),
        Some(ErrorCode::STREAM_WRONG_LAST_SEQUENCE | ErrorCode(10163) | ErrorCode(10164))
    )
}

/// The failure of a write JetStream refused: its API code when the client
/// has no name for it, so logs say which refusal it was.
fn refused(
    op: &'static str,
    error: &(dyn std::error::Error + 'static),
    kind: KvFailure,
) -> KvFailure {
    match api_code(error) {
        Some(ErrorCode(code)) => KvFailure::Api { op, code },
        None => kind,
    }
}

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
    for attempt in 0..ATTEMPTS {
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
            (Change::Put(value), rev) => put_at(store, key, value.into(), rev.unwrap_or(0)).await?,
            (Change::Delete, None) => return Ok(()),
            (Change::Delete, Some(rev)) => delete_at(store, key, rev).await?,
        };
        if landed {
            return Ok(());
        }
        tokio::time::sleep(retry_pause(attempt)).await;
    }
    Err(fail(KvFailure::Contended))
}

/// Writes `value` to `key` only if the key's last write is still at
/// `revision` (0: never written): false when another writer got there
/// first (or JetStream could not tell yet, see [`lost_race`]), an error
/// when the store refused.
pub async fn put_at(
    store: &Store,
    key: &str,
    value: bytes::Bytes,
    revision: u64,
) -> Result<bool, KvError> {
    if revision == 0 {
        let answer = store.create(key, value).await;
        conditional(
            store,
            key,
            "create",
            answer,
            CreateErrorKind::AlreadyExists,
            KvFailure::Create,
        )
    } else {
        let answer = store.update(key, value, revision).await;
        conditional(
            store,
            key,
            "update",
            answer,
            UpdateErrorKind::WrongLastRevision,
            KvFailure::Update,
        )
    }
}

/// Deletes `key` only if its last write is still at `revision`; false as
/// for [`put_at`].
async fn delete_at(store: &Store, key: &str, revision: u64) -> Result<bool, KvError> {
    let answer = store.delete_expect_revision(key, Some(revision)).await;
    conditional(
        store,
        key,
        "delete",
        answer,
        UpdateErrorKind::WrongLastRevision,
        KvFailure::Update,
    )
}

/// What JetStream's answer to a conditional write of `key` means: landed
/// (true), lost a race (false: the client's `lost` kind, or see
/// [`lost_race`]) or refused (an error, and the write gate is told).
fn conditional<T, K>(
    store: &Store,
    key: &str,
    op: &'static str,
    answer: Result<T, async_nats::error::Error<K>>,
    lost: K,
    failure: fn(K) -> KvFailure,
) -> Result<bool, KvError>
where
    K: Clone + std::fmt::Debug + std::fmt::Display + PartialEq + 'static,
{
    match answer {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == lost || lost_race(&e) => Ok(false),
        Err(e) => {
            observe_write(store, key, &e);
            Err(KvError::new(
                &store.name,
                refused(op, &e, failure(e.kind())),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_nats::jetstream::context::{PublishError, PublishErrorKind};
    use async_nats::jetstream::kv::UpdateError;

    /// What the client makes of JetStream answering a write with `code`.
    fn answered(code: u64) -> UpdateError {
        let error: async_nats::jetstream::Error = serde_json::from_value(serde_json::json!({
            "code": 400, "err_code": code, "description": "wrong last sequence"
        }))
        .expect("a JetStream error");
        PublishError::with_source(PublishErrorKind::Other, error).into()
    }

    #[test]
    fn a_write_still_in_flight_on_a_cluster_is_a_lost_race_not_a_failure() {
        let in_flight = answered(10164);
        assert_eq!(
            in_flight.kind(),
            UpdateErrorKind::Other,
            "the client does not name 10164; if it does now, this test can go"
        );
        assert!(lost_race(&in_flight));
        assert!(lost_race(&answered(10163)), "a new leader not ready yet");
        assert!(lost_race(&answered(10071)));
        assert!(!lost_race(&answered(10077)), "a full stream is a refusal");
        assert!(!lost_race(&UpdateError::new(UpdateErrorKind::TimedOut)));
    }

    #[test]
    fn a_refusal_names_its_code() {
        let full = answered(10077);
        let failure = refused("update", &full, KvFailure::Update(full.kind()));
        assert_eq!(
            failure,
            KvFailure::Api {
                op: "update",
                code: 10077
            }
        );
        assert_eq!(failure.to_string(), "update: JetStream error 10077");
        let timeout = UpdateError::new(UpdateErrorKind::TimedOut);
        assert_eq!(
            refused("update", &timeout, KvFailure::Update(timeout.kind())),
            KvFailure::Update(UpdateErrorKind::TimedOut)
        );
    }

    #[test]
    fn pauses_grow_and_stop_growing() {
        assert!(retry_pause(0) < Duration::from_millis(3));
        assert!(retry_pause(3) >= Duration::from_millis(8));
        assert!(retry_pause(15) < Duration::from_millis(66));
    }
}
