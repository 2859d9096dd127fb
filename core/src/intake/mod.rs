//! JetStream intake: pulls requests from the durable consumer, runs each
//! through the pipeline, stores its outputs, then acks it. Several messages
//! are in flight at once; a message is acked only after its outputs and its
//! audit record are stored. A message routed to a channel whose targets are
//! all NATS is delivered here, on its first delivery, when nothing makes it
//! wait (the delivery stage's own gate and targets, [`Deliverer::deliver_now`]);
//! otherwise its dispatch (or DLQ) message is stored and the delivery stage
//! ([`crate::delivery`]) takes it from there. A request that could not be
//! handled is asked for again with a growing delay; when its last delivery
//! (`intake.max_deliver`) fails too, it goes to `<prefix>.dlq.max_deliveries`
//! with an audit record ([`crate::nats::Redelivery`]).

mod error;

pub use error::IntakeError;

use std::sync::Arc;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Message, consumer::PullConsumer};

use crate::audit::dlq::{DlqKind, MESSAGE_ID_HEADER, SEQUENCE_HEADER};
use crate::audit::{AuditRecord, PluginAudit};
use crate::channels::{
    Channel, DISPATCH_SCHEMA, Dispatch, Fallback, OUTBOUND_SCHEMA, OutboundMessage, Reservation,
    SmsLog,
};
use crate::common::clock::now_ms;
use crate::common::kv::KvRead;
use crate::common::scope::scoped;
use crate::delivery::{Deliverer, Direct};
use crate::dispatch::{Decisions, FirstDecision};
use crate::envelope::Envelope;
use crate::nats::{
    Names, ProcessingStatus, Redelivery, Shutdown, StoreError, consume, publish_json, settle,
};
use crate::route::Route;
use crate::route::{Decision, Outcome, Pipeline, PipelineSlot};
use crate::telemetry::metrics;
use crate::telemetry::trace::{Kind, TraceContext, messaging};
use opentelemetry::KeyValue;

/// How often a message is decided again when another SMS to its patient
/// took a slot in the SMS log meanwhile (each time, the chain sees one more
/// send); beyond it, the message is retried later.
const SMS_RESERVE_ATTEMPTS: u32 = 8;

/// Everything the intake loop needs.
pub struct Intake {
    pub js: jetstream::Context,
    pub consumer: PullConsumer,
    pub pipeline: Arc<PipelineSlot>,
    /// Where each message's first decision is kept (see [`crate::dispatch`]).
    pub decisions: Arc<Decisions>,
    /// Where SMS sends are counted for the consent plugin's TCPA limits.
    pub sms_log: Arc<SmsLog>,
    /// The delivery stage of each channel whose targets are all NATS: a
    /// message routed there on its first delivery is delivered by the
    /// intake itself, unless something makes it wait.
    pub direct: Vec<Arc<Deliverer>>,
    pub names: Names,
    /// When a failed request is tried again, and when it is given up on.
    pub redelivery: Redelivery,
    pub batch: usize,
    pub max_in_flight: usize,
}

impl Intake {
    /// Consumes until `shutdown` resolves, then finishes the messages in
    /// flight (unfinished ones are not acked and will be redelivered).
    pub async fn run(self, shutdown: Shutdown) {
        consume(
            "intake",
            &self.consumer,
            self.batch,
            self.max_in_flight,
            shutdown,
            |msg| self.handle(msg),
        )
        .await;
    }

    async fn handle(&self, msg: Message) {
        let delivered = msg.info().map_or(1, |i| i.delivered);
        let result = if self.redelivery.is_beyond(delivered) {
            Err(IntakeError::DeadLetterNotStored)
        } else {
            self.process(&msg).await
        };
        let status = match result {
            Ok(()) => ProcessingStatus::Ack,
            Err(e) => {
                self.redelivery
                    .unfinished(delivered, self.redelivery.delay(delivered), || {
                        self.dead_letter_exhausted(&msg, e.code())
                    })
                    .await
            }
        };
        settle("intake", &msg, status).await;
    }

    /// Stores a request whose every delivery failed in the DLQ
    /// (`max_deliveries`), with an audit record (outcome `undeliverable`,
    /// reason `max_deliveries`), under the same `Nats-Msg-Id`s as its
    /// regular DLQ message and decision record: whichever of those an
    /// earlier delivery did store stands.
    async fn dead_letter_exhausted(&self, msg: &Message, failure: &str) -> Result<(), StoreError> {
        let trace = TraceContext::of_message(msg, &self.consumer.cached_info().name);
        let sequence = msg.info().ok().map(|i| i.stream_sequence);
        let subject_tenant = self.names.tenant_of(&msg.subject).unwrap_or("unknown");
        let (id, tenant) = match self.pipeline.current().decode(&msg.payload, subject_tenant) {
            Ok(envelope) => (Some(envelope.id.clone()), envelope.tenant().to_string()),
            Err(invalid) => (invalid.id, subject_tenant.to_string()),
        };
        let dedupe_id = scoped(
            &tenant,
            &id.clone()
                .unwrap_or_else(|| format!("seq-{}", sequence.unwrap_or_default())),
        );
        let reason = DlqKind::MaxDeliveries.as_str();
        trace.set_attribute(KeyValue::new("carewire.outcome", "undeliverable"));
        trace.set_attribute(KeyValue::new("carewire.reason", reason));
        trace.set_error(reason);
        let mut record = AuditRecord::invalid(
            id.as_deref(),
            &tenant,
            reason.to_string(),
            &trace.trace_id(),
            now_ms(),
        );
        record.outcome = Outcome::Undeliverable;
        record.reasons = vec![reason.to_string(), format!("last_failure:{failure}")];
        record.inbound_sequence = sequence;
        let dlq_id = format!("{dedupe_id}:dlq");
        let dlq = crate::audit::dlq::store_exhausted(
            &self.js,
            &self.names,
            msg,
            id.as_deref(),
            Some(failure),
            &dlq_id,
            &trace,
        );
        let audit = self.audit(&tenant, &record, &dedupe_id, &trace);
        futures::try_join!(dlq, audit)?;
        metrics::get().dead_letter(reason);
        tracing::error!(id = ?id, sequence, last_failure = failure, "request failed on every delivery; stored in the DLQ (max_deliveries)");
        Ok(())
    }

    async fn process(&self, msg: &Message) -> Result<(), IntakeError> {
        let received_at = now_ms();
        let trace = TraceContext::of_message(msg, &self.consumer.cached_info().name);
        // Parsed once from the reply subject: sequence, delivery count, publish time.
        let info = msg.info().ok();
        let sequence = info.as_ref().map(|i| i.stream_sequence);
        let redelivered = info.as_ref().is_some_and(|i| i.delivered > 1);
        let tenant = self.names.tenant_of(&msg.subject).unwrap_or("unknown");

        // The pipeline of the moment: a reload swaps it between messages.
        let pipeline = self.pipeline.current();
        let mut outcome = Outcome::Invalid;
        // The subject's tenant is the one NATS let the producer publish to:
        // an envelope may not name another.
        let decoded = pipeline
            .decode(&msg.payload, tenant)
            .and_then(|envelope| crate::envelope::of_tenant(envelope, tenant));
        let stored = match decoded {
            Err(invalid) => {
                let reason = invalid.reason.code();
                trace.set_attribute(KeyValue::new("carewire.outcome", "invalid"));
                trace.set_attribute(KeyValue::new("carewire.reason", reason.clone()));
                tracing::info!(reason, sequence, "invalid request to DLQ");
                let dlq_id = scoped(
                    tenant,
                    &invalid
                        .id
                        .clone()
                        .unwrap_or_else(|| format!("seq-{}", sequence.unwrap_or_default())),
                );
                let mut record = AuditRecord::invalid(
                    invalid.id.as_deref(),
                    tenant,
                    reason.clone(),
                    &trace.trace_id(),
                    received_at,
                );
                record.inbound_sequence = sequence;
                let dlq = self.dead_letter(
                    DlqKind::Invalid,
                    &reason,
                    &dlq_id,
                    invalid.id.as_deref(),
                    sequence,
                    msg,
                    &trace,
                );
                let audit = self.audit(tenant, &record, &dlq_id, &trace);
                futures::try_join!(dlq, audit)
                    .map(|_| ())
                    .map_err(IntakeError::from)
            }
            Ok(envelope) => {
                let id = envelope.id.clone();
                let tenant = envelope.tenant().to_string();
                let (first, reads) = match self
                    .first_decision(
                        &pipeline,
                        envelope,
                        &trace,
                        sequence,
                        redelivered,
                        received_at,
                    )
                    .await
                {
                    Ok(decided) => decided,
                    Err(e) => {
                        tracing::warn!(%id, error = %e, "no decision stored; will retry");
                        trace.set_error(e.code());
                        return Err(e);
                    }
                };
                outcome = first.outcome;
                trace.set_attribute(KeyValue::new("messaging.message.id", id.clone()));
                trace.set_attribute(KeyValue::new("carewire.outcome", outcome.as_str()));
                if let Some(channel) = outcome.channel() {
                    trace.set_attribute(KeyValue::new("carewire.channel", channel.as_str()));
                }
                let outputs = Outputs {
                    first: &first,
                    reads: &reads,
                    sequence,
                    redelivered,
                };
                self.publish_outputs(&id, &tenant, &outputs, msg, &trace)
                    .await
            }
        };
        match stored {
            Ok(()) => {
                // From the request's publish on the inbound stream to now.
                let seconds = info.as_ref().map(|i| {
                    let published = i.published.unix_timestamp_nanos() / 1_000_000;
                    (i128::from(now_ms()) - published).max(0) as f64 / 1000.0
                });
                let m = metrics::get();
                m.message(
                    outcome.as_str(),
                    outcome.channel().map(Channel::as_str),
                    seconds,
                );
                match outcome {
                    Outcome::Invalid => m.dead_letter("invalid"),
                    Outcome::Undeliverable => m.dead_letter("undeliverable"),
                    _ => {}
                }
                Ok(())
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not store outputs; will retry");
                trace.set_error(e.code());
                Err(e)
            }
        }
    }

    /// The decision on this message: the one stored by an earlier delivery
    /// of it, or a new one, stored create-only before anything is published;
    /// with the KV records this delivery's chain read (none on a redelivery
    /// that found its decision).
    /// Only a redelivery looks for a stored decision first; on a first
    /// delivery the create-only store finds any other one (the same id
    /// published twice) without a read on every message.
    async fn first_decision(
        &self,
        pipeline: &Pipeline,
        envelope: Envelope,
        trace: &TraceContext,
        sequence: Option<u64>,
        redelivered: bool,
        received_at: i64,
    ) -> Result<(FirstDecision, Vec<KvRead>), IntakeError> {
        let id = envelope.id.clone();
        let key = scoped(envelope.tenant(), &id);
        if redelivered && let Some(first) = self.decisions.first(&key).await? {
            trace.set_attribute(KeyValue::new("carewire.redelivered", true));
            tracing::debug!(%id, "redelivered: the first decision stands");
            // Its SMS was recorded before the decision was stored; recording
            // again is a no-op (a decision stored by an older version was
            // recorded only after its dispatch).
            if let Some(d) = first
                .dispatch
                .as_ref()
                .filter(|d| d.message.channel == Channel::Sms)
            {
                let patient = scoped(envelope.tenant(), &d.message.patient_id);
                self.sms_log.record(&patient, &id, d.routed_at_ms).await?;
            }
            return Ok((first, Vec::new()));
        }
        let mut envelope = envelope;
        let mut attempt = 1;
        let decision = loop {
            let (decided, decision) = pipeline.decide(envelope, received_at).await?;
            envelope = decided;
            match self.reserve_sms(&envelope, &decision, received_at).await? {
                Reservation::Reserved => break decision,
                Reservation::Changed if attempt < SMS_RESERVE_ATTEMPTS => {
                    tokio::time::sleep(crate::nats::retry_pause(attempt - 1)).await;
                    attempt += 1;
                }
                Reservation::Changed => return Err(IntakeError::SmsLogContended),
            }
        };
        let mut record = AuditRecord::decided(
            &id,
            envelope.tenant(),
            envelope.category.as_str(),
            &decision,
            &trace.trace_id(),
            received_at,
        );
        record.inbound_sequence = sequence;
        trace_plugins(trace, &decision, &record.plugins);
        let (dispatch, undeliverable) = match &decision.routed.route {
            Route::Deliver(channel) => (
                Some(dispatch_of(&envelope, &decision, *channel, received_at)),
                None,
            ),
            Route::Undeliverable(code) => (None, Some(code.clone())),
        };
        tracing::debug!(%id, outcome = decision.outcome().as_str(), "decided");
        let first = FirstDecision {
            outcome: decision.outcome(),
            audit: serde_json::value::to_raw_value(&record)
                .map_err(|e| IntakeError::AuditEncode(e.classify()))?,
            dispatch,
            undeliverable,
        };
        let reads = decision
            .plugins
            .into_iter()
            .flat_map(|p| p.kv_reads)
            .collect();
        Ok((self.decisions.settle(&key, first).await?, reads))
    }

    /// When a decision sends an SMS, records it in the patient's SMS log,
    /// compare-and-set at the revision the chain read the log at (the
    /// consent plugin counts sends there for its TCPA limits): `Changed`
    /// when another SMS to the patient was recorded since, and the message
    /// must be decided again.
    /// A chain that did not read the log records it whatever is there.
    async fn reserve_sms(
        &self,
        envelope: &Envelope,
        decision: &Decision,
        at_ms: i64,
    ) -> Result<Reservation, IntakeError> {
        if decision.routed.route != Route::Deliver(Channel::Sms) {
            return Ok(Reservation::Reserved);
        }
        let patient = scoped(envelope.tenant(), &envelope.patient.id);
        let reads = decision.plugins.iter().flat_map(|p| &p.kv_reads);
        let read = KvRead::find(reads, self.sms_log.bucket(), &patient);
        Ok(match read {
            Some(read) => {
                let seen = (read.revision, read.value.as_deref());
                self.sms_log
                    .reserve(&patient, &envelope.id, at_ms, seen)
                    .await?
            }
            None => {
                self.sms_log.record(&patient, &envelope.id, at_ms).await?;
                Reservation::Reserved
            }
        })
    }

    /// Publishes a decision's outputs: the dispatch or the DLQ message, and
    /// the audit record. Repeating it is harmless. A routed message is
    /// delivered here when its channel's targets are all NATS and nothing
    /// makes it wait; a redelivered request always goes through the
    /// dispatch stream, as its earlier delivery may have sent it there.
    async fn publish_outputs(
        &self,
        id: &str,
        tenant: &str,
        outputs: &Outputs<'_>,
        msg: &Message,
        trace: &TraceContext,
    ) -> Result<(), IntakeError> {
        let Outputs {
            first,
            reads,
            sequence,
            redelivered,
        } = *outputs;
        // The message's id within its tenant: what every output is deduped by.
        let key = scoped(tenant, id);
        let out = async {
            if let Some(dispatch) = &first.dispatch
                && !self
                    .delivered_here(dispatch, reads, redelivered, trace)
                    .await
            {
                let channel = dispatch.message.channel;
                let subject = self.names.dispatch(channel);
                let publish = trace.child(
                    format!("publish {subject}"),
                    Kind::Producer,
                    messaging("publish", &subject),
                );
                publish_json(
                    &self.js,
                    subject,
                    &format!("{key}:{channel}"),
                    &publish,
                    "dispatch",
                    dispatch,
                )
                .await?;
            }
            if let Some(code) = &first.undeliverable {
                self.dead_letter(
                    DlqKind::Undeliverable,
                    code,
                    &key,
                    Some(id),
                    sequence,
                    msg,
                    trace,
                )
                .await?;
            }
            Ok::<(), IntakeError>(())
        };
        let audit = async { Ok(self.audit(tenant, &first.audit, &key, trace).await?) };
        futures::try_join!(out, audit).map(|_| ())
    }

    /// Whether the intake delivered `dispatch` itself (see [`Intake::direct`]).
    async fn delivered_here(
        &self,
        dispatch: &Dispatch,
        reads: &[KvRead],
        redelivered: bool,
        trace: &TraceContext,
    ) -> bool {
        if redelivered {
            return false;
        }
        let Some(deliverer) = self
            .direct
            .iter()
            .find(|d| d.channel == dispatch.message.channel)
        else {
            return false;
        };
        deliverer.deliver_now(dispatch, reads, trace).await == Direct::Delivered
    }

    #[allow(clippy::too_many_arguments)]
    async fn dead_letter(
        &self,
        kind: DlqKind,
        reason: &str,
        dedupe_id: &str,
        message_id: Option<&str>,
        sequence: Option<u64>,
        msg: &Message,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        let mut headers = HeaderMap::new();
        if let Some(id) = message_id {
            headers.insert(MESSAGE_ID_HEADER, id);
        }
        if let Some(seq) = sequence {
            headers.insert(SEQUENCE_HEADER, seq.to_string().as_str());
        }
        crate::audit::dlq::store(
            &self.js,
            &self.names,
            kind,
            reason,
            headers,
            &format!("{dedupe_id}:dlq"),
            msg.payload.clone(),
            trace,
        )
        .await
    }

    async fn audit(
        &self,
        tenant: &str,
        record: &impl serde::Serialize,
        dedupe_id: &str,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        publish_json(
            &self.js,
            self.names.audit(tenant),
            &format!("{dedupe_id}:audit"),
            trace,
            "audit",
            record,
        )
        .await
    }
}

/// A decision's outputs to publish, and what the intake knows of it.
#[derive(Clone, Copy)]
struct Outputs<'a> {
    first: &'a FirstDecision,
    /// The KV records this delivery's chain read.
    reads: &'a [KvRead],
    /// The request's sequence in the inbound stream.
    sequence: Option<u64>,
    redelivered: bool,
}

/// What the delivery stage gets for a message routed to `channel`.
fn dispatch_of(
    envelope: &Envelope,
    decision: &Decision,
    channel: Channel,
    routed_at_ms: i64,
) -> Dispatch {
    let routed = &decision.routed;
    Dispatch {
        schema: DISPATCH_SCHEMA.into(),
        message: OutboundMessage {
            schema: OUTBOUND_SCHEMA.into(),
            id: envelope.id.clone(),
            tenant: envelope.tenant().to_string(),
            channel,
            category: envelope.category.as_str().to_string(),
            patient_id: envelope.patient.id.clone(),
            recipient: envelope.recipient.clone(),
            body: routed.bodies.get(channel).to_string(),
            labels: routed.labels.clone(),
            reasons: routed.reasons.clone(),
        },
        fallback: routed.fallback.map(|c| Fallback {
            channel: c,
            body: routed.bodies.get(c).to_string(),
        }),
        priority: envelope.priority,
        based_on: envelope.fhir.as_ref().and_then(|f| f.request.clone()),
        subject: Some(envelope.patient_reference()),
        sender: envelope
            .sender
            .as_ref()
            .and_then(|s| s.display_name.clone()),
        sender_reference: envelope.sender.as_ref().and_then(|s| s.reference.clone()),
        not_before_ms: envelope.not_before_ms(),
        routed_at_ms,
    }
}

/// A child span of the message's span per plugin call (timed on the worker
/// thread), with the plugin metrics. `audited` are the same calls as audited.
fn trace_plugins(trace: &TraceContext, decision: &Decision, audited: &[PluginAudit]) {
    let mut at = decision.started;
    for (report, audit) in decision.plugins.iter().zip(audited) {
        let end = at + report.duration;
        let mut attributes = vec![
            KeyValue::new("carewire.plugin.name", report.name.clone()),
            KeyValue::new("carewire.plugin.sha256", report.digest.clone()),
            KeyValue::new("carewire.plugin.verdict", audit.verdict),
        ];
        if let Some(failure) = audit.failure {
            attributes.push(KeyValue::new("carewire.plugin.failure", failure));
        }
        trace.record_child(
            format!("plugin {}", report.name),
            attributes,
            at,
            end,
            audit.failure.map(str::to_string),
        );
        metrics::get().plugin(&report.name, report.duration.as_secs_f64(), audit.failure);
        at = end;
    }
}
