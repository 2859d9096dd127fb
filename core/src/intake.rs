//! JetStream intake: pulls requests from the durable consumer, runs each
//! through the pipeline, stores its outputs, then acks it. Several messages
//! are in flight at once; a message is acked only after its dispatch (or DLQ)
//! message and its audit record are stored. The delivery stage
//! ([`crate::delivery`]) takes it from there.

use std::sync::Arc;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, AckKind, Message, consumer::PullConsumer};

use crate::audit::AuditRecord;
use crate::channel::{
    Channel, DISPATCH_SCHEMA, Dispatch, Fallback, OUTBOUND_SCHEMA, OutboundMessage, SmsLog,
};
use crate::dlq::{DlqKind, MESSAGE_ID_HEADER, REASON_HEADER, SEQUENCE_HEADER};
use crate::envelope::Envelope;
use crate::nats::{Names, Shutdown, consume, publish_json, publish_stored};
use crate::pipeline::{Decision, Handled, PipelineSlot, now_ms};
use crate::router::Route;
use crate::trace::TraceContext;

/// How one message's handling ended; decides its ack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Processing {
    /// Outputs and audit stored: ack.
    Done,
    /// Something could not be stored: let JetStream redeliver (dedupe makes it safe).
    Retry,
}

/// Everything the intake loop needs.
pub struct Intake {
    pub js: jetstream::Context,
    pub consumer: PullConsumer,
    pub pipeline: Arc<PipelineSlot>,
    /// Where SMS sends are counted for the consent plugin's TCPA limits.
    pub sms_log: Arc<SmsLog>,
    pub names: Names,
    pub batch: usize,
    pub max_in_flight: usize,
}

const RETRY_DELAY: Duration = Duration::from_secs(1);

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
        let result = self.process(&msg).await;
        let ack = match result {
            Processing::Done => msg.ack().await,
            Processing::Retry => msg.ack_with(AckKind::Nak(Some(RETRY_DELAY))).await,
        };
        if let Err(e) = ack {
            tracing::warn!(error = %e, "ack failed; the message will be redelivered");
        }
    }

    async fn process(&self, msg: &Message) -> Processing {
        let received_at = now_ms();
        let trace = TraceContext::from_headers(msg.headers.as_ref());
        let sequence = msg.info().ok().map(|i| i.stream_sequence);
        let tenant = self.names.tenant_of(&msg.subject).unwrap_or("unknown");

        // The pipeline of the moment: a reload swaps it between messages.
        let pipeline = self.pipeline.current();
        let handled = match pipeline.handle(&msg.payload, tenant, received_at).await {
            Ok(h) => h,
            Err(e) => {
                tracing::error!(error = %e, "plugin workers unavailable");
                return Processing::Retry;
            }
        };
        let stored = match handled {
            Handled::Invalid(invalid) => {
                let reason = invalid.reason.code();
                tracing::info!(reason, sequence, "invalid request to DLQ");
                let dlq_id = invalid
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("seq-{}", sequence.unwrap_or_default()));
                let mut record = AuditRecord::invalid(
                    invalid.id.as_deref(),
                    tenant,
                    reason.clone(),
                    &trace.trace_id,
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
                let audit = self.audit(&record, &dlq_id, &trace);
                futures::try_join!(dlq, audit).map(|_| ())
            }
            Handled::Decided(envelope, decision) => {
                let mut record = AuditRecord::decided(
                    &envelope.id,
                    envelope.tenant(),
                    envelope.category.as_str(),
                    &decision,
                    &trace.trace_id,
                    received_at,
                );
                record.inbound_sequence = sequence;
                let out = async {
                    match &decision.routed.route {
                        Route::Deliver(channel) => {
                            let dispatch = dispatch_of(&envelope, &decision, *channel, received_at);
                            publish_json(
                                &self.js,
                                self.names.dispatch(*channel),
                                &format!("{}:{channel}", envelope.id),
                                &trace,
                                "dispatch",
                                &dispatch,
                            )
                            .await?;
                            if *channel == Channel::Sms {
                                self.sms_log
                                    .record(&envelope.patient.id, &envelope.id, received_at)
                                    .await
                                    .map_err(|e| e.to_string())?;
                            }
                            Ok(())
                        }
                        Route::Undeliverable(code) => {
                            self.dead_letter(
                                DlqKind::Undeliverable,
                                code,
                                &envelope.id,
                                Some(&envelope.id),
                                sequence,
                                msg,
                                &trace,
                            )
                            .await
                        }
                    }
                };
                let audit = self.audit(&record, &envelope.id, &trace);
                tracing::debug!(id = %envelope.id, outcome = decision.outcome().as_str(), "decided");
                futures::try_join!(out, audit).map(|_| ())
            }
        };
        match stored {
            Ok(()) => Processing::Done,
            Err(e) => {
                tracing::warn!(error = %e, "could not store outputs; will retry");
                Processing::Retry
            }
        }
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
    ) -> Result<(), String> {
        let mut headers = HeaderMap::new();
        headers.insert(REASON_HEADER, reason);
        if let Some(id) = message_id {
            headers.insert(MESSAGE_ID_HEADER, id);
        }
        if let Some(seq) = sequence {
            headers.insert(SEQUENCE_HEADER, seq.to_string().as_str());
        }
        trace.inject(&mut headers);
        let subject = self.names.dlq(kind.as_str());
        publish_stored(
            &self.js,
            subject,
            &format!("{dedupe_id}:dlq"),
            headers,
            msg.payload.clone(),
        )
        .await
        .map(|_| ())
        .map_err(|e| format!("dlq publish: {e}"))
    }

    async fn audit(
        &self,
        record: &AuditRecord,
        dedupe_id: &str,
        trace: &TraceContext,
    ) -> Result<(), String> {
        publish_json(
            &self.js,
            self.names.audit(&record.tenant),
            &format!("{dedupe_id}:audit"),
            trace,
            "audit",
            record,
        )
        .await
    }
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
        based_on: envelope
            .extra
            .get("fhir_request")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string),
        sender: envelope
            .sender
            .as_ref()
            .and_then(|s| s.display_name.clone()),
        routed_at_ms,
    }
}
