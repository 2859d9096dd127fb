//! What carewire keeps of each message for people to read later: the audit
//! record of every decision and delivery (`record`), and the dead-letter
//! queue for what no channel may take (`dlq`), published by intake,
//! delivery and replies alike.

pub mod dlq;
mod record;

pub use record::{AUDIT_SCHEMA, AuditRecord, DELIVERY_AUDIT_SCHEMA, DeliveryAudit, PluginAudit};
