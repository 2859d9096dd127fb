//! The first decision on a message stands. A request can be redelivered
//! (a crash before its ack, a lost ack, a failover), and running the plugins
//! again could then choose another channel (a KV read that timed out, a
//! consent changed in between) and send the message twice, on two channels.
//! So the decision and everything it publishes are written once, create-only,
//! to the KV bucket `<prefix>_decisions` before anything is published; a
//! redelivery publishes the stored outputs again (JetStream drops them as
//! duplicates) and never decides twice. Entries expire with the duplicate
//! window, after which a republished id is a new request anyway.
//!
//! A decision too large for one NATS message (the server's `max_payload`;
//! plugin verdicts are bounded, but bodies can grow in JSON) would never be
//! stored and its request would be retried forever: it is stored instead as
//! undeliverable (`decision_too_large`), which sends the request to the DLQ.

use async_nats::jetstream::kv::Store;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::channels::Dispatch;
use crate::nats::{KvError, KvFailure, hashed_key, put_at, read_key, retry_pause};
use crate::route::Outcome;

/// A message's decision and its outputs, as first stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirstDecision {
    pub outcome: Outcome,
    /// The audit record (`carewire.audit/1`), serialised once: stored in
    /// the decision and published as it is.
    pub audit: Box<RawValue>,
    /// What goes to the delivery stage, when a channel was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Dispatch>,
    /// Why no channel may take it, when none was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undeliverable: Option<String>,
}

/// Why a decision was replaced by an undeliverable one.
pub const TOO_LARGE: &str = "decision_too_large";

/// Room left in a NATS message for the KV subject and headers.
const ENVELOPE_BYTES: usize = 8 * 1024;

impl FirstDecision {
    /// This decision, undeliverable because it is too large to store: no
    /// dispatch (the bodies are what made it large), the audit record kept
    /// with its outcome changed.
    fn too_large(self) -> Result<Self, serde_json::Error> {
        let mut audit = self.audit_value()?;
        if let Some(record) = audit.as_object_mut() {
            record.insert("outcome".into(), Outcome::Undeliverable.as_str().into());
            record.remove("channel");
            record.insert("reason".into(), TOO_LARGE.into());
        }
        Ok(Self {
            outcome: Outcome::Undeliverable,
            audit: serde_json::value::to_raw_value(&audit)?,
            dispatch: None,
            undeliverable: Some(TOO_LARGE.into()),
        })
    }

    /// The audit record as a JSON value, for reading its fields.
    pub fn audit_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.audit.get())
    }
}

/// How many times a decision is offered before the one that stands is
/// taken to have vanished.
const SETTLE_ATTEMPTS: u32 = 8;

pub struct Decisions {
    store: Store,
    /// The largest stored decision, in bytes.
    max_bytes: usize,
}

impl Decisions {
    /// Decisions stored in `store`, on a server that takes messages of at
    /// most `max_payload` bytes.
    pub fn new(store: Store, max_payload: usize) -> Self {
        Self {
            store,
            max_bytes: max_payload.saturating_sub(ENVELOPE_BYTES),
        }
    }

    fn fail(&self, failure: KvFailure) -> KvError {
        KvError::new(&self.store.name, failure)
    }

    /// The decision already made on `id`, if any.
    pub async fn first(&self, id: &str) -> Result<Option<FirstDecision>, KvError> {
        match read_key(&self.store, &hashed_key(id)).await? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v)
                .map(Some)
                .map_err(|e| self.fail(KvFailure::Unreadable(e.classify()))),
        }
    }

    /// Stores `decision` unless another router stored one first; returns
    /// the decision that stands.
    pub async fn settle(
        &self,
        id: &str,
        decision: FirstDecision,
    ) -> Result<FirstDecision, KvError> {
        let mut decision = decision;
        let mut value = serde_json::to_vec(&decision)
            .map_err(|e| self.fail(KvFailure::Encode(e.classify())))?;
        if value.len() > self.max_bytes {
            tracing::warn!(%id, bytes = value.len(), "decision too large to store: undeliverable");
            decision = decision
                .too_large()
                .map_err(|e| self.fail(KvFailure::Encode(e.classify())))?;
            value = serde_json::to_vec(&decision)
                .map_err(|e| self.fail(KvFailure::Encode(e.classify())))?;
        }
        let key = hashed_key(id);
        let value = bytes::Bytes::from(value);
        // Another router's create of the same id may still be in flight
        // (a redelivery racing the first delivery): its decision is read
        // once it is stored.
        for attempt in 0..SETTLE_ATTEMPTS {
            if put_at(&self.store, &key, value.clone(), 0).await? {
                return Ok(decision);
            }
            if let Some(first) = self.first(id).await? {
                return Ok(first);
            }
            tokio::time::sleep(retry_pause(attempt)).await;
        }
        Err(self.fail(KvFailure::Vanished))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_too_large_becomes_undeliverable_with_its_audit() {
        let first = FirstDecision {
            outcome: Outcome::Sms,
            audit: serde_json::value::to_raw_value(
                &serde_json::json!({"id": "m", "outcome": "sms", "channel": "sms", "reasons": ["r"]}),
            )
            .expect("encode"),
            dispatch: None,
            undeliverable: None,
        };
        let replaced = first.too_large().expect("re-encode");
        assert_eq!(replaced.outcome, Outcome::Undeliverable);
        assert_eq!(replaced.undeliverable.as_deref(), Some(TOO_LARGE));
        assert_eq!(
            replaced.audit_value().expect("decode"),
            serde_json::json!({"id": "m", "outcome": "undeliverable", "reason": TOO_LARGE, "reasons": ["r"]})
        );
    }
}
