//! The delivery ledger: per (channel, target, message) what carewire has
//! done at the provider, in the KV bucket `<prefix>_deliveries`. It is what
//! makes "one provider send per message" hold across retries, redeliveries
//! and restarts: a send is claimed (`sending`) before the call and settled
//! after it; a claim found unsettled means the outcome is unknown.

use async_nats::jetstream::kv::Store;
use serde::{Deserialize, Serialize};

use crate::common::channel::Channel;
use crate::config::Target;
use crate::nats::{Change, KvError, hashed_key, read_key, update_key};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerState {
    /// Not sent yet, or a retryable failure: may be (re)tried.
    #[default]
    Pending,
    /// A provider call was started and has not been settled.
    Sending,
    /// The provider took it.
    Sent,
    /// Given up: the provider refused it, or the retry budget is spent.
    Failed,
    /// A call may have reached the provider, but no answer came; not repeated.
    Unknown,
}

impl LedgerState {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            LedgerState::Sent | LedgerState::Failed | LedgerState::Unknown
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub state: LedgerState,
    /// Provider calls made so far.
    pub attempts: u32,
    pub tenant: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The W3C `traceparent` of the delivery that made the call, so that the
    /// provider's later callbacks continue the message's trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traceparent: Option<String>,
    pub updated_ms: i64,
}

pub struct Ledger {
    store: Store,
}

impl Ledger {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// `<channel>.<target>.<first 32 hex digits of sha256(message id)>`.
    pub fn key(channel: Channel, target: Target, message_id: &str) -> String {
        format!("{channel}.{}.{}", target.as_str(), hashed_key(message_id))
    }

    pub async fn get(&self, key: &str) -> Result<Option<LedgerEntry>, KvError> {
        let value = read_key(&self.store, key).await?;
        // An unreadable entry counts as "sending": never a reason to send again.
        Ok(value.map(|v| {
            serde_json::from_slice(&v).unwrap_or(LedgerEntry {
                state: LedgerState::Sending,
                ..LedgerEntry::default()
            })
        }))
    }

    /// Moves the entry from `expected` to `next` atomically. Returns false
    /// when it is no longer `expected` (another router got there first).
    pub async fn transition(
        &self,
        key: &str,
        expected: Option<&LedgerEntry>,
        next: &LedgerEntry,
    ) -> Result<bool, KvError> {
        let mut matched = false;
        let encoded = serde_json::to_vec(next).unwrap_or_default();
        update_key(&self.store, key, |current| {
            let current: Option<LedgerEntry> = current.and_then(|v| serde_json::from_slice(v).ok());
            matched = current.as_ref() == expected;
            if matched {
                Change::Put(encoded.clone())
            } else {
                Change::Keep
            }
        })
        .await?;
        Ok(matched)
    }

    /// Writes `next` whatever is there (settling a claim this router holds).
    pub async fn settle(&self, key: &str, next: &LedgerEntry) -> Result<(), KvError> {
        let encoded = serde_json::to_vec(next).unwrap_or_default();
        update_key(&self.store, key, |_| Change::Put(encoded.clone())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_opaque_and_valid_kv_keys() {
        let key = Ledger::key(Channel::Sms, Target::Twilio, "msg.1=..x");
        assert!(key.starts_with("sms.twilio."));
        assert_eq!(key.len(), "sms.twilio.".len() + 32);
        assert!(!key.contains("msg"));
        assert_ne!(key, Ledger::key(Channel::Sms, Target::Twilio, "msg.2"));
    }
}
