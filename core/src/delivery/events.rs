//! Delivery events on `<prefix>.delivery.<channel>` (schema
//! `carewire.delivery/1`): what became of a message after routing, from
//! carewire's hand-over to the provider's last word. Ids and codes only.

use serde::{Deserialize, Serialize};

use crate::common::channel::Channel;

pub const DELIVERY_SCHEMA: &str = "carewire.delivery/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// The target took the message (a provider queued it; NATS stored it).
    Accepted,
    /// The provider sent it on (an SMS left the provider for the carrier).
    Sent,
    /// It reached the recipient (a carrier receipt; a chart entry exists).
    Delivered,
    /// It will not arrive: see `reason`, `http_status`, `error_code`.
    Failed,
    /// Held until `until_ms` (quiet hours); not dropped.
    Deferred,
    /// Not sent on this channel (`reason`); `rerouted_to` names the channel that took it instead.
    Cancelled,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Accepted => "accepted",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Deferred => "deferred",
            DeliveryStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryEvent {
    pub schema: String,
    pub id: String,
    pub tenant: String,
    pub channel: Channel,
    pub status: DeliveryStatus,
    /// The target: `nats`, `twilio`, `fhir`, `pagerduty`, `webhook`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rerouted_to: Option<Channel>,
    pub at_ms: i64,
}

impl DeliveryEvent {
    pub fn new(
        id: &str,
        tenant: &str,
        channel: Channel,
        status: DeliveryStatus,
        at_ms: i64,
    ) -> Self {
        Self {
            schema: DELIVERY_SCHEMA.into(),
            id: id.into(),
            tenant: tenant.into(),
            channel,
            status,
            provider: None,
            provider_id: None,
            provider_status: None,
            http_status: None,
            error_code: None,
            reason: None,
            attempts: None,
            until_ms: None,
            rerouted_to: None,
            at_ms,
        }
    }

    pub fn provider(mut self, provider: &str) -> Self {
        self.provider = Some(provider.into());
        self
    }

    /// The `Nats-Msg-Id`: one event per (message, channel, provider, status),
    /// however often it is published; a deferral is one event per release time.
    pub fn dedupe_id(&self) -> String {
        let mut id = format!(
            "{}:{}:{}:{}",
            crate::common::scope::scoped(&self.tenant, &self.id),
            self.channel,
            self.provider.as_deref().unwrap_or("-"),
            self.status.as_str()
        );
        if let Some(until) = self.until_ms {
            id.push_str(&format!(":{until}"));
        }
        id
    }
}
