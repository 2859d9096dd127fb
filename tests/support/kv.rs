//! KV records: seeding them within a tenant, and reading them back.

use std::time::{Duration, Instant};

use async_nats::jetstream::{self, kv};
use serde_json::Value;

use super::*;

/// Opens `bucket`, creating it (as carewire would) when absent.
pub async fn bucket(js: &jetstream::Context, bucket: &str) -> kv::Store {
    if let Ok(store) = js.get_key_value(bucket).await {
        return store;
    }
    js.create_key_value(kv::Config {
        bucket: bucket.into(),
        history: 5,
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("cannot create KV bucket {bucket}: {e}"))
}

/// The tenant of the tests' requests.
pub const TENANT: &str = "acme";

/// A patient's key in the per-patient buckets (consent, contacts, SMS log):
/// carewire keeps them per tenant, `<tenant>.<patient id>`.
pub fn patient_key(patient: &str) -> String {
    format!("{TENANT}.{patient}")
}

/// A message's key within [`TENANT`] (`<tenant>.<message id>`): its
/// idempotency key at the providers, the FHIR `Communication`'s identifier.
pub fn message_key(id: &str) -> String {
    format!("{TENANT}.{id}")
}

/// Puts JSON records of [`TENANT`]'s patients into a per-patient bucket,
/// each under its [`patient_key`].
pub async fn seed(js: &jetstream::Context, bucket_name: &str, records: &[(&str, Value)]) {
    seed_in(js, TENANT, bucket_name, records).await;
}

/// Puts JSON records of `tenant`'s patients into a per-patient bucket, each
/// under `<tenant>.<patient id>`.
pub async fn seed_in(
    js: &jetstream::Context,
    tenant: &str,
    bucket_name: &str,
    records: &[(&str, Value)],
) {
    let store = bucket(js, bucket_name).await;
    for (key, value) in records {
        store
            .put(format!("{tenant}.{key}"), value.to_string().into())
            .await
            .unwrap_or_else(|e| panic!("cannot put {bucket_name}/{key}: {e}"));
    }
}

/// RFC 3339 of now minus `days` days (verification and consent timestamps).
pub fn days_ago(days: i64) -> String {
    (time::OffsetDateTime::now_utc() - time::Duration::days(days))
        .replace_nanosecond(0)
        .expect("valid")
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format")
}

/// A consent record granting SMS, with or without PHI over SMS.
pub fn consent_granted(phi_over_sms: bool) -> Value {
    serde_json::json!({
        "sms": "granted",
        "phi_over_sms": phi_over_sms,
        "obtained_at": days_ago(30),
        "method": if phi_over_sms { "written_form" } else { "verbal" },
    })
}

/// A contacts record with the patient's own, recently verified phone.
pub fn verified_self(phone: &str) -> Value {
    serde_json::json!({"contacts": [{
        "phone": phone,
        "method": "sms_code",
        "verified_at": days_ago(10),
        "relationship": "self",
    }]})
}

/// The JSON value under `key` in a KV bucket (`None` when absent or deleted).
pub async fn kv_json(store: &kv::Store, key: &str) -> Option<Value> {
    let bytes = store
        .get(key)
        .await
        .unwrap_or_else(|e| panic!("cannot read {}/{key}: {e}", store.name))?;
    if bytes.is_empty() {
        return None;
    }
    Some(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{}/{key} is not JSON ({e}): {}",
            store.name,
            String::from_utf8_lossy(&bytes)
        )
    }))
}

/// Polls `key` until `done` holds for its value; fails after [`WAIT`]
/// saying what was awaited and what was last seen.
pub async fn wait_kv(
    store: &kv::Store,
    key: &str,
    what: &str,
    done: impl Fn(Option<&Value>) -> bool,
) -> Option<Value> {
    let started = Instant::now();
    loop {
        let value = kv_json(store, key).await;
        if done(value.as_ref()) {
            return value;
        }
        if started.elapsed() > WAIT {
            panic!(
                "timed out after {WAIT:?} waiting for {what} in {}/{key}; last value: {value:?}",
                store.name
            );
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
