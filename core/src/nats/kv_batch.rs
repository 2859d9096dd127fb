//! The chains' read-ahead of KV records, batched: the reads of one bucket
//! asked for at about the same time go to JetStream as one batched direct
//! get (`multi_last`, one request for up to [`MAX_KEYS`] keys) instead of
//! one request each. A read waits for no timer: the reads asked for while
//! the bucket's earlier batches are in flight make up its next batch, so
//! under light load a batch is one key and under a burst it grows.
//!
//! A batch is requested after every read in it was asked for, so it sees
//! every write acknowledged before that (the freshness a STOP needs). When
//! a batch fails (a server without batched reads, a stream without direct
//! gets, a timeout), its keys are read one by one.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_nats::Client;
use async_nats::header::{IntoHeaderName, NATS_SEQUENCE, NATS_SUBJECT};
use async_nats::jetstream::kv::{Operation, Store};
use futures::StreamExt;
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::common::kv::KvLookup;

/// The most keys in one batch (the server takes up to 1,024 subjects).
const MAX_KEYS: usize = 256;

/// Batches of one bucket in flight at once.
const IN_FLIGHT: usize = 4;

/// How long a batch may take before its keys are read one by one.
const BATCH_TIMEOUT: Duration = Duration::from_secs(1);

/// What a read answers: the record, or `None` when it could not be read.
type Answer = Option<KvLookup>;

struct Read {
    key: String,
    answer: oneshot::Sender<Answer>,
}

/// Batched reads of one bucket, served by a task of their own that ends
/// when this is dropped.
pub struct BatchedReads {
    reads: mpsc::UnboundedSender<Read>,
}

impl BatchedReads {
    pub fn start(client: Client, store: Store) -> Self {
        let (reads, queue) = mpsc::unbounded_channel();
        tokio::spawn(serve(queue, client, Arc::new(store)));
        Self { reads }
    }

    /// The last record of `key`; `None` when it could not be read.
    pub async fn read(&self, key: String) -> Answer {
        let (answer, answered) = oneshot::channel();
        self.reads.send(Read { key, answer }).ok()?;
        answered.await.ok().flatten()
    }
}

async fn serve(mut queue: mpsc::UnboundedReceiver<Read>, client: Client, store: Arc<Store>) {
    let in_flight = Arc::new(Semaphore::new(IN_FLIGHT));
    while let Some(first) = queue.recv().await {
        let Ok(permit) = in_flight.clone().acquire_owned().await else {
            return;
        };
        let mut batch = vec![first];
        while batch.len() < MAX_KEYS {
            match queue.try_recv() {
                Ok(read) => batch.push(read),
                Err(_) => break,
            }
        }
        let (client, store) = (client.clone(), store.clone());
        tokio::spawn(async move {
            answer(batch, &client, &store).await;
            drop(permit);
        });
    }
}

async fn answer(batch: Vec<Read>, client: &Client, store: &Store) {
    let keys: Vec<&str> = batch.iter().map(|r| r.key.as_str()).collect();
    let found = tokio::time::timeout(BATCH_TIMEOUT, last_records(client, store, &keys))
        .await
        .unwrap_or(Err("timed out"));
    let found = match found {
        Ok(found) => found,
        Err(reason) => {
            tracing::warn!(
                bucket = %store.name,
                reason,
                keys = keys.len(),
                "batched KV read failed; reading its keys one by one"
            );
            return one_by_one(batch, store).await;
        }
    };
    for read in batch {
        let lookup = found.get(&read.key).cloned().unwrap_or_default();
        let _ = read.answer.send(Some(lookup));
    }
}

/// The last record of each of `keys` that has one, by key.
async fn last_records(
    client: &Client,
    store: &Store,
    keys: &[&str],
) -> Result<HashMap<String, KvLookup>, &'static str> {
    let subjects: Vec<String> = keys
        .iter()
        .map(|k| format!("{}{k}", store.prefix))
        .collect();
    let request = serde_json::json!({ "multi_last": subjects, "batch": subjects.len() });
    let inbox = client.new_inbox();
    let mut replies = client
        .subscribe(inbox.clone())
        .await
        .map_err(|_| "cannot subscribe")?;
    client
        .publish_with_reply(
            format!("$JS.API.DIRECT.GET.{}", store.stream_name),
            inbox,
            request.to_string().into(),
        )
        .await
        .map_err(|_| "cannot publish")?;
    let mut found = HashMap::new();
    while let Some(reply) = replies.next().await {
        match reply.status.map(|s| s.as_u16()) {
            None => {}
            // The end of the batch: everything asked for was sent.
            Some(204) if header(&reply, NUM_PENDING) == Some("0") => return Ok(found),
            Some(404) => return Ok(found),
            Some(_) => return Err("the server refused the batch"),
        }
        let key = header(&reply, NATS_SUBJECT)
            .and_then(|s| s.strip_prefix(&store.prefix))
            .ok_or("a reply without its subject")?;
        let revision = header(&reply, NATS_SEQUENCE)
            .and_then(|s| s.parse().ok())
            .ok_or("a reply without its sequence")?;
        // A put has no operation header; a deletion or purge says so.
        let put =
            header(&reply, KV_OPERATION).is_none_or(|op| matches!(op.parse(), Ok(Operation::Put)));
        found.insert(
            key.to_owned(),
            KvLookup {
                revision,
                value: put.then_some(reply.payload),
            },
        );
    }
    Err("the reply stream ended early")
}

/// Headers of a batch's replies that async-nats names nowhere public.
const NUM_PENDING: &str = "Nats-Num-Pending";
const KV_OPERATION: &str = "KV-Operation";

fn header(message: &async_nats::Message, name: impl IntoHeaderName) -> Option<&str> {
    message.headers.as_ref()?.get(name).map(|v| v.as_str())
}

/// Each read of a failed batch, as a read of its own.
async fn one_by_one(batch: Vec<Read>, store: &Store) {
    let reads = batch.into_iter().map(|read| async move {
        let entry = tokio::time::timeout(BATCH_TIMEOUT, store.entry(&read.key)).await;
        let lookup = match entry {
            Ok(Ok(entry)) => Some(lookup_of(entry)),
            _ => None,
        };
        let _ = read.answer.send(lookup);
    });
    futures::future::join_all(reads).await;
}

/// What a lookup found: the value of a put, nothing for a deletion, with
/// the entry's revision either way.
pub(super) fn lookup_of(entry: Option<async_nats::jetstream::kv::Entry>) -> KvLookup {
    entry.map_or_else(KvLookup::default, |entry| KvLookup {
        revision: entry.revision,
        value: (entry.operation == Operation::Put).then_some(entry.value),
    })
}
