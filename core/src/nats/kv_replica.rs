//! Local copies of the KV buckets plugins read, so that a message's
//! records are looked up in memory instead of one request each.
//!
//! Each bucket is followed by a watch (the last value of every key, then
//! every write). A copy is used for a message only once it is known to be
//! fresh: the stream's last sequence is asked for *after* the message
//! arrived, and the copy must have applied that sequence. So a write
//! acknowledged before the message was pulled (a STOP, a withdrawn
//! consent) is always seen. One such question serves every message that
//! was waiting when it was asked (one request per bucket per round, however
//! many messages the round covers).
//!
//! Anything that does not prove freshness in time (a copy still loading,
//! a broken watch, a slow server, a bucket past [`MAX_KEYS`]) leaves the
//! message to the direct reads it had before: never a stale answer.
//!
//! A key removed by the server without a write (the age limit of a
//! bucket) stays in the copy until it is written again; of carewire's
//! buckets only the SMS log has an age limit, and its records are
//! timestamped sends that the consent plugin counts by time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use async_nats::jetstream::kv::{Entry, Operation, Store};
use futures::StreamExt;
use tokio::sync::{Notify, oneshot, watch};

use super::Shutdown;
use crate::common::kv::KvLookup;

/// The most keys a bucket's copy holds. Past it the copy is dropped and
/// that bucket is read directly, as before: at about 200 bytes a record,
/// 250,000 keys is some 60 MiB at most. A deployment with millions of
/// patients reads those buckets directly (the cost is one request per
/// record, read ahead concurrently).
pub const MAX_KEYS: usize = 250_000;

/// How long a message waits for its copies to prove fresh before it is
/// left to direct reads.
const FRESHNESS_LIMIT: Duration = Duration::from_millis(250);

/// How long a broken watch waits before it is started again.
const RESTART_DELAY: Duration = Duration::from_secs(1);

/// The copies of the buckets plugins read.
pub struct Replicas {
    buckets: HashMap<String, Arc<BucketReplica>>,
}

impl Replicas {
    /// Starts following every bucket of `stores` until `shutdown`.
    pub fn start(stores: &HashMap<String, Store>, shutdown: &Shutdown) -> Self {
        Self::start_with_cap(stores, shutdown, MAX_KEYS)
    }

    /// As [`Replicas::start`], with at most `max_keys` keys a bucket.
    pub fn start_with_cap(
        stores: &HashMap<String, Store>,
        shutdown: &Shutdown,
        max_keys: usize,
    ) -> Self {
        let buckets = stores
            .iter()
            .map(|(name, store)| {
                let replica = Arc::new(BucketReplica::new(max_keys));
                tokio::spawn(replica.clone().follow(store.clone(), shutdown.clone()));
                tokio::spawn(
                    replica
                        .clone()
                        .answer_freshness(store.clone(), shutdown.clone()),
                );
                (name.clone(), replica)
            })
            .collect();
        Self { buckets }
    }

    /// The copy of `bucket`, if it is followed.
    pub fn bucket(&self, bucket: &str) -> Option<&Arc<BucketReplica>> {
        self.buckets.get(bucket)
    }
}

/// One bucket's copy.
pub struct BucketReplica {
    /// The keys and what a lookup of each finds; `None` while the copy
    /// cannot be used (loading, a broken watch, too many keys).
    entries: RwLock<Option<HashMap<String, KvLookup>>>,
    /// The highest stream sequence the copy has applied.
    applied: watch::Sender<u64>,
    /// Messages waiting to know the copy is fresh.
    waiting: Mutex<Vec<oneshot::Sender<bool>>>,
    wake: Notify,
    max_keys: usize,
}

impl BucketReplica {
    fn new(max_keys: usize) -> Self {
        Self {
            entries: RwLock::new(None),
            applied: watch::Sender::new(0),
            waiting: Mutex::new(Vec::new()),
            wake: Notify::new(),
            max_keys,
        }
    }

    /// Whether the copy has applied every write the server had stored when
    /// this call began (false when that is not shown within
    /// [`FRESHNESS_LIMIT`]).
    pub async fn fresh(&self) -> bool {
        if !self.usable() {
            return false;
        }
        let (tx, rx) = oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(tx);
        self.wake.notify_one();
        matches!(
            tokio::time::timeout(FRESHNESS_LIMIT * 2, rx).await,
            Ok(Ok(true))
        )
    }

    /// What a lookup of `key` finds in the copy (`None` when the copy
    /// cannot be used). Only meaningful after [`BucketReplica::fresh`].
    pub fn get(&self, key: &str) -> Option<KvLookup> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        Some(entries.as_ref()?.get(key).cloned().unwrap_or_default())
    }

    fn usable(&self) -> bool {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    fn set_entries(&self, entries: Option<HashMap<String, KvLookup>>) {
        *self.entries.write().unwrap_or_else(PoisonError::into_inner) = entries;
    }

    fn applied_at_least(&self, sequence: u64) {
        self.applied.send_if_modified(|applied| {
            let newer = sequence > *applied;
            if newer {
                *applied = sequence;
            }
            newer
        });
    }

    /// Follows the bucket until `shutdown`, loading it again whenever the
    /// watch breaks. Past `max_keys` it stops: the bucket is read directly.
    async fn follow(self: Arc<Self>, store: Store, shutdown: Shutdown) {
        loop {
            let outcome = tokio::select! {
                outcome = self.follow_once(&store) => outcome,
                () = shutdown.clone() => return,
            };
            self.set_entries(None);
            match outcome {
                Followed::TooBig => {
                    tracing::warn!(
                        bucket = %store.name,
                        max_keys = self.max_keys,
                        "kv bucket too big to keep a copy of; reading it directly"
                    );
                    return;
                }
                Followed::Broken(error) => {
                    tracing::warn!(bucket = %store.name, %error, "kv watch broke; reading directly until it is back");
                }
            }
            tokio::select! {
                () = tokio::time::sleep(RESTART_DELAY) => {}
                () = shutdown.clone() => return,
            }
        }
    }

    async fn follow_once(&self, store: &Store) -> Followed {
        let info = match store.stream.get_info().await {
            Ok(info) => info,
            Err(e) => return Followed::Broken(e.to_string()),
        };
        let last_at_start = info.state.last_sequence;
        let mut watch = match store.watch_with_history(">").await {
            Ok(watch) => watch,
            Err(e) => return Followed::Broken(e.to_string()),
        };
        // Applied after load: every write stored before the watch began is
        // in it (the last value of each key) once the watch has caught up.
        let mut loading = Some(HashMap::new());
        if info.state.messages == 0 {
            self.set_entries(loading.take());
            self.applied_at_least(last_at_start);
        }
        while let Some(entry) = watch.next().await {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return Followed::Broken(e.to_string()),
            };
            let (revision, caught_up) = (entry.revision, entry.delta == 0);
            let size = match loading.as_mut() {
                Some(map) => {
                    apply(map, entry);
                    map.len()
                }
                None => {
                    let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
                    let Some(map) = entries.as_mut() else {
                        return Followed::Broken("copy dropped".into());
                    };
                    apply(map, entry);
                    map.len()
                }
            };
            if size > self.max_keys {
                return Followed::TooBig;
            }
            if loading.is_some() && caught_up {
                self.set_entries(loading.take());
                self.applied_at_least(last_at_start);
            }
            if loading.is_none() {
                self.applied_at_least(revision);
            }
        }
        Followed::Broken("watch ended".into())
    }

    /// Answers the messages waiting to know the copy is fresh, a round at a
    /// time: the stream's last sequence is asked for after every message
    /// of the round arrived, then the copy must reach it.
    async fn answer_freshness(self: Arc<Self>, store: Store, shutdown: Shutdown) {
        loop {
            let round: Vec<oneshot::Sender<bool>> =
                std::mem::take(&mut *self.waiting.lock().unwrap_or_else(PoisonError::into_inner));
            if round.is_empty() {
                tokio::select! {
                    () = self.wake.notified() => continue,
                    () = shutdown.clone() => return,
                }
            }
            let fresh = tokio::time::timeout(FRESHNESS_LIMIT, self.reach_last(&store))
                .await
                .unwrap_or(false);
            for waiter in round {
                let _ = waiter.send(fresh);
            }
        }
    }

    /// Asks the stream's last sequence, then waits until the copy applied it.
    async fn reach_last(&self, store: &Store) -> bool {
        let Ok(info) = store.stream.get_info().await else {
            return false;
        };
        let last = info.state.last_sequence;
        let mut applied = self.applied.subscribe();
        applied.wait_for(|a| *a >= last).await.is_ok() && self.usable()
    }
}

/// How following a bucket ended.
enum Followed {
    TooBig,
    Broken(String),
}

/// Applies one write to a copy: the value of a put, nothing for a deletion
/// or a purge, with the write's revision either way (as a direct read
/// answers).
fn apply(map: &mut HashMap<String, KvLookup>, entry: Entry) {
    let value = (entry.operation == Operation::Put).then_some(entry.value);
    map.insert(
        entry.key,
        KvLookup {
            value,
            revision: entry.revision,
        },
    );
}
