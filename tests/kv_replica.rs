//! The local copies of the plugins' KV buckets, against a real nats-server:
//! a write acknowledged before a message's records are read ahead is always
//! in what is read (a STOP is never missed), deletions included, while
//! other clients write at the same time; and a bucket past the copy's cap
//! is read from the server instead, with the same answers.

mod support;

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::kv;
use carewire::common::kv::KvReader;
use carewire::nats::NatsKv;
use carewire::nats::kv_replica::Replicas;
use support::*;

const BUCKET: &str = "replica_test";

async fn store(server: &Nats) -> kv::Store {
    let (_, js) = server.connect().await;
    bucket(&js, BUCKET).await
}

/// What reading `key` ahead finds: the value as text, or `None`.
async fn read_ahead(reader: &NatsKv, key: &str) -> Option<String> {
    let prefetched = reader
        .prefetch(
            vec![(BUCKET.to_owned(), key.to_owned())],
            Duration::from_secs(5),
        )
        .await;
    let lookup = prefetched
        .get(BUCKET, key)
        .unwrap_or_else(|| panic!("{key} was not read ahead"));
    lookup
        .value
        .as_ref()
        .map(|v| String::from_utf8_lossy(v).into_owned())
}

fn reader(store: &kv::Store, max_keys: usize) -> NatsKv {
    let stores = HashMap::from([(BUCKET.to_owned(), store.clone())]);
    let shutdown = carewire::nats::shutdown(std::future::pending());
    let replicas = Replicas::start_with_cap(&stores, &shutdown, max_keys);
    NatsKv::with_replicas(stores, tokio::runtime::Handle::current(), replicas)
}

/// Every write, acknowledged, then read ahead at once: the read sees it,
/// for 300 writes in a row, some of them deletions, while a second client
/// writes other keys of the same bucket as fast as it can.
async fn every_acknowledged_write_is_read(max_keys: usize) -> u64 {
    let server = Nats::start();
    let store = store(&server).await;
    // Records written before carewire started are loaded too.
    store
        .put("acme.p-0", "before".into())
        .await
        .expect("a first record");
    let reader = reader(&store, max_keys);
    let noise = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 0u32.. {
                let _ = store
                    .put(format!("acme.noise-{}", i % 50), i.to_string().into())
                    .await;
            }
        })
    };
    assert_eq!(
        read_ahead(&reader, "acme.p-0").await.as_deref(),
        Some("before")
    );
    for i in 0..300 {
        let key = format!("acme.p-{}", i % 7);
        if i % 5 == 4 {
            store.delete(&key).await.expect("a deletion");
            assert_eq!(
                read_ahead(&reader, &key).await,
                None,
                "write {i}: a deletion"
            );
        } else {
            let value = format!("stop-{i}");
            store
                .put(&key, value.clone().into())
                .await
                .expect("a write");
            assert_eq!(
                read_ahead(&reader, &key).await,
                Some(value),
                "write {i}: the value acknowledged before the read"
            );
        }
    }
    noise.abort();
    reader.copy_reads()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_acknowledged_before_a_read_is_always_read() {
    let from_copy = every_acknowledged_write_is_read(carewire::nats::kv_replica::MAX_KEYS).await;
    // Most reads came from the copy (one may miss its freshness deadline
    // on a loaded machine and read from the server: still right).
    assert!(
        from_copy >= 250,
        "only {from_copy} of 301 reads from the copy"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_past_the_cap_is_read_from_the_server() {
    // Ten keys at most: the noise alone passes it, so the reads go to the
    // server, and must answer the same.
    let from_copy = every_acknowledged_write_is_read(10).await;
    assert!(from_copy < 30, "{from_copy} reads from a copy past its cap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_answers_with_the_revision_the_server_gives() {
    let server = Nats::start();
    let store = store(&server).await;
    store
        .put("acme.p-1", "granted".into())
        .await
        .expect("a record");
    let reader = reader(&store, 100);
    // Once loaded, the record's revision is the stream's, as a direct read
    // gives it (what the SMS log's compare-and-set relies on).
    let direct = store
        .entry("acme.p-1")
        .await
        .expect("a read")
        .expect("an entry");
    let prefetched = reader
        .prefetch(
            vec![(BUCKET.to_owned(), "acme.p-1".to_owned())],
            Duration::from_secs(5),
        )
        .await;
    let lookup = prefetched.get(BUCKET, "acme.p-1").expect("read ahead");
    assert_eq!(lookup.revision, direct.revision);
    assert_eq!(lookup.value.as_deref(), Some(&b"granted"[..]));
    // A key never written: no value, revision 0, as a direct read.
    let prefetched = reader
        .prefetch(
            vec![(BUCKET.to_owned(), "acme.nobody".to_owned())],
            Duration::from_secs(5),
        )
        .await;
    let lookup = prefetched.get(BUCKET, "acme.nobody").expect("read ahead");
    assert_eq!((lookup.value.as_ref(), lookup.revision), (None, 0));
}
