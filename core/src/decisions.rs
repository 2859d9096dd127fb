//! The first decision on a message stands. A request can be redelivered
//! (a crash before its ack, a lost ack, a failover), and running the plugins
//! again could then choose another channel (a KV read that timed out, a
//! consent changed in between) and send the message twice, on two channels.
//! So the decision and everything it publishes are written once, create-only,
//! to the KV bucket `<prefix>_decisions` before anything is published; a
//! redelivery publishes the stored outputs again (JetStream drops them as
//! duplicates) and never decides twice. Entries expire with the duplicate
//! window, after which a republished id is a new request anyway.

use async_nats::jetstream::kv::{CreateErrorKind, Store};
use serde::{Deserialize, Serialize};

use crate::channel::Dispatch;
use crate::nats::{KvUpdateError, hashed_key, read_key};
use crate::pipeline::Outcome;

/// A message's decision and its outputs, as first stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FirstDecision {
    pub outcome: Outcome,
    /// The audit record (`carewire.audit/1`).
    pub audit: serde_json::Value,
    /// What goes to the delivery stage, when a channel was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Dispatch>,
    /// Why no channel may take it, when none was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undeliverable: Option<String>,
}

pub struct Decisions {
    store: Store,
}

impl Decisions {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    fn fail(&self, what: &str, detail: impl std::fmt::Display) -> KvUpdateError {
        KvUpdateError {
            bucket: self.store.name.clone(),
            detail: format!("{what}: {detail}"),
        }
    }

    /// The decision already made on `id`, if any.
    pub async fn first(&self, id: &str) -> Result<Option<FirstDecision>, KvUpdateError> {
        match read_key(&self.store, &hashed_key(id)).await? {
            None => Ok(None),
            Some(v) => serde_json::from_slice(&v)
                .map(Some)
                .map_err(|e| self.fail("unreadable decision", e)),
        }
    }

    /// Stores `decision` unless another router stored one first; returns
    /// the decision that stands.
    pub async fn settle(
        &self,
        id: &str,
        decision: FirstDecision,
    ) -> Result<FirstDecision, KvUpdateError> {
        let value = serde_json::to_vec(&decision).map_err(|e| self.fail("encode", e))?;
        match self.store.create(hashed_key(id), value.into()).await {
            Ok(_) => Ok(decision),
            Err(e) if e.kind() == CreateErrorKind::AlreadyExists => self
                .first(id)
                .await?
                .ok_or_else(|| self.fail("read", "the decision vanished")),
            Err(e) => {
                crate::nats::observe_write(&self.store, &hashed_key(id), &e);
                Err(self.fail("create", e.kind()))
            }
        }
    }
}
