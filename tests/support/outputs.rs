//! Everything carewire stored for the messages of a test, collected and
//! queried.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use async_nats::jetstream;
use bytes::Bytes;
use serde_json::Value;

use super::*;

/// One message as stored in a stream.
#[derive(Debug, Clone)]
pub struct Stored {
    pub seq: u64,
    pub subject: String,
    pub headers: HeaderMap,
    pub payload: Bytes,
    /// The payload parsed as JSON (`Null` when it is not JSON, e.g. a DLQ'd bad payload).
    pub parsed: Value,
}

impl Stored {
    /// The message stored at `seq`, as read with `get_raw_message`.
    pub fn from_raw(seq: u64, msg: jetstream::message::StreamMessage) -> Self {
        Self {
            seq,
            subject: msg.subject.to_string(),
            headers: msg.headers,
            parsed: serde_json::from_slice(&msg.payload).unwrap_or(Value::Null),
            payload: msg.payload,
        }
    }

    /// The payload as JSON; fails when it is not.
    pub fn json(&self) -> Value {
        assert!(
            !self.parsed.is_null(),
            "{} #{} is not JSON: {:?}",
            self.subject,
            self.seq,
            self.payload
        );
        self.parsed.clone()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.as_str().to_string())
    }
}

/// How long a read of an output stream is tried again while the cluster
/// elects its leader (JetStream answers 503 meanwhile).
const ELECTION: Duration = Duration::from_secs(20);

/// The JSON Schemas of the records carewire publishes, by the value of
/// their `schema` field, and their files in `docs/`.
pub const RECORD_SCHEMAS: [(&str, &str); 7] = [
    ("carewire.outbound/1", "outbound.schema.json"),
    ("carewire.dispatch/1", "dispatch.schema.json"),
    ("carewire.audit/1", "audit.schema.json"),
    ("carewire.audit.delivery/1", "delivery-audit.schema.json"),
    ("carewire.delivery/1", "delivery-event.schema.json"),
    ("carewire.reply_answer/1", "reply-answer.schema.json"),
    ("carewire.shadow_diff/1", "shadow-diff.schema.json"),
];

/// Reads `docs/<file>` as JSON.
pub fn read_doc_schema(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Resolves a `$ref` between the record schemas by their `$id`, offline.
struct RecordSchemas(Vec<Value>);

impl jsonschema::Retrieve for RecordSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0
            .iter()
            .find(|s| s["$id"] == uri.as_str())
            .cloned()
            .ok_or_else(|| format!("no record schema has the $id {}", uri.as_str()).into())
    }
}

/// Compiles `docs/<file>` as a draft 2020-12 schema, formats asserted, its
/// references to the other record schemas resolved locally.
pub fn compile_record_schema(file: &str) -> jsonschema::Validator {
    let all = RECORD_SCHEMAS
        .iter()
        .map(|(_, f)| read_doc_schema(f))
        .collect();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_retriever(RecordSchemas(all))
        .build(&read_doc_schema(file))
        .unwrap_or_else(|e| panic!("docs/{file} does not compile: {e}"))
}

/// The validator of the record schema named `schema` (a `schema` field's
/// value), compiled once per test binary; `None` for any other name.
pub fn record_validator(schema: &str) -> Option<&'static jsonschema::Validator> {
    static VALIDATORS: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    VALIDATORS
        .get_or_init(|| {
            RECORD_SCHEMAS
                .iter()
                .map(|(name, file)| (*name, compile_record_schema(file)))
                .collect()
        })
        .get(schema)
}

/// Where `value` breaks the schema `schema`: each error's instance path and
/// the schema keyword it broke, never the value itself (a record may hold
/// PHI). Empty when it is valid, or `schema` is not a record schema.
pub fn record_errors(schema: &str, value: &Value) -> Vec<String> {
    let Some(validator) = record_validator(schema) else {
        return Vec::new();
    };
    validator
        .iter_errors(value)
        .map(|e| format!("at '{}' (schema {})", e.instance_path(), e.schema_path()))
        .collect()
}

/// Fails when `stored` is a JSON record whose `schema` field names one of
/// [`RECORD_SCHEMAS`] and it is not valid against that schema. The message
/// names the stream, sequence, schema and error locations, not the record.
pub fn assert_valid_record(stream: &str, stored: &Stored) {
    let Some(schema) = stored.parsed["schema"].as_str() else {
        return;
    };
    let errors = record_errors(schema, &stored.parsed);
    assert!(
        errors.is_empty(),
        "{stream} #{} ({}): a {schema} record is not valid against its schema in docs/: {}",
        stored.seq,
        stored.subject,
        errors.join("; ")
    );
}

/// Everything carewire stored: outbound, audit and DLQ messages.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    pub outbound: Vec<Stored>,
    /// Decision and delivery audit records.
    pub audit: Vec<Stored>,
    pub dlq: Vec<Stored>,
    /// Delivery events.
    pub delivery: Vec<Stored>,
}

/// The schema of the one decision record every message gets.
pub const DECISION_AUDIT: &str = "carewire.audit/1";

impl Outputs {
    /// Parsed decision audit records.
    pub fn audits(&self) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["schema"] == DECISION_AUDIT)
            .map(Stored::json)
            .collect()
    }

    /// Decision audit records of message `id`.
    pub fn audits_for(&self, id: &str) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["id"] == id && a.parsed["schema"] == DECISION_AUDIT)
            .map(Stored::json)
            .collect()
    }

    /// Delivery audit records (`carewire.audit.delivery/1`) of message `id`.
    pub fn delivery_audits_for(&self, id: &str) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["id"] == id && a.parsed["schema"] == "carewire.audit.delivery/1")
            .map(Stored::json)
            .collect()
    }

    /// Delivery events of message `id`, in order.
    pub fn events_for(&self, id: &str) -> Vec<Value> {
        self.delivery
            .iter()
            .filter(|e| e.parsed["id"] == id)
            .map(Stored::json)
            .collect()
    }

    /// The statuses of `id`'s delivery events on `channel`, in order.
    pub fn statuses(&self, id: &str, channel: &str) -> Vec<String> {
        self.events_for(id)
            .iter()
            .filter(|e| e["channel"] == channel)
            .map(|e| e["status"].as_str().unwrap_or("?").to_string())
            .collect()
    }

    /// The one audit record of `id` (fails unless there is exactly one).
    pub fn audit(&self, id: &str) -> Value {
        let found = self.audits_for(id);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one audit record for {id}, got {found:#?}"
        );
        found.into_iter().next().expect("one")
    }

    /// Outbound messages of `id`: (subject, message).
    pub fn outbound_for(&self, id: &str) -> Vec<(String, Value)> {
        self.outbound
            .iter()
            .filter(|m| m.parsed["id"] == id)
            .map(|m| (m.subject.clone(), m.json()))
            .collect()
    }

    /// The one outbound message of `id`, checked to be on `carewire.outbound.<channel>`.
    pub fn sent(&self, id: &str, channel: &str) -> Value {
        let found = self.outbound_for(id);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one outbound message for {id}, got {found:#?}"
        );
        let (subject, msg) = found.into_iter().next().expect("one");
        assert_eq!(
            subject,
            format!("carewire.outbound.{channel}"),
            "{id} went out on the wrong subject: {msg:#}"
        );
        assert_eq!(msg["channel"], channel, "{id}: {msg:#}");
        msg
    }

    /// DLQ messages carrying `Carewire-Message-Id: id`.
    pub fn dlq_for(&self, id: &str) -> Vec<&Stored> {
        self.dlq
            .iter()
            .filter(|m| m.header("Carewire-Message-Id").as_deref() == Some(id))
            .collect()
    }

    /// DLQ messages of the inbound request with stream sequence `seq`.
    pub fn dlq_for_seq(&self, seq: u64) -> Vec<&Stored> {
        self.dlq
            .iter()
            .filter(|m| m.header("Carewire-Inbound-Sequence") == Some(seq.to_string()))
            .collect()
    }

    /// Audit records of the inbound request with stream sequence `seq`.
    pub fn audits_for_seq(&self, seq: u64) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["inbound_sequence"].as_u64() == Some(seq))
            .map(Stored::json)
            .collect()
    }

    /// Per message id: how many audit records, outbound messages and DLQ
    /// messages name it.
    pub fn counts(&self) -> HashMap<String, Counts> {
        let mut counts: HashMap<String, Counts> = HashMap::new();
        for a in &self.audit {
            if a.parsed["schema"] != DECISION_AUDIT {
                continue;
            }
            if let Some(id) = a.parsed["id"].as_str() {
                counts.entry(id.to_string()).or_default().audit += 1;
            }
        }
        for m in &self.outbound {
            if let Some(id) = m.parsed["id"].as_str() {
                counts.entry(id.to_string()).or_default().outbound += 1;
            }
        }
        for m in &self.dlq {
            if let Some(id) = m.header("Carewire-Message-Id") {
                counts.entry(id).or_default().dlq += 1;
            }
        }
        counts
    }

    /// Whether every id in `ids` has an audit record and an output (outbound or DLQ).
    pub fn all_finished(&self, ids: &[String]) -> bool {
        let counts = self.counts();
        ids.iter().all(|id| {
            counts
                .get(id)
                .is_some_and(|c| c.audit > 0 && c.outbound + c.dlq > 0)
        })
    }

    pub fn summary(&self) -> String {
        let mut by_outcome: BTreeMap<String, usize> = BTreeMap::new();
        for a in self.audits() {
            *by_outcome
                .entry(a["outcome"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
        format!(
            "{} outbound, {} audit {:?}, {} dlq",
            self.outbound.len(),
            self.audit.len(),
            by_outcome,
            self.dlq.len()
        )
    }
}

/// How many records of each kind name one message id.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub audit: usize,
    pub outbound: usize,
    pub dlq: usize,
}

/// Reads carewire's output streams incrementally.
pub struct Collector {
    js: jetstream::Context,
    next: [u64; 4],
    pub out: Outputs,
}

const OUTPUT_STREAMS: [&str; 4] = [
    "CAREWIRE_OUTBOUND",
    "CAREWIRE_AUDIT",
    "CAREWIRE_DLQ",
    "CAREWIRE_DELIVERY",
];

impl Collector {
    pub fn new(js: &jetstream::Context) -> Self {
        Self {
            js: js.clone(),
            next: [1; 4],
            out: Outputs::default(),
        }
    }

    /// Fetches every message stored since the last refresh, and checks each
    /// record against its schema in docs/ ([`assert_valid_record`]).
    pub async fn refresh(&mut self) -> &Outputs {
        for (i, name) in OUTPUT_STREAMS.iter().enumerate() {
            let Ok(mut stream) = self.js.get_stream(*name).await else {
                continue; // not created yet
            };
            // A cluster answers 503 while it elects a stream's leader: a
            // read is tried again for a while before it fails the test.
            let started = Instant::now();
            let last = loop {
                match stream.info().await {
                    Ok(info) => break info.state.last_sequence,
                    Err(e) if started.elapsed() < ELECTION => {
                        eprintln!("{name}: stream info: {e}; trying again");
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    Err(e) => panic!("{name}: stream info: {e}"),
                }
            };
            while self.next[i] <= last {
                let seq = self.next[i];
                let started = Instant::now();
                let msg = loop {
                    match stream.get_raw_message(seq).await {
                        Ok(msg) => break msg,
                        Err(e) if started.elapsed() < ELECTION => {
                            eprintln!("{name} #{seq}: {e}; trying again");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                        Err(e) => panic!("{name} #{seq}: {e}"),
                    }
                };
                let stored = Stored::from_raw(seq, msg);
                assert_valid_record(name, &stored);
                match i {
                    0 => self.out.outbound.push(stored),
                    1 => self.out.audit.push(stored),
                    2 => self.out.dlq.push(stored),
                    _ => self.out.delivery.push(stored),
                }
                self.next[i] += 1;
            }
        }
        &self.out
    }

    /// Refreshes until `done` holds, failing after `limit` with `what` and a summary.
    pub async fn wait_for(
        &mut self,
        what: &str,
        limit: Duration,
        done: impl Fn(&Outputs) -> bool,
    ) -> &Outputs {
        let started = Instant::now();
        loop {
            self.refresh().await;
            if done(&self.out) {
                return &self.out;
            }
            if started.elapsed() > limit {
                panic!(
                    "timed out after {limit:?} waiting for {what}; stored so far: {}",
                    self.out.summary()
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until every id in `ids` has its audit record and output.
    pub async fn wait_finished(&mut self, ids: &[String]) -> &Outputs {
        let what = format!("{} messages to finish", ids.len());
        self.wait_for(&what, WAIT, |o| o.all_finished(ids)).await
    }

    /// Waits until the inbound consumer has acked everything in the inbound
    /// stream (nothing pending, nothing awaiting an ack), then reads the
    /// outputs once more: after this, every stored output is visible.
    pub async fn settle(&mut self) -> &Outputs {
        wait_consumer_idle(&self.js).await;
        self.refresh().await
    }
}

/// The inbound durable consumer's info.
pub async fn consumer_info(js: &jetstream::Context) -> jetstream::consumer::Info {
    let stream = js
        .get_stream("CAREWIRE_INBOUND")
        .await
        .expect("inbound stream");
    stream.consumer_info(CONSUMER).await.expect("consumer info")
}

/// Waits until the inbound consumer and the three delivery consumers have
/// delivered and acked everything (so nothing is deferred either).
pub async fn wait_consumer_idle(js: &jetstream::Context) -> jetstream::consumer::Info {
    let info = wait_inbound_idle(js).await;
    let started = Instant::now();
    let dispatch = js
        .get_stream("CAREWIRE_DISPATCH")
        .await
        .expect("dispatch stream");
    for channel in ["sms", "portal", "escalation"] {
        let name = format!("{CONSUMER}-deliver-{channel}");
        loop {
            let c = dispatch
                .consumer_info(&name)
                .await
                .expect("delivery consumer info");
            if c.num_pending == 0 && c.num_ack_pending == 0 {
                break;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "{name} not idle after {WAIT:?}: num_pending {}, num_ack_pending {}",
                    c.num_pending, c.num_ack_pending
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    info
}

/// Waits until the inbound consumer has delivered and acked every stored request.
pub async fn wait_inbound_idle(js: &jetstream::Context) -> jetstream::consumer::Info {
    let started = Instant::now();
    loop {
        let last = js
            .get_stream("CAREWIRE_INBOUND")
            .await
            .expect("inbound stream")
            .info()
            .await
            .expect("stream info")
            .state
            .last_sequence;
        let info = consumer_info(js).await;
        if info.num_pending == 0
            && info.num_ack_pending == 0
            && info.ack_floor.stream_sequence >= last
        {
            return info;
        }
        if started.elapsed() > WAIT {
            panic!(
                "inbound consumer not idle after {WAIT:?}: num_pending {}, num_ack_pending {}, ack floor {} of {last}",
                info.num_pending, info.num_ack_pending, info.ack_floor.stream_sequence
            );
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Every message stored in `stream` so far, in order (none when the stream
/// does not exist yet), each record checked against its schema in docs/
/// ([`assert_valid_record`]).
pub async fn stream_messages(js: &jetstream::Context, stream: &str) -> Vec<Stored> {
    let Ok(mut handle) = js.get_stream(stream).await else {
        return Vec::new();
    };
    let (first, last) = {
        let state = &handle.info().await.expect("stream info").state;
        (state.first_sequence.max(1), state.last_sequence)
    };
    let mut found = Vec::new();
    for seq in first..=last {
        let Ok(msg) = handle.get_raw_message(seq).await else {
            continue; // deleted
        };
        let stored = Stored::from_raw(seq, msg);
        assert_valid_record(stream, &stored);
        found.push(stored);
    }
    found
}

/// The delivery statuses after which a target is done with a message (a
/// provider's status callbacks may still follow an `accepted`).
pub const SETTLED: &[&str] = &["accepted", "delivered", "failed"];

impl Outputs {
    /// `id`'s delivery events on `channel`, from `provider` when one is
    /// named, whose status is one of `statuses`, in order.
    pub fn events_with(
        &self,
        id: &str,
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
    ) -> Vec<Value> {
        self.events_for(id)
            .into_iter()
            .filter(|e| e["channel"] == channel)
            .filter(|e| provider.is_none_or(|p| e["provider"] == p))
            .filter(|e| e["status"].as_str().is_some_and(|s| statuses.contains(&s)))
            .collect()
    }

    /// The ids of `ids` that have no such event (see [`Outputs::events_with`])
    /// or no decision audit record yet. The intake stores the audit record
    /// and the dispatch concurrently, so a delivery event can be stored
    /// before the audit record of its message.
    pub fn missing_events(
        &self,
        ids: &[String],
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
    ) -> Vec<String> {
        ids.iter()
            .filter(|id| {
                self.audits_for(id).is_empty()
                    || self.events_with(id, channel, provider, statuses).is_empty()
            })
            .cloned()
            .collect()
    }
}

impl Collector {
    /// Waits until each of `ids` has a delivery event on `channel` (from
    /// `provider` when one is named) with one of `statuses`; after `limit`,
    /// fails naming the ids still waiting and the events each one has.
    pub async fn wait_events(
        &mut self,
        ids: &[String],
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
        limit: Duration,
    ) -> &Outputs {
        let started = Instant::now();
        loop {
            self.refresh().await;
            let missing = self.out.missing_events(ids, channel, provider, statuses);
            if missing.is_empty() {
                return &self.out;
            }
            if started.elapsed() > limit {
                let mut seen = String::new();
                for id in missing.iter().take(20) {
                    let events: Vec<String> = self
                        .out
                        .events_for(id)
                        .iter()
                        .map(|e| {
                            format!(
                                "{}/{}:{}{}",
                                e["channel"].as_str().unwrap_or("?"),
                                e["provider"].as_str().unwrap_or("-"),
                                e["status"].as_str().unwrap_or("?"),
                                e["reason"]
                                    .as_str()
                                    .map(|r| format!("({r})"))
                                    .unwrap_or_default()
                            )
                        })
                        .collect();
                    let _ = write!(seen, "\n  {id}: {events:?}");
                }
                panic!(
                    "timed out after {limit:?} waiting for {} of {} message(s) to get a {channel} \
                     delivery event{} with status in {statuses:?}; {} delivery events stored; \
                     still waiting:{seen}",
                    missing.len(),
                    ids.len(),
                    provider.map(|p| format!(" from {p}")).unwrap_or_default(),
                    self.out.delivery.len(),
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
