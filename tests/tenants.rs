//! Tenants do not share records, against a real nats-server and the four
//! clinical plugins: the same message id and the same patient id in two
//! tenants are two messages with two decisions, two outbound messages and two
//! audit records, and each tenant's plugins read only that tenant's consent;
//! a producer cannot reach another tenant by naming it in the payload, nor
//! another patient's proxy record by a patient id that holds dots.

mod support;

use serde_json::{Value, json};
use support::*;

const OTHER: &str = "globex";
const SHARED_ID: &str = "tenant-shared-1";
const PATIENT: &str = "p-6601";
const PHONE: &str = "+15555550166";

fn request(tenant: &str) -> Value {
    let mut e = envelope(
        SHARED_ID,
        PATIENT,
        Some(PHONE),
        "Your lab results are ready; please log in to review them.",
    );
    e["tenant"] = json!(tenant);
    e
}

/// A nats-server and carewire with the four clinical plugins; keep the
/// first three alive for the test.
async fn start() -> (
    Nats,
    tempfile::TempDir,
    Carewire,
    async_nats::jetstream::Context,
) {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), clinical_plugins()).write(dir.path());
    let carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    (nats, dir, carewire, js)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_ids_in_two_tenants_are_two_messages() {
    let (_nats, _dir, _carewire, js) = start().await;

    // acme's patient consented to SMS; globex's patient of the same id has
    // verified contacts too, but never consented.
    seed(&js, CONSENT_BUCKET, &[(PATIENT, consent_granted(true))]).await;
    seed(&js, CONTACTS_BUCKET, &[(PATIENT, verified_self(PHONE))]).await;
    seed_in(
        &js,
        OTHER,
        CONTACTS_BUCKET,
        &[(PATIENT, verified_self(PHONE))],
    )
    .await;

    publish_json(&js, TENANT, &request(TENANT)).await;
    publish_json(&js, OTHER, &request(OTHER)).await;

    let mut collector = Collector::new(&js);
    collector
        .wait_for("both tenants' messages decided", WAIT, |o| {
            o.audits_for(SHARED_ID).len() == 2 && o.outbound_for(SHARED_ID).len() == 2
        })
        .await;
    // Nothing more arrives once both are acked.
    let out = collector.settle().await.clone();

    // Two audit records, one per tenant, each with its own outcome: the
    // second was not taken for a redelivery of the first.
    let audits = out.audits_for(SHARED_ID);
    assert_eq!(audits.len(), 2, "{audits:#?}");
    let outcome_of = |tenant: &str| {
        audits
            .iter()
            .find(|a| a["tenant"] == tenant)
            .unwrap_or_else(|| panic!("no audit record of {tenant}: {audits:#?}"))["outcome"]
            .clone()
    };
    assert_eq!(outcome_of(TENANT), "sms", "{audits:#?}");
    // globex's consent plugin read globex's (absent) record, not acme's grant.
    assert_eq!(outcome_of(OTHER), "portal", "{audits:#?}");

    // Two outbound messages, one per tenant, on their own channels.
    let outbound = out.outbound_for(SHARED_ID);
    assert_eq!(outbound.len(), 2, "{outbound:#?}");
    let tenants_channels: Vec<(String, String)> = outbound
        .iter()
        .map(|(subject, m)| {
            (
                m["tenant"].as_str().unwrap_or("?").to_string(),
                subject.clone(),
            )
        })
        .collect();
    assert!(
        tenants_channels
            .iter()
            .any(|(t, s)| t == TENANT && s.ends_with(".sms")),
        "{tenants_channels:?}"
    );
    assert!(
        tenants_channels
            .iter()
            .any(|(t, s)| t == OTHER && s.ends_with(".portal")),
        "{tenants_channels:?}"
    );

    // The SMS is counted for acme's patient only.
    let sms_log = bucket(&js, "carewire_sms_log").await;
    assert!(
        kv_json(&sms_log, &patient_key(PATIENT)).await.is_some(),
        "acme's SMS is not in the SMS log"
    );
    assert!(
        kv_json(&sms_log, &format!("{OTHER}.{PATIENT}"))
            .await
            .is_none(),
        "globex's portal message was counted as an SMS"
    );
    assert!(out.dlq.is_empty(), "dlq: {:#?}", out.dlq);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_cannot_reach_another_tenant_or_patient_through_the_payload() {
    let (_nats, _dir, _carewire, js) = start().await;
    seed(&js, CONSENT_BUCKET, &[(PATIENT, consent_granted(true))]).await;
    seed(&js, CONTACTS_BUCKET, &[(PATIENT, verified_self(PHONE))]).await;

    // globex's producer names acme in the payload, hoping for acme's consent.
    let mut foreign = request(TENANT);
    foreign["id"] = json!("tenant-foreign-2");
    let foreign_seq = publish_json(&js, OTHER, &foreign).await;

    // A patient id shaped like acme's proxy key for this number.
    let mut dotted = request(TENANT);
    dotted["id"] = json!("tenant-dotted-3");
    dotted["patient"]["id"] = json!(format!("{PATIENT}.proxy.15555550166"));
    let dotted_seq = publish_json(&js, TENANT, &dotted).await;

    let mut collector = Collector::new(&js);
    collector
        .wait_for("both refused and audited", WAIT, |o| {
            [foreign_seq, dotted_seq]
                .iter()
                .all(|seq| !o.dlq_for_seq(*seq).is_empty() && !o.audits_for_seq(*seq).is_empty())
        })
        .await;
    // Nothing more arrives once both are acked.
    let out = collector.settle().await.clone();

    for (seq, reason, audit_tenant) in [
        (foreign_seq, "bad_field:tenant", OTHER),
        (dotted_seq, "bad_field:patient.id", TENANT),
    ] {
        let dlq = out.dlq_for_seq(seq);
        assert_eq!(dlq.len(), 1, "{dlq:#?}");
        assert_eq!(
            dlq[0].header("Carewire-Reason").as_deref(),
            Some(reason),
            "{dlq:#?}"
        );
        // The refusal is recorded in the audit of the subject's tenant.
        let audits = out.audits_for_seq(seq);
        assert_eq!(audits.len(), 1, "{audits:#?}");
        assert_eq!(audits[0]["outcome"], "invalid", "{audits:#?}");
        assert_eq!(audits[0]["tenant"], audit_tenant, "{audits:#?}");
    }
    assert!(out.outbound.is_empty(), "outbound: {:#?}", out.outbound);
}
