//! `carewire shadow --config CANDIDATE`: the candidate chain on live
//! traffic, with no side effects. It reads the inbound stream through a
//! durable consumer of its own, reads (never writes) the KV buckets its
//! plugins are granted, reads production's stored decision on each message
//! (`<prefix>_decisions`), and publishes a [`Difference`] where the
//! candidate decides otherwise, on a subject of its own
//! (`<prefix>.shadow.<tenant>` by default; core NATS: bind a stream to it
//! to keep the records). It creates no stream, publishes no dispatch,
//! outbound, audit or DLQ message, writes no KV record, and acks only its
//! own consumer's messages.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::{self, Message, consumer::pull};
use serde_json::Value;

use super::diff::{self, Difference};
use crate::common::scope::scoped;
use crate::config::Config;
use crate::dispatch::{Decisions, FirstDecision};
use crate::nats::{Names, NatsKv, ProcessingStatus, Shutdown, consume, settle};
use crate::route::{Outcome, Pipeline};
use crate::run::decision_line::ReplayLine;

/// Where the shadow reads and writes.
#[derive(Debug, Clone)]
pub struct ShadowOptions {
    /// Its durable consumer on the inbound stream.
    pub consumer: String,
    /// Its subject prefix: records go to `<subject>.<tenant>`.
    pub subject: String,
    /// Read the inbound stream from its first message (default: only what
    /// is published after the consumer is first created).
    pub from_start: bool,
}

/// How long production's decision is waited for, per try, and how many tries.
const DECISION_WAIT: Duration = Duration::from_millis(500);
const DECISION_TRIES: i64 = 20;

struct Shadow {
    pipeline: Pipeline,
    decisions: Decisions,
    client: async_nats::Client,
    names: Names,
    subject: String,
}

/// Runs until `shutdown` resolves.
pub async fn run(config: Config, options: ShadowOptions, shutdown: Shutdown) -> anyhow::Result<()> {
    let url =
        config.nats.url.clone().context(
            "carewire shadow reads production's traffic: set nats.url to its NATS server",
        )?;
    let client = crate::nats::connect(&config, &url).await?;
    let js = jetstream::new(client.clone());
    let names = Names::new(&config.nats.subject_prefix);
    let inbound = js.get_stream(names.stream("inbound")).await.context(
        "the inbound stream is missing: shadow runs beside a `carewire run` that set it up",
    )?;
    let consumer: jetstream::consumer::PullConsumer = inbound
        .get_or_create_consumer(
            &options.consumer,
            pull::Config {
                durable_name: Some(options.consumer.clone()),
                description: Some("carewire shadow: a candidate chain, no side effects".into()),
                filter_subject: names.all("inbound"),
                deliver_policy: if options.from_start {
                    jetstream::consumer::DeliverPolicy::All
                } else {
                    jetstream::consumer::DeliverPolicy::New
                },
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ack_wait: Duration::from_secs(config.intake.ack_wait_secs),
                max_deliver: DECISION_TRIES + 5,
                ..Default::default()
            },
        )
        .await
        .with_context(|| format!("cannot create the shadow consumer {}", options.consumer))?;
    let mut buckets = HashMap::new();
    for bucket in config.plugins.iter().flat_map(|p| &p.kv_buckets) {
        if !buckets.contains_key(bucket) {
            let store = js
                .get_key_value(bucket)
                .await
                .with_context(|| format!("cannot open the KV bucket {bucket}"))?;
            buckets.insert(bucket.clone(), store);
        }
    }
    let decisions = js
        .get_key_value(names.decisions_bucket())
        .await
        .context("cannot open production's decisions bucket")?;
    let decisions = Decisions::new(decisions, client.max_payload());
    let kv = Arc::new(NatsKv::new(&client, buckets));
    let pipeline_config = config.clone();
    let pipeline = tokio::task::spawn_blocking(move || Pipeline::start(&pipeline_config, kv))
        .await
        .context("the plugin loader crashed")??;
    tracing::info!(consumer = %options.consumer, subject = %options.subject, "shadowing");
    let shadow = Shadow {
        pipeline,
        decisions,
        client,
        names,
        subject: options.subject,
    };
    consume(
        "shadow",
        &consumer,
        config.intake.batch,
        config.intake.max_in_flight,
        shutdown,
        |msg| shadow.handle(msg),
    )
    .await;
    let _ = shadow.client.flush().await;
    tracing::info!("shadow stopped");
    Ok(())
}

impl Shadow {
    async fn handle(&self, msg: Message) {
        let delivered = msg.info().map_or(1, |i| i.delivered);
        let status = match self.compare(&msg, delivered).await {
            Ok(status) => status,
            Err(e) => {
                tracing::warn!(error = %e, "shadow comparison failed; will retry");
                ProcessingStatus::Nak(DECISION_WAIT)
            }
        };
        settle("shadow", &msg, status).await;
    }

    async fn compare(&self, msg: &Message, delivered: i64) -> anyhow::Result<ProcessingStatus> {
        let tenant = self.names.tenant_of(&msg.subject).unwrap_or("unknown");
        let now = crate::common::clock::now_ms();
        let handled = self.pipeline.handle(&msg.payload, tenant, now).await?;
        let candidate = ReplayLine::from_handled(handled);
        let Some(id) = candidate.id.clone() else {
            return Ok(ProcessingStatus::Ack);
        };
        let current = match self.decisions.first(&scoped(tenant, &id)).await? {
            Some(first) => current_line(&id, &first, &candidate),
            // Production stores a decision only on a message it found
            // valid: none (yet) on one the candidate finds invalid is
            // taken as agreement, not waited for.
            None if candidate.outcome == Outcome::Invalid => return Ok(ProcessingStatus::Ack),
            None if delivered < DECISION_TRIES => return Ok(ProcessingStatus::Nak(DECISION_WAIT)),
            None => not_decided(&id),
        };
        if let Some(mut difference) = diff::between(&current, &candidate) {
            difference.tenant = Some(tenant.to_string());
            self.publish(tenant, &difference).await?;
        }
        Ok(ProcessingStatus::Ack)
    }

    async fn publish(&self, tenant: &str, difference: &Difference) -> anyhow::Result<()> {
        let payload = serde_json::to_vec(difference)?;
        self.client
            .publish(format!("{}.{tenant}", self.subject), payload.into())
            .await
            .context("cannot publish the difference record")
    }
}

/// Production's decision as a replay line. Production stores the SMS body
/// only when it texted: otherwise the candidate's stands in, so that SMS
/// bodies are compared only where both chains texted.
fn current_line(id: &str, first: &FirstDecision, candidate: &ReplayLine) -> ReplayLine {
    // Production stored it; an unreadable record compares as empty.
    let audit = &first.audit_value().unwrap_or_default();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let labels: BTreeMap<String, String> = audit["labels"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
        .collect();
    let plugins: BTreeMap<String, String> = audit["plugins"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let name = p["name"].as_str()?.to_string();
            let verdict = match (p["verdict"].as_str(), p["failure"].as_str()) {
                (_, Some(failure)) => format!("failed:{failure}"),
                (Some(verdict), None) => verdict.to_string(),
                (None, None) => return None,
            };
            Some((name, verdict))
        })
        .collect();
    let mut bodies = candidate.bodies.clone();
    if let Some(dispatch) = first
        .dispatch
        .as_ref()
        .filter(|d| d.message.channel == crate::common::channel::Channel::Sms)
    {
        bodies.insert("sms", dispatch.message.body.clone());
    }
    ReplayLine {
        id: Some(id.to_string()),
        outcome: first.outcome,
        bodies,
        labels,
        reasons: strings(&audit["reasons"]),
        error: first.undeliverable.clone(),
        plugins,
    }
}

/// Production stored no decision while the shadow waited (or it expired).
fn not_decided(id: &str) -> ReplayLine {
    ReplayLine {
        id: Some(id.to_string()),
        outcome: Outcome::Undeliverable,
        bodies: BTreeMap::new(),
        labels: BTreeMap::new(),
        reasons: Vec::new(),
        error: Some("production_decision_not_found".into()),
        plugins: BTreeMap::new(),
    }
}
