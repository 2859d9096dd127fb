//! Creates the streams, KV buckets and durable consumer of the design when
//! they are absent; leaves existing ones alone.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, kv, stream};

use super::Names;
use crate::channel::Channel;

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("cannot create or open stream {name}: {detail}")]
    Stream { name: String, detail: String },
    #[error("cannot create or open KV bucket {name}: {detail}")]
    Bucket { name: String, detail: String },
    #[error("cannot create or open consumer {name}: {detail}")]
    Consumer { name: String, detail: String },
}

/// What the router works with once the topology exists.
pub struct Topology {
    /// The intake's consumer on the inbound stream.
    pub consumer: consumer::PullConsumer,
    /// One delivery consumer per channel on the dispatch stream.
    pub deliveries: HashMap<Channel, consumer::PullConsumer>,
    /// The consumer of patients' SMS replies (from the webhook or a gateway).
    pub replies: consumer::PullConsumer,
    pub buckets: HashMap<String, kv::Store>,
}

pub struct Settings<'a> {
    pub names: &'a Names,
    pub consumer: &'a str,
    pub ack_wait: Duration,
    pub max_ack_pending: i64,
    pub duplicate_window: Duration,
    pub delivery_ack_wait: Duration,
    /// Deferred SMS count here: keep it large.
    pub delivery_max_pending: i64,
    /// Copies of every stream and bucket created here (`nats.replicas`);
    /// consumers take their stream's.
    pub replicas: usize,
}

/// Streams: subject kind and retention. The dispatch stream is a work
/// queue: a routed message is gone once its delivery is acked.
const STREAMS: [(&str, stream::RetentionPolicy); 7] = [
    ("inbound", stream::RetentionPolicy::Limits),
    ("dispatch", stream::RetentionPolicy::WorkQueue),
    ("outbound", stream::RetentionPolicy::Limits),
    ("delivery", stream::RetentionPolicy::Limits),
    ("audit", stream::RetentionPolicy::Limits),
    ("dlq", stream::RetentionPolicy::Limits),
    ("replies", stream::RetentionPolicy::Limits),
];

/// Ensures every stream, bucket and the durable consumer exist.
pub async fn ensure_topology(
    js: &jetstream::Context,
    s: Settings<'_>,
) -> Result<Topology, SetupError> {
    let n = s.names;
    for (kind, retention) in STREAMS {
        let name = n.stream(kind);
        let stream = js
            .get_or_create_stream(stream::Config {
                name: name.clone(),
                subjects: vec![n.all(kind)],
                retention,
                duplicate_window: s.duplicate_window,
                num_replicas: s.replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| SetupError::Stream {
                name: name.clone(),
                detail: e.to_string(),
            })?;
        warn_replicas(&name, stream.cached_info().config.num_replicas, s.replicas);
    }

    let mut buckets = HashMap::new();
    // The ledger forgets a delivery after 30 days, long past any redelivery.
    let ledger_age = Duration::from_secs(30 * 24 * 3600);
    // A reply's provider message id is remembered for a year: a captured
    // reply replayed within it changes nothing.
    let reply_ids_age = Duration::from_secs(365 * 24 * 3600);
    for (bucket, max_age) in [
        (n.consent_bucket(), Duration::ZERO),
        (n.contacts_bucket(), Duration::ZERO),
        (n.sms_log_bucket(), Duration::ZERO),
        (n.sms_numbers_bucket(), Duration::ZERO),
        (n.deliveries_bucket(), ledger_age),
        (n.reply_ids_bucket(), reply_ids_age),
        // A message's first decision only matters while it can be redelivered.
        (n.decisions_bucket(), s.duplicate_window),
    ] {
        let store = match js.get_key_value(&bucket).await {
            Ok(store) => {
                // The stream info get_key_value fetched: no second request.
                if let Ok(status) = store.status().await {
                    warn_replicas(&bucket, status.info.config.num_replicas, s.replicas);
                }
                store
            }
            Err(_) => js
                .create_key_value(kv::Config {
                    bucket: bucket.clone(),
                    history: 5,
                    max_age,
                    num_replicas: s.replicas,
                    ..Default::default()
                })
                .await
                .map_err(|e| SetupError::Bucket {
                    name: bucket.clone(),
                    detail: e.to_string(),
                })?,
        };
        buckets.insert(bucket, store);
    }

    let inbound = pull_consumer(
        js,
        &n.stream("inbound"),
        s.consumer,
        n.all("inbound"),
        s.ack_wait,
        s.max_ack_pending,
    )
    .await?;
    let mut deliveries = HashMap::new();
    for channel in Channel::ALL {
        let name = format!("{}-deliver-{channel}", s.consumer);
        let consumer = pull_consumer(
            js,
            &n.stream("dispatch"),
            &name,
            n.dispatch(channel),
            s.delivery_ack_wait,
            s.delivery_max_pending,
        )
        .await?;
        deliveries.insert(channel, consumer);
    }
    let replies = one_at_a_time_consumer(
        js,
        &n.stream("replies"),
        &format!("{}-replies", s.consumer),
        n.sms_replies(),
        s.ack_wait,
    )
    .await?;
    Ok(Topology {
        consumer: inbound,
        deliveries,
        replies,
        buckets,
    })
}

/// Says so when an existing stream or bucket keeps fewer copies than
/// `nats.replicas` asks for: carewire does not change what exists.
fn warn_replicas(name: &str, has: usize, wanted: usize) {
    if has.max(1) < wanted {
        tracing::warn!(
            stream = name,
            replicas = has.max(1),
            wanted,
            "an existing stream keeps fewer copies than nats.replicas; carewire leaves it as it is (raise them with `nats stream edit --replicas`)"
        );
    }
}

/// A durable pull consumer with explicit acks, created when absent.
async fn pull_consumer(
    js: &jetstream::Context,
    stream: &str,
    name: &str,
    filter_subject: String,
    ack_wait: Duration,
    max_ack_pending: i64,
) -> Result<consumer::PullConsumer, SetupError> {
    let consumer_err = |e: &dyn std::fmt::Display| SetupError::Consumer {
        name: name.to_string(),
        detail: e.to_string(),
    };
    js.get_stream(stream)
        .await
        .map_err(|e| consumer_err(&e))?
        .get_or_create_consumer(
            name,
            consumer::pull::Config {
                durable_name: Some(name.to_string()),
                filter_subject,
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait,
                max_ack_pending,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| consumer_err(&e))
}

/// A durable pull consumer with one message in flight across all its
/// pullers (`max_ack_pending` 1), so messages are handled in stream order
/// and one that fails is retried before any later one; an existing consumer
/// (an earlier version made the replies consumer with more) is updated.
/// No `max_deliver`: a patient's STOP is retried until it applies.
async fn one_at_a_time_consumer(
    js: &jetstream::Context,
    stream: &str,
    name: &str,
    filter_subject: String,
    ack_wait: Duration,
) -> Result<consumer::PullConsumer, SetupError> {
    let consumer_err = |e: &dyn std::fmt::Display| SetupError::Consumer {
        name: name.to_string(),
        detail: e.to_string(),
    };
    js.get_stream(stream)
        .await
        .map_err(|e| consumer_err(&e))?
        .create_consumer(consumer::pull::Config {
            durable_name: Some(name.to_string()),
            filter_subject,
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait,
            max_ack_pending: 1,
            ..Default::default()
        })
        .await
        .map_err(|e| consumer_err(&e))
}
