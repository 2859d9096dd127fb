//! Creates the streams, KV buckets and durable consumer of the design when
//! they are absent; leaves existing ones alone.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, kv, stream};

use super::Names;

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
    pub consumer: consumer::PullConsumer,
    pub buckets: HashMap<String, kv::Store>,
}

pub struct Settings<'a> {
    pub names: &'a Names,
    pub consumer: &'a str,
    pub ack_wait: Duration,
    pub max_ack_pending: i64,
    pub duplicate_window: Duration,
}

/// Ensures every stream, bucket and the durable consumer exist.
pub async fn ensure_topology(
    js: &jetstream::Context,
    s: Settings<'_>,
) -> Result<Topology, SetupError> {
    let n = s.names;
    for kind in ["inbound", "outbound", "delivery", "audit", "dlq"] {
        let name = n.stream(kind);
        js.get_or_create_stream(stream::Config {
            name: name.clone(),
            subjects: vec![n.all(kind)],
            duplicate_window: s.duplicate_window,
            ..Default::default()
        })
        .await
        .map_err(|e| SetupError::Stream {
            name,
            detail: e.to_string(),
        })?;
    }

    let mut buckets = HashMap::new();
    for bucket in [n.consent_bucket(), n.contacts_bucket(), n.sms_log_bucket()] {
        let store = match js.get_key_value(&bucket).await {
            Ok(store) => store,
            Err(_) => js
                .create_key_value(kv::Config {
                    bucket: bucket.clone(),
                    history: 5,
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

    let consumer_err = |e: &dyn std::fmt::Display| SetupError::Consumer {
        name: s.consumer.to_string(),
        detail: e.to_string(),
    };
    let inbound = js
        .get_stream(n.stream("inbound"))
        .await
        .map_err(|e| consumer_err(&e))?;
    let consumer = inbound
        .get_or_create_consumer(
            s.consumer,
            consumer::pull::Config {
                durable_name: Some(s.consumer.to_string()),
                filter_subject: n.all("inbound"),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait: s.ack_wait,
                max_ack_pending: s.max_ack_pending,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| consumer_err(&e))?;
    Ok(Topology { consumer, buckets })
}
