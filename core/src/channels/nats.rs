//! The NATS target: publishes the routed message to
//! `<prefix>.outbound.<channel>` for a downstream gateway, deduplicated by
//! `Nats-Msg-Id` = `<message id>:<channel>`.

use async_nats::HeaderMap;
use async_nats::jetstream::Context;
use async_nats::jetstream::context::PublishError;

use super::OutboundMessage;
use crate::nats::{Names, publish_stored};

pub const OUTBOUND_SCHEMA: &str = "carewire.outbound/1";

pub struct NatsChannel {
    js: Context,
    names: Names,
}

impl NatsChannel {
    pub fn new(js: Context, names: Names) -> Self {
        Self { js, names }
    }

    /// The outbound subject of `channel`.
    pub fn subject(&self, channel: super::Channel) -> String {
        self.names.outbound(channel)
    }

    /// Stores `message` on its outbound subject, once per (id, channel).
    pub async fn publish(
        &self,
        message: &OutboundMessage,
        headers: HeaderMap,
    ) -> Result<(), PublishError> {
        let subject = self.names.outbound(message.channel);
        let payload = serde_json::to_vec(message).unwrap_or_default();
        let msg_id = format!("{}:{}", message.key(), message.channel);
        publish_stored(&self.js, subject, &msg_id, headers, payload.into())
            .await
            .map(|_| ())
    }
}
