//! The delivery stage: takes routed messages from `<prefix>.dispatch.<channel>`
//! (one durable consumer per channel, so an SMS held for quiet hours never
//! delays an escalation) and hands each to its channel's targets: NATS for
//! a downstream gateway, or a provider over HTTP.
//!
//! Per message: an SMS first passes the [`sms_gate`] (opt-out, final
//! length, quiet hours); then each target is sent to once, as recorded in
//! the [`ledger`]; a retryable failure is retried with backoff by
//! JetStream's delayed redelivery; a permanent one goes to the DLQ with the
//! provider's status and a delivery audit record. Every step is a
//! [`events::DeliveryEvent`] on `<prefix>.delivery.<channel>`.
//!
//! Every redelivery counts against `delivery.max_deliver`, deferrals and
//! waits included; a message still not done at its last delivery goes to
//! `<prefix>.dlq.max_deliveries` with a delivery audit record and a
//! `failed` event. A deferral longer than the dispatch stream keeps its
//! messages (`nats.streams.dispatch.max_age_days`) is not attempted: the
//! message is cancelled (`not_before_beyond_retention`).

mod error;
pub mod events;
pub mod ledger;
pub mod quiet_hours;
pub mod sms_gate;
mod targets;

pub use error::DeliveryError;
pub use targets::{Attempt, RetryPolicy, TargetRuntime};

use std::sync::Arc;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Message, consumer::PullConsumer};
use rand::Rng as _;

use crate::audit::DeliveryAudit;
use crate::audit::dlq::{
    ATTEMPTS_HEADER, CHANNEL_HEADER, DlqKind, MESSAGE_ID_HEADER, PROVIDER_CODE_HEADER,
    PROVIDER_STATUS_HEADER, TARGET_HEADER,
};
use crate::channels::{Channel, Dispatch};
use crate::common::clock::now_ms;
use crate::common::kv::KvRead;
use crate::nats::{
    Names, ProcessingStatus, Redelivery, Shutdown, StoreError, consume, publish_json, settle,
};
use crate::telemetry::metrics;
use crate::telemetry::trace::TraceContext;
use events::{DeliveryEvent, DeliveryStatus};
use ledger::Ledger;
use opentelemetry::KeyValue;
use sms_gate::{Gate, SmsGate};

/// A target that gave up on a message.
#[derive(Debug, Clone)]
pub struct GaveUp {
    pub target: &'static str,
    /// `failed` or `unknown`.
    pub result: &'static str,
    pub reason: String,
    pub http_status: Option<u16>,
    pub provider_code: Option<String>,
    pub attempts: u32,
}

/// What became of a message the intake tried to deliver itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direct {
    /// Done: sent, or cancelled to its fallback or the DLQ.
    Delivered,
    /// Not done here: its dispatch message goes to this stage.
    HandOver,
}

/// One channel's delivery loop.
pub struct Deliverer {
    pub channel: Channel,
    pub js: jetstream::Context,
    pub names: Names,
    pub consumer: PullConsumer,
    pub targets: Vec<TargetRuntime>,
    pub ledger: Arc<Ledger>,
    /// Only for the SMS channel; also records a carrier-level opt-out.
    pub sms_gate: Option<SmsGate>,
    pub retry: RetryPolicy,
    /// When a failed delivery is tried again, and when it is given up on.
    pub redelivery: Redelivery,
    /// How long the dispatch stream keeps a message (zero: no limit): no
    /// deferral may outlast it.
    pub dispatch_max_age: Duration,
    pub max_in_flight: usize,
}

/// A deferral must end this long before the dispatch stream would delete
/// the message.
const RETENTION_MARGIN: Duration = Duration::from_secs(24 * 3600);

/// Why, and until when, a routed message waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// The requester's send-not-before time, kept as asked.
    NotBefore(i64),
    /// Quiet hours: released when the window opens, spread over the SMS
    /// gate's release jitter so a night's backlog does not reach the
    /// provider at once.
    QuietHours(i64),
}

impl Wait {
    fn until_ms(self) -> i64 {
        match self {
            Wait::NotBefore(at) | Wait::QuietHours(at) => at,
        }
    }

    /// The reason code in the `deferred` event.
    fn reason(self) -> &'static str {
        match self {
            Wait::NotBefore(_) => "not_before",
            Wait::QuietHours(_) => "quiet_hours",
        }
    }

    /// How long JetStream holds the message: until `until_ms`, plus up to
    /// `release_jitter` for a quiet-hours release. Never before that time:
    /// the gate checks again then.
    fn delay(self, release_jitter: Duration, now: i64) -> Duration {
        let wait = Duration::from_millis(u64::try_from(self.until_ms() - now).unwrap_or(0));
        match self {
            Wait::NotBefore(_) => wait,
            Wait::QuietHours(_) => {
                let jitter = u64::try_from(release_jitter.as_millis()).unwrap_or(u64::MAX);
                wait + Duration::from_millis(rand::rng().random_range(0..=jitter))
            }
        }
    }
}

impl Deliverer {
    pub async fn run(self: Arc<Self>, shutdown: Shutdown) {
        let batch = self.max_in_flight.min(128);
        consume(
            "delivery",
            &self.consumer,
            batch,
            self.max_in_flight,
            shutdown,
            |msg| self.handle(msg),
        )
        .await;
    }

    async fn handle(&self, msg: Message) {
        let delivered = msg.info().map_or(1, |i| i.delivered);
        // Its last delivery did not finish, and storing its dead letter failed.
        let beyond = self.redelivery.is_beyond(delivered);
        let result = if beyond {
            Err(DeliveryError::DeadLetterNotStored)
        } else {
            self.process(&msg).await
        };
        let (delay, unfinished) = match result {
            Ok(done @ (ProcessingStatus::Ack | ProcessingStatus::Term)) => {
                return settle("delivery", &msg, done).await;
            }
            Ok(ProcessingStatus::Nak(delay)) => (delay, "waiting"),
            Err(e) => {
                if !beyond {
                    tracing::warn!(channel = %self.channel, error = %e, "delivery step failed; will retry");
                }
                (self.redelivery.delay(delivered), e.code())
            }
        };
        let status = self
            .redelivery
            .unfinished(delivered, delay, || {
                self.dead_letter_exhausted(&msg, unfinished)
            })
            .await;
        settle("delivery", &msg, status).await;
    }

    /// A routed message not done at its last delivery: to
    /// `<prefix>.dlq.max_deliveries`, with a delivery audit record (`failed`,
    /// `max_deliveries`) and a `failed` event.
    async fn dead_letter_exhausted(
        &self,
        msg: &Message,
        unfinished: &str,
    ) -> Result<(), StoreError> {
        let trace = TraceContext::of_message(msg, &self.consumer.cached_info().name);
        let reason = DlqKind::MaxDeliveries.as_str();
        trace.set_error(reason);
        let dispatch: Option<Dispatch> = serde_json::from_slice(&msg.payload).ok();
        let id = dispatch.as_ref().map(|d| d.message.id.clone());
        let sequence = msg.info().map(|i| i.stream_sequence).unwrap_or_default();
        let dedupe_id = format!(
            "{}:{}:dlq",
            dispatch
                .as_ref()
                .map_or_else(|| format!("dispatch-{sequence}"), |d| d.message.key()),
            self.channel
        );
        crate::audit::dlq::store_exhausted(
            &self.js,
            &self.names,
            msg,
            id.as_deref(),
            Some(unfinished),
            &dedupe_id,
            &trace,
        )
        .await?;
        metrics::get().dead_letter(reason);
        if let Some(dispatch) = &dispatch {
            let m = &dispatch.message;
            let record = DeliveryAudit::new(m, "failed", reason, &trace.trace_id(), now_ms());
            self.audit(&record, &trace).await?;
            let mut event = self.event(dispatch, DeliveryStatus::Failed);
            event.reason = Some(reason.into());
            self.publish_event(&event, &trace).await?;
        }
        tracing::error!(id = ?id, channel = %self.channel, last = unfinished, "routed message not delivered by its last delivery; stored in the DLQ (max_deliveries)");
        Ok(())
    }

    async fn process(&self, msg: &Message) -> Result<ProcessingStatus, DeliveryError> {
        let trace = TraceContext::of_message(msg, &self.consumer.cached_info().name);
        let dispatch: Dispatch = match serde_json::from_slice(&msg.payload) {
            Ok(d) => d,
            Err(_) => {
                tracing::error!(channel = %self.channel, "unreadable dispatch message to DLQ");
                let sequence = msg.info().map(|i| i.stream_sequence).unwrap_or_default();
                self.publish_dlq(
                    HeaderMap::new(),
                    &format!("dispatch-{sequence}"),
                    "dispatch_unreadable",
                    msg.payload.clone(),
                    &trace,
                )
                .await?;
                return Ok(ProcessingStatus::Ack);
            }
        };
        let id = dispatch.message.id.as_str();
        trace.set_attribute(KeyValue::new("messaging.message.id", id.to_string()));

        let now = now_ms();
        let gate = self.gate(&dispatch, now, &[]).await?;
        if let Gate::Cancel(reason) = gate {
            self.cancel(&dispatch, reason, &trace).await?;
            return Ok(ProcessingStatus::Ack);
        }
        if let Some(wait) = self.defer_until(&dispatch, gate, now) {
            if self.outlasts_retention(msg, wait.until_ms()) {
                self.cancel(&dispatch, "not_before_beyond_retention", &trace)
                    .await?;
                return Ok(ProcessingStatus::Ack);
            }
            return Ok(self.defer(&dispatch, wait, &trace).await?);
        }
        self.send(&dispatch, &trace).await
    }

    /// Whether every target of this channel is NATS: the intake may then
    /// deliver a routed message itself ([`Deliverer::deliver_now`]), with no
    /// trip through the dispatch stream.
    pub fn is_direct(&self) -> bool {
        !self.targets.is_empty()
            && self
                .targets
                .iter()
                .all(|t| matches!(t, TargetRuntime::Nats(_)))
    }

    /// Delivers a message the intake just routed, when nothing makes it
    /// wait: the same gate and targets as [`Deliverer::process`], the same
    /// outputs under the same `Nats-Msg-Id`s. Anything that would wait (a
    /// send-not-before time, quiet hours, a target to retry) or a step that
    /// failed is handed over: the intake then publishes the dispatch message
    /// and this stage takes it from there, as for an HTTP target.
    /// `reads` are the KV records the message's chain read (the SMS gate
    /// uses the recipient's number record from them when it is there).
    pub async fn deliver_now(
        &self,
        dispatch: &Dispatch,
        reads: &[KvRead],
        trace: &TraceContext,
    ) -> Direct {
        match self.try_now(dispatch, reads, trace).await {
            Ok(direct) => direct,
            Err(e) => {
                tracing::warn!(channel = %self.channel, error = %e, "direct delivery step failed; handed to the delivery stage");
                Direct::HandOver
            }
        }
    }

    async fn try_now(
        &self,
        dispatch: &Dispatch,
        reads: &[KvRead],
        trace: &TraceContext,
    ) -> Result<Direct, DeliveryError> {
        let now = now_ms();
        let gate = self.gate(dispatch, now, reads).await?;
        if let Gate::Cancel(reason) = gate {
            self.cancel(dispatch, reason, trace).await?;
            return Ok(Direct::Delivered);
        }
        if self.defer_until(dispatch, gate, now).is_some() {
            return Ok(Direct::HandOver);
        }
        Ok(match self.send(dispatch, trace).await? {
            ProcessingStatus::Ack | ProcessingStatus::Term => Direct::Delivered,
            ProcessingStatus::Nak(_) => Direct::HandOver,
        })
    }

    /// The SMS gate's answer (always `Go` on the other channels).
    async fn gate(
        &self,
        dispatch: &Dispatch,
        now: i64,
        reads: &[KvRead],
    ) -> Result<Gate, DeliveryError> {
        Ok(match &self.sms_gate {
            Some(gate) => gate.check(dispatch, now, reads).await?,
            None => Gate::Go,
        })
    }

    /// Until when, and why, the message must wait: the requester's
    /// send-not-before time (an escalation never waits), or quiet hours.
    fn defer_until(&self, dispatch: &Dispatch, gate: Gate, now: i64) -> Option<Wait> {
        let quiet = match gate {
            Gate::Defer { until_ms } => Some(Wait::QuietHours(until_ms)),
            _ => None,
        };
        dispatch
            .not_before_ms
            .filter(|&at| at > now && self.channel != Channel::Escalation)
            .map(Wait::NotBefore)
            .or(quiet)
    }

    /// Hands the message to each target once; a target that gave up sends
    /// it to the DLQ. `Nak` when a target asks to be tried again later.
    async fn send(
        &self,
        dispatch: &Dispatch,
        trace: &TraceContext,
    ) -> Result<ProcessingStatus, DeliveryError> {
        let mut later: Option<Duration> = None;
        let mut gave_up = Vec::new();
        for target in &self.targets {
            let attempt = target
                .deliver(dispatch, &self.ledger, &self.retry, trace)
                .await?;
            match attempt {
                Attempt::Done(event) => {
                    if let Some(event) = event {
                        self.publish_event(&event, trace).await?;
                    }
                }
                Attempt::Later(delay) => later = Some(later.map_or(delay, |l| l.min(delay))),
                Attempt::GaveUp(g) => gave_up.push(g),
                Attempt::CarrierOptOut => {
                    // The carrier says the number replied STOP: record it as
                    // carewire's own opt-out, and the portal takes over.
                    if let Some(gate) = &self.sms_gate
                        && let Some(e164) = gate.recipient_e164(&dispatch.message)
                    {
                        gate.numbers
                            .set_opted_out(&e164, true, "carrier_opt_out", now_ms())
                            .await?;
                    }
                    self.cancel(dispatch, "sms_opted_out", trace).await?;
                    return Ok(ProcessingStatus::Ack);
                }
            }
        }
        for g in &gave_up {
            self.give_up(dispatch, g, trace).await?;
        }
        Ok(match later {
            Some(delay) => ProcessingStatus::Nak(delay),
            None => ProcessingStatus::Ack,
        })
    }

    /// Holds the message until `until_ms` (JetStream's delayed redelivery),
    /// with a `deferred` event; it is checked again then.
    async fn defer(
        &self,
        dispatch: &Dispatch,
        wait: Wait,
        trace: &TraceContext,
    ) -> Result<ProcessingStatus, StoreError> {
        let (until_ms, reason) = (wait.until_ms(), wait.reason());
        let mut event = self.event(dispatch, DeliveryStatus::Deferred);
        event.until_ms = Some(until_ms);
        event.reason = Some(reason.into());
        trace.set_attribute(KeyValue::new(
            "carewire.delivery.deferred_until_ms",
            until_ms,
        ));
        self.publish_event(&event, trace).await?;
        tracing::debug!(id = %dispatch.message.id, until_ms, reason, "delivery deferred");
        let jitter = self
            .sms_gate
            .as_ref()
            .map_or(Duration::ZERO, |gate| gate.release_jitter);
        Ok(ProcessingStatus::Nak(wait.delay(jitter, now_ms())))
    }

    /// Whether waiting until `until_ms` would outlast the dispatch stream's
    /// max age for this message (less a day's margin).
    fn outlasts_retention(&self, msg: &Message, until_ms: i64) -> bool {
        let Ok(info) = msg.info() else {
            return false;
        };
        if self.dispatch_max_age.is_zero() {
            return false;
        }
        let stored_ms =
            i64::try_from(info.published.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX);
        let keep_ms = i64::try_from(
            self.dispatch_max_age
                .saturating_sub(RETENTION_MARGIN)
                .as_millis(),
        )
        .unwrap_or(i64::MAX);
        until_ms > stored_ms.saturating_add(keep_ms)
    }

    fn event(&self, dispatch: &Dispatch, status: DeliveryStatus) -> DeliveryEvent {
        let m = &dispatch.message;
        DeliveryEvent::new(&m.id, &m.tenant, self.channel, status, now_ms())
    }

    async fn publish_event(
        &self,
        event: &DeliveryEvent,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        publish_event(&self.js, &self.names, event, trace).await
    }

    /// The SMS cannot go after all: hand the message to its fallback
    /// channel, or to the DLQ when it has none.
    async fn cancel(
        &self,
        dispatch: &Dispatch,
        reason: &'static str,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        let m = &dispatch.message;
        let fallback = dispatch.to_fallback();
        let rerouted_to = fallback.as_ref().map(|f| f.message.channel);
        match &fallback {
            Some(next) => {
                publish_json(
                    &self.js,
                    self.names.dispatch(next.message.channel),
                    &format!("{}:{}", m.key(), next.message.channel),
                    trace,
                    "fallback dispatch",
                    next,
                )
                .await?
            }
            None => {
                self.dead_letter(dispatch, &m.key(), reason, None, trace)
                    .await?
            }
        }
        let result = if rerouted_to.is_some() {
            "rerouted"
        } else {
            "cancelled"
        };
        let mut record = DeliveryAudit::new(m, result, reason, &trace.trace_id(), now_ms());
        record.rerouted_to = rerouted_to;
        self.audit(&record, trace).await?;
        tracing::info!(id = %m.id, reason, rerouted_to = ?rerouted_to, "SMS cancelled at delivery");
        let mut event = self.event(dispatch, DeliveryStatus::Cancelled);
        event.reason = Some(reason.into());
        event.rerouted_to = rerouted_to;
        self.publish_event(&event, trace).await
    }

    /// A target gave up: DLQ, a delivery audit record, and a `failed` event.
    async fn give_up(
        &self,
        dispatch: &Dispatch,
        g: &GaveUp,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        let m = &dispatch.message;
        trace.set_error(&g.reason);
        metrics::get().delivery_failure(self.channel.as_str(), g.target, g.result);
        metrics::get().dead_letter("delivery_failed");
        let dedupe_id = format!("{}:{}", m.key(), g.target);
        self.dead_letter(dispatch, &dedupe_id, &g.reason, Some(g), trace)
            .await?;
        let mut record = DeliveryAudit::new(m, g.result, &g.reason, &trace.trace_id(), now_ms());
        record.target = Some(g.target);
        record.http_status = g.http_status;
        record.provider_code = g.provider_code.clone();
        record.attempts = Some(g.attempts);
        self.audit(&record, trace).await?;
        tracing::warn!(id = %m.id, channel = %self.channel, target = g.target, reason = %g.reason, http_status = ?g.http_status, "delivery failed; to the DLQ");
        let mut event = self
            .event(dispatch, DeliveryStatus::Failed)
            .provider(g.target);
        event.reason = Some(g.reason.clone());
        event.http_status = g.http_status;
        event.error_code = g.provider_code.clone();
        event.attempts = Some(g.attempts);
        self.publish_event(&event, trace).await
    }

    /// Stores the dispatch message on `<prefix>.dlq.delivery_failed` with the
    /// reason and, when a target gave up, the provider's status in headers.
    async fn dead_letter(
        &self,
        dispatch: &Dispatch,
        dedupe_id: &str,
        reason: &str,
        gave_up: Option<&GaveUp>,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        let payload =
            serde_json::to_vec(dispatch).map_err(|e| StoreError::encode("dispatch", &e))?;
        let mut headers = HeaderMap::new();
        headers.insert(MESSAGE_ID_HEADER, dispatch.message.id.as_str());
        if let Some(g) = gave_up {
            headers.insert(TARGET_HEADER, g.target);
            headers.insert(ATTEMPTS_HEADER, g.attempts.to_string().as_str());
            if let Some(status) = g.http_status {
                headers.insert(PROVIDER_STATUS_HEADER, status.to_string().as_str());
            }
            if let Some(code) = &g.provider_code {
                headers.insert(PROVIDER_CODE_HEADER, code.as_str());
            }
        }
        self.publish_dlq(headers, dedupe_id, reason, payload.into(), trace)
            .await
    }

    async fn publish_dlq(
        &self,
        mut headers: HeaderMap,
        dedupe_id: &str,
        reason: &str,
        payload: bytes::Bytes,
        trace: &TraceContext,
    ) -> Result<(), StoreError> {
        headers.insert(CHANNEL_HEADER, self.channel.as_str());
        crate::audit::dlq::store(
            &self.js,
            &self.names,
            DlqKind::DeliveryFailed,
            reason,
            headers,
            &format!("{dedupe_id}:{}:dlq", self.channel),
            payload,
            trace,
        )
        .await
    }

    async fn audit(&self, record: &DeliveryAudit, trace: &TraceContext) -> Result<(), StoreError> {
        let dedupe = format!(
            "{}:audit:delivery:{}:{}",
            crate::common::scope::scoped(&record.tenant, &record.id),
            record.channel,
            record.target.unwrap_or("-")
        );
        publish_json(
            &self.js,
            self.names.audit(&record.tenant),
            &dedupe,
            trace,
            "audit",
            record,
        )
        .await
    }
}

/// Stores a delivery event on `<prefix>.delivery.<channel>`, once.
pub async fn publish_event(
    js: &jetstream::Context,
    names: &Names,
    event: &DeliveryEvent,
    trace: &TraceContext,
) -> Result<(), StoreError> {
    let subject = names.delivery(event.channel);
    publish_json(
        js,
        subject,
        &event.dedupe_id(),
        trace,
        "delivery event",
        event,
    )
    .await?;
    metrics::get().delivery(
        event.channel.as_str(),
        event.provider.as_deref().unwrap_or("-"),
        event.status.as_str(),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_quiet_hours_release_is_spread_over_the_jitter() {
        let (now, jitter) = (1_000_000, Duration::from_secs(30));
        let asked = Duration::from_millis(1_500);
        for _ in 0..100 {
            assert_eq!(Wait::NotBefore(now + 1_500).delay(jitter, now), asked);
            let quiet = Wait::QuietHours(now + 1_500).delay(jitter, now);
            assert!(quiet >= asked && quiet <= asked + jitter, "{quiet:?}");
        }
        assert_eq!(
            Wait::QuietHours(now + 1_500).delay(Duration::ZERO, now),
            asked
        );
        // A time already past is no wait at all.
        assert_eq!(Wait::NotBefore(now - 5).delay(jitter, now), Duration::ZERO);
    }
}
