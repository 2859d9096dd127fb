//! Channel adapters: the last stage, where a routed message leaves carewire.

mod nats;
mod sms_log;

pub use nats::{NatsChannel, OUTBOUND_SCHEMA};
pub use sms_log::{SmsLog, SmsLogEntry, SmsLogError};

use serde::{Deserialize, Serialize};

/// The channels carewire can send a message on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Portal,
    Escalation,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Sms, Channel::Portal, Channel::Escalation];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Portal => "portal",
            Channel::Escalation => "escalation",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a delivery did not happen; the message is then not acked and JetStream
/// redelivers it (outbound dedupe makes the retry safe).
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("publishing to {subject} failed: {source}")]
    Publish {
        subject: String,
        #[source]
        source: async_nats::jetstream::context::PublishError,
    },
    #[error("cannot encode the outbound message: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A message ready to leave on one channel.
#[derive(Debug, Clone, Serialize)]
pub struct OutboundMessage {
    pub schema: &'static str,
    pub id: String,
    pub tenant: String,
    pub channel: Channel,
    pub category: String,
    pub patient_id: String,
    pub recipient: crate::envelope::Recipient,
    pub body: String,
    pub labels: std::collections::BTreeMap<String, String>,
    pub reasons: Vec<String>,
}

/// Delivers routed messages. `NatsChannel` publishes to
/// `<prefix>.outbound.<channel>`; HTTP adapters implement the same trait.
pub trait ChannelAdapter: Send + Sync {
    /// Delivers `message` at most once per (message id, channel), however often
    /// it is called.
    fn deliver(
        &self,
        message: &OutboundMessage,
        headers: async_nats::HeaderMap,
    ) -> impl std::future::Future<Output = Result<(), DeliveryError>> + Send;
}
