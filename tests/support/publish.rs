//! The streams carewire needs, and requests published to them.

use async_nats::jetstream;
use bytes::Bytes;
use serde_json::Value;

use super::*;

/// Creates the streams, buckets and consumer carewire would create, with
/// the settings of `spec` (to publish before carewire first starts).
pub async fn ensure_topology(js: &jetstream::Context, spec: &ConfigSpec) {
    let names = carewire::nats::Names::new("carewire");
    let config = spec.config();
    carewire::nats::ensure_topology(js, carewire::nats::Settings::from_config(&names, &config))
        .await
        .expect("create the topology");
}

/// Publishes one request to `carewire.inbound.<tenant>` and waits for the
/// stream's ack; returns its inbound sequence.
pub async fn publish(js: &jetstream::Context, tenant: &str, payload: impl Into<Bytes>) -> u64 {
    js.publish(format!("carewire.inbound.{tenant}"), payload.into())
        .await
        .expect("publish")
        .await
        .expect("publish ack")
        .sequence
}

/// Publishes a JSON envelope.
pub async fn publish_json(js: &jetstream::Context, tenant: &str, envelope: &Value) -> u64 {
    publish(js, tenant, serde_json::to_vec(envelope).expect("encode")).await
}

/// A minimal valid envelope.
pub fn envelope(id: &str, patient: &str, phone: Option<&str>, body: &str) -> Value {
    let mut e = serde_json::json!({
        "id": id,
        "tenant": "acme",
        "category": "appointment_reminder",
        "patient": {"id": patient},
        "recipient": {"role": "patient"},
        "body": body,
    });
    if let Some(phone) = phone {
        e["recipient"]["phone"] = Value::String(phone.into());
    }
    e
}
