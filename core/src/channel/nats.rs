//! The NATS channel adapter: publishes the routed message to
//! `<prefix>.outbound.<channel>` for a downstream gateway, deduplicated by
//! `Nats-Msg-Id` = `<message id>:<channel>`.

use async_nats::HeaderMap;
use async_nats::jetstream::Context;

use super::{ChannelAdapter, DeliveryError, OutboundMessage};
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
}

impl ChannelAdapter for NatsChannel {
    async fn deliver(
        &self,
        message: &OutboundMessage,
        headers: HeaderMap,
    ) -> Result<(), DeliveryError> {
        let subject = self.names.outbound(message.channel);
        let payload = serde_json::to_vec(message)?;
        let msg_id = format!("{}:{}", message.id, message.channel);
        publish_stored(&self.js, subject.clone(), &msg_id, headers, payload.into())
            .await
            .map(|_| ())
            .map_err(|source| DeliveryError::Publish { subject, source })
    }
}
