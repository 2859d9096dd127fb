//! Channel adapters: where a routed message leaves carewire. Each channel
//! has one or more targets: NATS (`<prefix>.outbound.<channel>`, for a
//! downstream gateway) or a provider's HTTP API.

mod fhir;
mod http;
mod nats;
mod pagerduty;
mod sms_log;
mod sms_numbers;
mod twilio;
mod webhook;

pub use fhir::FhirClient;
pub use http::{Failure, FailureKind, HttpTarget, Sent, client as http_client};
pub use nats::{NatsChannel, OUTBOUND_SCHEMA};
pub use pagerduty::PagerDutyClient;
pub use sms_log::{Reservation, SmsLog, SmsLogEntry, SmsLogError};
pub use sms_numbers::{NumberRecord, SmsNumbers, number_key};
pub use twilio::{TwilioClient, messages_path};
pub use webhook::{SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookClient, signature};

use serde::{Deserialize, Serialize};

pub use crate::common::channel::Channel;

/// A message ready to leave on one channel: what `<prefix>.outbound.<channel>`
/// carries (schema `carewire.outbound/1`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboundMessage {
    pub schema: String,
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

impl OutboundMessage {
    /// The message's id within its tenant: what its dedupe ids and ledger
    /// keys are made of (see [`crate::common::scope`]).
    pub fn key(&self) -> String {
        crate::common::scope::scoped(&self.tenant, &self.id)
    }
}

/// The channel to use instead when the chosen one turns out impossible at
/// delivery time (the patient replied STOP while the SMS waited, or the
/// final SMS is too long), with that channel's body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fallback {
    pub channel: Channel,
    pub body: String,
}

pub const DISPATCH_SCHEMA: &str = "carewire.dispatch/1";

/// What the router hands the delivery stage on `<prefix>.dispatch.<channel>`
/// (internal; schema `carewire.dispatch/1`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dispatch {
    pub schema: String,
    pub message: OutboundMessage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    #[serde(default)]
    pub priority: crate::envelope::Priority,
    /// `CommunicationRequest/<id>` when the request came as FHIR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    /// The patient as a FHIR reference (the portal's `Communication.subject`);
    /// absent: `Patient/<patient_id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<crate::envelope::PatientReference>,
    /// The sender's display name (for the portal's `Communication.sender`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// The sender as a FHIR reference (the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_reference: Option<String>,
    /// Not delivered before this time (ms since the Unix epoch), unless an
    /// escalation: the request's `not_before` (FHIR `occurrence[x]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before_ms: Option<i64>,
    /// When the router decided, ms since the Unix epoch.
    pub routed_at_ms: i64,
}

impl Dispatch {
    /// The same message on the fallback channel, or `None` when there is none.
    pub fn to_fallback(&self) -> Option<Dispatch> {
        let fallback = self.fallback.as_ref()?;
        let mut next = self.clone();
        next.message.channel = fallback.channel;
        next.message.body = fallback.body.clone();
        next.fallback = None;
        Some(next)
    }
}
