//! Creates the streams, KV buckets and durable consumers of the design when
//! they are absent, and brings existing ones to the limits of the config
//! (max age, max bytes, `max_deliver`) without losing what they hold.
//!
//! A [`SetupError`] says whether trying again may help
//! ([`SetupError::is_transient`]): a request that timed out or found no
//! responder, or a cluster without a leader for the moment, is waited for
//! by `carewire run`; a refusal of the config itself is not.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, kv, stream};

use super::{Names, Redelivery};
use crate::common::channel::Channel;
use crate::config::{BucketsConfig, Config, Retention, StreamsConfig};

/// A step of the set-up that failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot create or open {what}: {detail}")]
pub struct SetupError {
    /// `stream CAREWIRE_AUDIT`, `KV bucket carewire_consent`, `consumer ...`.
    pub what: String,
    pub detail: String,
    transient: bool,
}

impl SetupError {
    /// Whether the same step may succeed later, with nothing changed by
    /// hand (a timeout, no responders, a leader election).
    pub fn is_transient(&self) -> bool {
        self.transient
    }

    fn new(what: String, error: &(dyn std::error::Error + 'static)) -> Self {
        let cause = cause_of(error);
        let mut detail = error.to_string();
        if let Some(hint) = cause.hint {
            detail = format!("{detail}; {hint}");
        }
        Self {
            what,
            detail,
            transient: cause.transient,
        }
    }
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
    /// Max age and bytes of each stream and bucket (`[nats.streams]`, `[nats.buckets]`).
    pub streams: &'a StreamsConfig,
    pub buckets: &'a BucketsConfig,
    /// Redeliveries of the intake's (and the replies') consumer.
    pub redelivery: Redelivery,
    /// Redeliveries of the delivery consumers.
    pub delivery_redelivery: Redelivery,
}

impl<'a> Settings<'a> {
    /// The topology `config` asks for, under `names`: what `carewire run`
    /// sets up, and what anything that sets it up beforehand must match.
    pub fn from_config(names: &'a Names, config: &'a Config) -> Self {
        Self {
            names,
            consumer: &config.intake.consumer,
            ack_wait: Duration::from_secs(config.intake.ack_wait_secs),
            max_ack_pending: i64::try_from(config.intake.max_in_flight.saturating_mul(2))
                .unwrap_or(i64::MAX),
            duplicate_window: config.nats.duplicate_window(),
            delivery_ack_wait: Duration::from_secs(config.delivery.ack_wait_secs),
            delivery_max_pending: config.delivery.max_pending,
            replicas: config.nats.replicas,
            streams: &config.nats.streams,
            buckets: &config.nats.buckets,
            redelivery: Redelivery::after(config.intake.max_deliver),
            delivery_redelivery: Redelivery::after(config.delivery.max_deliver),
        }
    }
}

/// Streams: subject kind and retention. The dispatch stream is a work
/// queue: a routed message is gone once its delivery is acked.
pub(super) const STREAMS: [(&str, stream::RetentionPolicy); 7] = [
    ("inbound", stream::RetentionPolicy::Limits),
    ("dispatch", stream::RetentionPolicy::WorkQueue),
    ("outbound", stream::RetentionPolicy::Limits),
    ("delivery", stream::RetentionPolicy::Limits),
    ("audit", stream::RetentionPolicy::Limits),
    ("dlq", stream::RetentionPolicy::Limits),
    ("replies", stream::RetentionPolicy::Limits),
];

/// KV buckets, by the name after `<prefix>_`.
const BUCKETS: [&str; 7] = [
    "consent",
    "contacts",
    "sms_log",
    "sms_numbers",
    "deliveries",
    "reply_ids",
    "decisions",
];

/// Ensures every stream, bucket and durable consumer exists, with the
/// limits of `s`.
pub async fn ensure_topology(
    js: &jetstream::Context,
    s: Settings<'_>,
) -> Result<Topology, SetupError> {
    let n = s.names;
    for (kind, retention) in STREAMS {
        let limits = s.streams.retention(kind);
        let config = stream::Config {
            name: n.stream(kind),
            subjects: vec![n.all(kind)],
            retention,
            duplicate_window: s.duplicate_window,
            num_replicas: s.replicas,
            max_age: limits.max_age,
            max_bytes: limits.max_bytes,
            discard: stream::DiscardPolicy::New,
            ..Default::default()
        };
        ensure_stream(js, config, s.replicas).await?;
    }

    let mut buckets = HashMap::new();
    for bucket in BUCKETS {
        let name = format!("{}_{bucket}", n.prefix().replace('-', "_"));
        let limits = s.buckets.retention(bucket, s.duplicate_window);
        let store = ensure_bucket(js, &name, limits, s.replicas).await?;
        buckets.insert(name, store);
    }

    let intake = s.redelivery.server_max_deliver();
    let inbound = pull_consumer(
        js,
        &n.stream("inbound"),
        s.consumer,
        n.all("inbound"),
        (s.ack_wait, s.max_ack_pending, intake),
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
            (
                s.delivery_ack_wait,
                s.delivery_max_pending,
                s.delivery_redelivery.server_max_deliver(),
            ),
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

/// Creates the stream when absent; otherwise brings its max age, max bytes
/// and discard policy to `wanted`'s (see [`limits_for`]).
async fn ensure_stream(
    js: &jetstream::Context,
    wanted: stream::Config,
    replicas: usize,
) -> Result<(), SetupError> {
    let what = format!("stream {}", wanted.name);
    let stream = js
        .get_or_create_stream(wanted.clone())
        .await
        .map_err(|e| SetupError::new(what.clone(), &e))?;
    let info = stream.cached_info();
    warn_replicas(&wanted.name, info.config.num_replicas, replicas);
    let target = Retention {
        max_age: wanted.max_age,
        max_bytes: wanted.max_bytes,
    };
    update_limits(js, &what, &info.config, &info.state, target).await
}

/// Creates the bucket when absent; otherwise brings its stream's max age
/// and max bytes to `limits`.
async fn ensure_bucket(
    js: &jetstream::Context,
    bucket: &str,
    limits: Retention,
    replicas: usize,
) -> Result<kv::Store, SetupError> {
    let what = format!("KV bucket {bucket}");
    match js.get_key_value(bucket).await {
        Ok(store) => {
            let info = store.stream.cached_info();
            warn_replicas(bucket, info.config.num_replicas, replicas);
            update_limits(js, &what, &info.config, &info.state, limits).await?;
            Ok(store)
        }
        Err(e) if !bucket_absent(&e) => Err(SetupError::new(what, &e)),
        Err(_) => js
            .create_key_value(kv::Config {
                bucket: bucket.to_string(),
                history: 5,
                max_age: limits.max_age,
                max_bytes: limits.max_bytes,
                num_replicas: replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| SetupError::new(what, &e)),
    }
}

/// Whether `get_key_value` failed because the bucket's stream does not exist.
fn bucket_absent(e: &jetstream::context::KeyValueError) -> bool {
    use std::error::Error as _;
    e.source()
        .and_then(|s| s.downcast_ref::<jetstream::context::GetStreamError>())
        .is_some_and(|g| {
            matches!(g.kind(), jetstream::context::GetStreamErrorKind::JetStream(js)
                if js.error_code() == jetstream::ErrorCode::STREAM_NOT_FOUND)
        })
}

/// Updates an existing stream's limits to `target` when they differ; what
/// it already holds stays (see [`limits_for`]).
async fn update_limits(
    js: &jetstream::Context,
    what: &str,
    current: &stream::Config,
    state: &stream::State,
    target: Retention,
) -> Result<(), SetupError> {
    let limits = limits_for(&current.name, current, state, target);
    if current.max_age == limits.max_age
        && current.max_bytes == limits.max_bytes
        && current.discard == stream::DiscardPolicy::New
    {
        return Ok(());
    }
    let mut config = current.clone();
    config.max_age = limits.max_age;
    config.max_bytes = limits.max_bytes;
    config.discard = stream::DiscardPolicy::New;
    js.update_stream(&config)
        .await
        .map_err(|e| SetupError::new(what.to_string(), &e))?;
    tracing::info!(
        stream = %current.name,
        max_age_days = limits.max_age.as_secs() / (24 * 3600),
        max_bytes = limits.max_bytes,
        "stream limits applied"
    );
    Ok(())
}

/// The limits to give an existing stream: `target`, except that it never
/// drops what the stream holds. Its max bytes never go below the bytes it
/// holds, and a work queue (the dispatch stream, where deferred messages
/// wait) keeps its max age while its oldest message is older than the new one.
fn limits_for(
    name: &str,
    current: &stream::Config,
    state: &stream::State,
    target: Retention,
) -> Retention {
    let mut limits = target;
    let held = i64::try_from(state.bytes).unwrap_or(i64::MAX);
    if limits.max_bytes > 0 && held > limits.max_bytes {
        tracing::warn!(
            stream = name,
            holds = held,
            max_bytes = limits.max_bytes,
            "the stream holds more than its configured max_bytes; the limit is set to what it holds (purge it, or raise max_bytes)"
        );
        limits.max_bytes = held;
    }
    let shorter = !limits.max_age.is_zero()
        && (current.max_age.is_zero() || limits.max_age < current.max_age);
    if shorter && current.retention == stream::RetentionPolicy::WorkQueue && state.messages > 0 {
        let oldest = time::OffsetDateTime::now_utc() - state.first_timestamp;
        if oldest > limits.max_age {
            tracing::warn!(
                stream = name,
                oldest_days = oldest.whole_days(),
                max_age_days = limits.max_age.as_secs() / (24 * 3600),
                "messages waiting in the stream are older than its new max age; the old one stays until they are delivered"
            );
            limits.max_age = current.max_age;
        }
    }
    limits
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

/// A durable pull consumer with explicit acks, created when absent; an
/// existing one gets `max_deliver` (ack wait and pending limit stay).
async fn pull_consumer(
    js: &jetstream::Context,
    stream: &str,
    name: &str,
    filter_subject: String,
    (ack_wait, max_ack_pending, max_deliver): (Duration, i64, i64),
) -> Result<consumer::PullConsumer, SetupError> {
    let what = format!("consumer {name}");
    let wanted = consumer::pull::Config {
        durable_name: Some(name.to_string()),
        filter_subject,
        ack_policy: consumer::AckPolicy::Explicit,
        ack_wait,
        max_ack_pending,
        max_deliver,
        ..Default::default()
    };
    let stream = js
        .get_stream(stream)
        .await
        .map_err(|e| SetupError::new(what.clone(), &e))?;
    let mut consumer: consumer::PullConsumer = stream
        .get_or_create_consumer(name, wanted.clone())
        .await
        .map_err(|e| SetupError::new(what.clone(), &e))?;
    let existing = &consumer.cached_info().config;
    if existing.max_deliver != max_deliver {
        let updated = consumer::pull::Config {
            ack_wait: existing.ack_wait,
            max_ack_pending: existing.max_ack_pending,
            ..wanted
        };
        consumer = stream
            .update_consumer(updated)
            .await
            .map_err(|e| SetupError::new(what, &e))?;
        tracing::info!(consumer = name, max_deliver, "consumer max_deliver applied");
    }
    Ok(consumer)
}

/// Whether an error may go away by itself, and what to do about it if not.
struct Cause {
    transient: bool,
    hint: Option<&'static str>,
}

/// Reads the kinds and JetStream errors along `error`'s chain: JetStream
/// refusing the request for its content is not transient; a request that
/// timed out, found no responders or failed on the connection is.
fn cause_of(error: &(dyn std::error::Error + 'static)) -> Cause {
    use jetstream::context::{
        CreateKeyValueError, CreateKeyValueErrorKind as Kv, CreateStreamError,
        CreateStreamErrorKind as Create, GetStreamError, GetStreamErrorKind as Get, KeyValueError,
        KeyValueErrorKind as KvGet,
    };
    use jetstream::stream::{
        ConsumerError, ConsumerErrorKind as Consumer, ConsumerUpdateError,
        ConsumerUpdateErrorKind as Update,
    };
    let config = Cause {
        transient: false,
        hint: None,
    };
    let mut next = Some(error);
    while let Some(e) = next {
        let api = if let Some(e) = e.downcast_ref::<jetstream::Error>() {
            Some(e.clone())
        } else if let Some(e) = e.downcast_ref::<GetStreamError>() {
            match e.kind() {
                Get::JetStream(js) => Some(js),
                Get::EmptyName | Get::InvalidStreamName => return config,
                Get::Request => None,
            }
        } else if let Some(e) = e.downcast_ref::<CreateStreamError>() {
            match e.kind() {
                Create::JetStream(js) => Some(js),
                Create::EmptyStreamName
                | Create::InvalidStreamName
                | Create::DomainAndExternalSet => return config,
                _ => None,
            }
        } else if let Some(e) = e.downcast_ref::<ConsumerError>() {
            match e.kind() {
                Consumer::JetStream(js) => Some(js),
                Consumer::InvalidConsumerType | Consumer::InvalidName => return config,
                _ => None,
            }
        } else if let Some(e) = e.downcast_ref::<ConsumerUpdateError>() {
            match e.kind() {
                Update::JetStream(js) => Some(js),
                Update::InvalidConsumerType | Update::InvalidName => return config,
                _ => None,
            }
        } else if let Some(e) = e.downcast_ref::<KeyValueError>() {
            match e.kind() {
                KvGet::InvalidStoreName => return config,
                KvGet::GetBucket | KvGet::JetStream => None,
            }
        } else if let Some(e) = e.downcast_ref::<CreateKeyValueError>() {
            match e.kind() {
                Kv::InvalidStoreName | Kv::TooLongHistory | Kv::LimitMarkersNotSupported => {
                    return config;
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some(api) = api {
            return api_cause(&api);
        }
        next = e.source();
    }
    // Timeouts, no responders, a connection lost: worth waiting for.
    Cause {
        transient: true,
        hint: None,
    }
}

/// A JetStream API error: transient while the cluster sorts itself out.
fn api_cause(e: &jetstream::Error) -> Cause {
    use jetstream::ErrorCode as C;
    let code = e.error_code();
    let transient = e.code() == 503
        || [
            C::CLUSTER_NOT_AVAILABLE,
            C::CLUSTER_NOT_LEADER,
            C::CLUSTER_INCOMPLETE,
            C::CLUSTER_NO_PEERS,
            C::RAFT_GENERAL,
            C::JETSTREAM_NOT_ENABLED,
        ]
        .contains(&code);
    let hint = match code {
        C::STORAGE_RESOURCES_EXCEEDED => Some(
            "the server cannot reserve the stream's max_bytes: lower nats.streams.<stream>.max_bytes and \
             nats.buckets.<bucket>.max_bytes, or raise the server's jetstream max_file_store",
        ),
        C::STREAM_NAME_EXIST => Some(
            "a stream of that name exists with another configuration (subjects, retention or storage)",
        ),
        C(10074) => Some("nats.replicas is more than 1, but the server is not clustered"),
        _ => None,
    };
    Cause { transient, hint }
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
    let what = format!("consumer {name}");
    js.get_stream(stream)
        .await
        .map_err(|e| SetupError::new(what.clone(), &e))?
        .create_consumer(consumer::pull::Config {
            durable_name: Some(name.to_string()),
            filter_subject,
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait,
            max_ack_pending: 1,
            ..Default::default()
        })
        .await
        .map_err(|e| SetupError::new(what, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: usize, err_code: u64) -> jetstream::Error {
        serde_json::from_value(serde_json::json!({
            "code": code, "err_code": err_code, "description": "x"
        }))
        .expect("a JetStream error")
    }

    #[test]
    fn timeouts_and_elections_are_transient_refusals_are_not() {
        use jetstream::context::{CreateStreamError, CreateStreamErrorKind};
        let timeout = CreateStreamError::new(CreateStreamErrorKind::TimedOut);
        assert!(SetupError::new("stream X".into(), &timeout).is_transient());
        let no_responders = CreateStreamError::new(CreateStreamErrorKind::JetStreamUnavailable);
        assert!(SetupError::new("stream X".into(), &no_responders).is_transient());
        let election =
            CreateStreamError::new(CreateStreamErrorKind::JetStream(api_error(503, 10008)));
        assert!(SetupError::new("stream X".into(), &election).is_transient());
        let reserve =
            CreateStreamError::new(CreateStreamErrorKind::JetStream(api_error(500, 10047)));
        let e = SetupError::new("stream X".into(), &reserve);
        assert!(!e.is_transient());
        assert!(e.to_string().contains("max_file_store"), "{e}");
        let clash = CreateStreamError::new(CreateStreamErrorKind::JetStream(api_error(400, 10058)));
        assert!(!SetupError::new("stream X".into(), &clash).is_transient());
    }

    fn state(bytes: u64, messages: u64, age: Duration) -> stream::State {
        let mut state: stream::State = serde_json::from_value(serde_json::json!({
            "messages": messages, "bytes": bytes, "first_seq": 1, "last_seq": messages,
            "consumer_count": 1,
            "first_ts": "2026-01-01T00:00:00Z", "last_ts": "2026-01-01T00:00:00Z"
        }))
        .expect("a stream state");
        state.first_timestamp = time::OffsetDateTime::now_utc() - age;
        state
    }

    #[test]
    fn existing_streams_keep_what_they_hold() {
        const DAY: Duration = Duration::from_secs(24 * 3600);
        let target = Retention {
            max_age: 30 * DAY,
            max_bytes: 1 << 20,
        };
        let queue = stream::Config {
            retention: stream::RetentionPolicy::WorkQueue,
            ..Default::default()
        };
        // More bytes than the new limit: the limit becomes what it holds.
        let limits = limits_for("S", &queue, &state(5 << 20, 10, DAY), target);
        assert_eq!(limits.max_bytes, 5 << 20);
        assert_eq!(limits.max_age, 30 * DAY);
        // A deferred message older than the new max age: the age stays unlimited.
        let limits = limits_for("S", &queue, &state(10, 1, 40 * DAY), target);
        assert_eq!(limits.max_age, Duration::ZERO);
        // A stream of record (limits retention) takes the new age.
        let log = stream::Config::default();
        let limits = limits_for("S", &log, &state(10, 1, 40 * DAY), target);
        assert_eq!(limits, target);
    }
}
