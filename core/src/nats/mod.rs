//! NATS protocol code shared by the stages: the connection, subject and
//! stream names, the JetStream setup, the KV reader.

mod connect;
mod consume;
mod errors;
mod kv;
mod kv_batch;
mod kv_update;
mod redelivery;
mod settle;
mod setup;
pub mod writes;

pub use connect::connect;
pub use consume::{Shutdown, consume, shutdown};
pub use errors::{KvError, KvFailure, StoreError};
pub use kv::NatsKv;
pub use kv_update::{Change, hashed_key, observe_write, put_at, read_key, retry_pause, update_key};
pub use redelivery::{DEAD_LETTER_DELIVERIES, Redelivery};
pub use settle::{ProcessingStatus, settle};
pub use setup::{Settings, SetupError, Topology, ensure_topology};

use async_nats::HeaderMap;
use async_nats::jetstream::{self, context::PublishError, publish::PublishAck};

use crate::common::buckets::{SMS_NUMBERS, bucket};
use crate::common::channel::Channel;

/// Publishes to a stream with `Nats-Msg-Id` set, and waits until JetStream
/// has stored it (or recognised it as a duplicate of something stored).
pub async fn publish_stored(
    js: &jetstream::Context,
    subject: String,
    msg_id: &str,
    mut headers: HeaderMap,
    payload: bytes::Bytes,
) -> Result<PublishAck, PublishError> {
    headers.insert(async_nats::header::NATS_MESSAGE_ID, msg_id);
    let stored = async {
        js.publish_with_headers(subject.clone(), headers, payload)
            .await?
            .await
    }
    .await;
    if let Err(e) = &stored {
        writes::gate().observe(&subject, e);
    }
    stored
}

/// Publishes `record` as JSON with the trace context in its headers, stored
/// once per `msg_id`. The error names what failed (`what`), without PHI.
pub async fn publish_json<T: serde::Serialize>(
    js: &jetstream::Context,
    subject: String,
    msg_id: &str,
    trace: &crate::telemetry::trace::TraceContext,
    what: &'static str,
    record: &T,
) -> Result<(), StoreError> {
    let payload = serde_json::to_vec(record).map_err(|e| StoreError::encode(what, &e))?;
    let mut headers = HeaderMap::new();
    trace.inject(&mut headers);
    publish_stored(js, subject, msg_id, headers, payload.into())
        .await
        .map(|_| ())
        .map_err(|source| StoreError::Publish { what, source })
}

/// Subject, stream and bucket names under one prefix (default `carewire`).
#[derive(Debug, Clone)]
pub struct Names {
    prefix: String,
}

impl Names {
    pub fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
        }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    fn upper(&self) -> String {
        self.prefix.to_uppercase().replace('-', "_")
    }

    pub fn inbound(&self, tenant: &str) -> String {
        format!("{}.inbound.{tenant}", self.prefix)
    }
    pub fn outbound(&self, channel: Channel) -> String {
        format!("{}.outbound.{channel}", self.prefix)
    }
    /// The delivery stage's queue for one channel (internal).
    pub fn dispatch(&self, channel: Channel) -> String {
        format!("{}.dispatch.{channel}", self.prefix)
    }
    /// Patients' SMS replies handed over by a gateway.
    pub fn sms_replies(&self) -> String {
        format!("{}.replies.sms", self.prefix)
    }
    /// carewire's answers to SMS replies (HELP...), for the gateway to send.
    pub fn sms_reply_answers(&self) -> String {
        format!("{}.replies.sms.answer", self.prefix)
    }
    pub fn delivery(&self, channel: Channel) -> String {
        format!("{}.delivery.{channel}", self.prefix)
    }
    pub fn audit(&self, tenant: &str) -> String {
        format!("{}.audit.{tenant}", self.prefix)
    }
    pub fn dlq(&self, reason: &str) -> String {
        format!("{}.dlq.{reason}", self.prefix)
    }
    /// All subjects of one kind, e.g. `carewire.inbound.>`.
    pub fn all(&self, kind: &str) -> String {
        format!("{}.{kind}.>", self.prefix)
    }
    /// The tenant token of an inbound subject, if it has one.
    pub fn tenant_of<'a>(&self, subject: &'a str) -> Option<&'a str> {
        subject
            .strip_prefix(self.prefix.as_str())
            .and_then(|s| s.strip_prefix(".inbound."))
            .filter(|t| !t.is_empty() && !t.contains('.'))
    }

    pub fn stream(&self, kind: &str) -> String {
        format!("{}_{}", self.upper(), kind.to_uppercase())
    }
    /// The stream that stores `subject`: one of carewire's, or a KV
    /// bucket's (`$KV.<bucket>.<key>` is in `KV_<bucket>`).
    pub fn stream_of(&self, subject: &str) -> Option<String> {
        if let Some(rest) = subject.strip_prefix("$KV.") {
            let bucket = rest.split('.').next().filter(|b| !b.is_empty())?;
            return Some(format!("KV_{bucket}"));
        }
        let kind = subject
            .strip_prefix(self.prefix.as_str())?
            .strip_prefix('.')?
            .split('.')
            .next()?;
        setup::STREAMS
            .iter()
            .any(|(k, _)| *k == kind)
            .then(|| self.stream(kind))
    }
    pub fn consent_bucket(&self) -> String {
        bucket(&self.prefix, "consent")
    }
    pub fn sms_log_bucket(&self) -> String {
        bucket(&self.prefix, "sms_log")
    }
    pub fn decisions_bucket(&self) -> String {
        bucket(&self.prefix, "decisions")
    }
    pub fn deliveries_bucket(&self) -> String {
        bucket(&self.prefix, "deliveries")
    }
    pub fn sms_numbers_bucket(&self) -> String {
        bucket(&self.prefix, SMS_NUMBERS)
    }
    pub fn contacts_bucket(&self) -> String {
        bucket(&self.prefix, "contacts")
    }
    /// The provider message ids of the SMS replies applied.
    pub fn reply_ids_bucket(&self) -> String {
        bucket(&self.prefix, "reply_ids")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_match_the_design() {
        let n = Names::new("carewire");
        assert_eq!(n.inbound("acme"), "carewire.inbound.acme");
        assert_eq!(n.outbound(Channel::Sms), "carewire.outbound.sms");
        assert_eq!(n.stream("inbound"), "CAREWIRE_INBOUND");
        assert_eq!(n.consent_bucket(), "carewire_consent");
        assert_eq!(n.tenant_of("carewire.inbound.acme"), Some("acme"));
        assert_eq!(n.tenant_of("carewire.inbound.a.b"), None);
        assert_eq!(n.tenant_of("other.inbound.acme"), None);
        assert_eq!(
            n.stream_of("carewire.audit.acme").as_deref(),
            Some("CAREWIRE_AUDIT")
        );
        assert_eq!(
            n.stream_of("$KV.carewire_decisions.abc").as_deref(),
            Some("KV_carewire_decisions")
        );
        assert_eq!(n.stream_of("carewire.nothing.x"), None);
        assert_eq!(n.stream_of("other.audit.acme"), None);
    }
}
