//! The audit record: one per message, what happened and why, with no PHI.
//! Built only from ids, codes, digests and timings, never from the envelope's
//! free-text fields.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chain::{PluginOutcome, PluginReport};
use crate::common::channel::Channel;
use crate::route::Route;
use crate::route::{Decision, Outcome};

pub const AUDIT_SCHEMA: &str = "carewire.audit/1";

/// One plugin's part, as audited.
#[derive(Debug, Clone, Serialize)]
pub struct PluginAudit {
    pub name: String,
    pub sha256: String,
    /// `continue`, `halt` or `failed`.
    pub verdict: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<&'static str>,
    pub denied: Vec<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Channel>,
    pub replaced_bodies: Vec<Channel>,
    pub labels: BTreeMap<String, String>,
    pub reasons: Vec<String>,
    pub duration_us: u64,
    /// The KV records it read, in order: the bucket and the revision read
    /// (0: none stored), so the consent or contact record a decision rested
    /// on can be found. The key is left out (it is the patient id or a
    /// phone number's digits).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kv_reads: Vec<KvReadAudit>,
}

/// One KV record a plugin read.
#[derive(Debug, Clone, Serialize)]
pub struct KvReadAudit {
    pub bucket: String,
    pub revision: u64,
}

impl From<&PluginReport> for PluginAudit {
    fn from(r: &PluginReport) -> Self {
        let duration_us = u64::try_from(r.duration.as_micros()).unwrap_or(u64::MAX);
        let kv_reads = r
            .kv_reads
            .iter()
            .map(|read| KvReadAudit {
                bucket: read.bucket.clone(),
                revision: read.revision,
            })
            .collect();
        match &r.outcome {
            PluginOutcome::Answered(v) => PluginAudit {
                name: r.name.clone(),
                sha256: r.digest.clone(),
                verdict: if v.halt.is_some() { "halt" } else { "continue" },
                failure: None,
                denied: v.deny.clone(),
                required: v.require,
                replaced_bodies: v.bodies.iter().map(|(c, _)| *c).collect(),
                labels: v.labels.iter().cloned().collect(),
                reasons: v.reasons.clone(),
                duration_us,
                kv_reads,
            },
            PluginOutcome::Failed(kind) => PluginAudit {
                name: r.name.clone(),
                sha256: r.digest.clone(),
                verdict: "failed",
                failure: Some(kind.as_str()),
                denied: Vec::new(),
                required: None,
                replaced_bodies: Vec::new(),
                labels: BTreeMap::new(),
                reasons: Vec::new(),
                duration_us,
                kv_reads,
            },
        }
    }
}

/// The record published on `<prefix>.audit.<tenant>`.
#[derive(Debug, Clone, Serialize)]
pub struct AuditRecord {
    pub schema: &'static str,
    /// The message id; absent only for an invalid payload with no readable id.
    pub id: Option<String>,
    pub tenant: String,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Why the message was undeliverable or invalid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'static str>,
    pub plugins: Vec<PluginAudit>,
    pub labels: BTreeMap<String, String>,
    pub reasons: Vec<String>,
    pub trace_id: String,
    /// The request's sequence number in the inbound stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbound_sequence: Option<u64>,
    /// When carewire received the request (ms since the Unix epoch).
    pub received_at_ms: i64,
    /// Time spent in the plugin chain and router, in microseconds.
    pub decision_us: u64,
}

impl AuditRecord {
    /// The record of a decided message.
    pub fn decided(
        id: &str,
        tenant: &str,
        category: &'static str,
        decision: &Decision,
        trace_id: &str,
        received_at_ms: i64,
    ) -> Self {
        let outcome = decision.outcome();
        let reason = match &decision.routed.route {
            Route::Undeliverable(code) => Some(code.clone()),
            Route::Deliver(_) => None,
        };
        Self {
            schema: AUDIT_SCHEMA,
            id: Some(id.to_string()),
            tenant: tenant.to_string(),
            outcome,
            channel: outcome.channel(),
            reason,
            category: Some(category),
            plugins: decision.plugins.iter().map(PluginAudit::from).collect(),
            labels: decision.routed.labels.clone(),
            reasons: decision.routed.reasons.clone(),
            trace_id: trace_id.to_string(),
            inbound_sequence: None,
            received_at_ms,
            decision_us: u64::try_from(decision.elapsed.as_micros()).unwrap_or(u64::MAX),
        }
    }

    /// The record of an invalid payload.
    pub fn invalid(
        id: Option<&str>,
        tenant: &str,
        reason: String,
        trace_id: &str,
        received_at_ms: i64,
    ) -> Self {
        Self {
            schema: AUDIT_SCHEMA,
            id: id.map(str::to_string),
            tenant: tenant.to_string(),
            outcome: Outcome::Invalid,
            channel: None,
            reason: Some(reason),
            category: None,
            plugins: Vec::new(),
            labels: BTreeMap::new(),
            reasons: Vec::new(),
            trace_id: trace_id.to_string(),
            inbound_sequence: None,
            received_at_ms,
            decision_us: 0,
        }
    }
}

pub const DELIVERY_AUDIT_SCHEMA: &str = "carewire.audit.delivery/1";

/// The second record a message gets when its delivery did not go as routed:
/// the provider refused it, the retry budget ran out, the outcome of a send
/// is unknown, or the channel was cancelled (opt-out, too long) and the
/// message rerouted. Published on `<prefix>.audit.<tenant>` next to the
/// decision record; ids and codes only.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryAudit {
    pub schema: &'static str,
    pub id: String,
    pub tenant: String,
    pub channel: Channel,
    /// `failed`, `unknown`, `cancelled` or `rerouted`.
    pub result: &'static str,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rerouted_to: Option<Channel>,
    pub trace_id: String,
    pub at_ms: i64,
}

impl DeliveryAudit {
    /// A record of `result` for `reason`; target, provider status, attempts
    /// and reroute are filled in by the caller when they apply.
    pub fn new(
        message: &crate::channels::OutboundMessage,
        result: &'static str,
        reason: &str,
        trace_id: &str,
        at_ms: i64,
    ) -> Self {
        Self {
            schema: DELIVERY_AUDIT_SCHEMA,
            id: message.id.clone(),
            tenant: message.tenant.clone(),
            channel: message.channel,
            result,
            reason: reason.to_string(),
            target: None,
            http_status: None,
            provider_code: None,
            attempts: None,
            rerouted_to: None,
            trace_id: trace_id.to_string(),
            at_ms,
        }
    }
}
