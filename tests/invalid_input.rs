//! Invalid requests go to the DLQ with a machine-readable reason and their
//! original bytes, get an `invalid` audit record, are acked, and do not stop
//! the valid requests around them. FHIR requests that must not be carried
//! out (`doNotPerform`, a status other than `active`) are refused the same
//! way and never reach any channel, while the same request when `active`
//! is texted.

mod support;

use serde_json::json;
use support::*;

/// Small, so that an ordinary JSON document can be oversized.
const MAX_PAYLOAD: usize = 2048;

/// The patient of the FHIR requests: SMS consent (with PHI) and a verified
/// phone, so that a request carewire carried out would be texted.
const FHIR_PATIENT: &str = "p-fhir";
const FHIR_PHONE: &str = "+15555550161";

/// A CommunicationRequest for [`FHIR_PATIENT`], as a contained Patient
/// identified by carewire's patient-id system.
fn communication_request(id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut request = json!({
        "resourceType": "CommunicationRequest",
        "id": id,
        "identifier": [{"system": "urn:acme:msg", "value": id}],
        "status": "active",
        "category": [{"coding": [{"system": "urn:carewire:category", "code": "care_team"}]}],
        "contained": [{"resourceType": "Patient", "id": "pat",
                       "identifier": [{"system": "urn:carewire:patient-id", "value": FHIR_PATIENT}],
                       "telecom": [{"system": "sms", "value": FHIR_PHONE}]}],
        "subject": {"reference": "#pat"},
        "recipient": [{"reference": "#pat"}],
        "payload": [{"contentString": "Your care team has updated your care plan."}]
    });
    edit(&mut request);
    serde_json::to_vec(&request).expect("encode")
}

/// (label, payload, expected reason, the id the audit record should carry).
fn invalid_payloads() -> Vec<(&'static str, Vec<u8>, &'static str, Option<&'static str>)> {
    let oversized = serde_json::to_vec(&envelope(
        "inv-oversized",
        "p-1",
        None,
        &"x".repeat(MAX_PAYLOAD),
    ))
    .expect("encode");
    assert!(oversized.len() > MAX_PAYLOAD);
    vec![
        (
            "bad json",
            b"{\"id\": \"inv-json\", \"body\": ".to_vec(),
            "bad_json",
            None,
        ),
        (
            "bad utf-8",
            b"\xff\xfe{\"id\":\"inv-utf8\"}".to_vec(),
            "bad_utf8",
            None,
        ),
        (
            "not an object",
            b"[1, 2, 3]".to_vec(),
            "not_an_object",
            None,
        ),
        (
            "missing id",
            br#"{"patient":{"id":"p-1"},"body":"hello"}"#.to_vec(),
            "missing_field:id",
            None,
        ),
        (
            "missing patient.id",
            br#"{"id":"inv-no-patient","patient":{"name":"x"},"body":"hello"}"#.to_vec(),
            "missing_field:patient.id",
            Some("inv-no-patient"),
        ),
        (
            "missing body",
            br#"{"id":"inv-no-body","patient":{"id":"p-1"}}"#.to_vec(),
            "missing_field:body",
            Some("inv-no-body"),
        ),
        ("oversized", oversized, "oversized", None),
        (
            "body of the wrong type",
            br#"{"id":"inv-body-type","patient":{"id":"p-1"},"body":42}"#.to_vec(),
            "bad_field:body",
            Some("inv-body-type"),
        ),
        (
            "id of the wrong type",
            br#"{"id":17,"patient":{"id":"p-1"},"body":"hello"}"#.to_vec(),
            "bad_field:id",
            None,
        ),
        (
            "unknown category",
            br#"{"id":"inv-category","patient":{"id":"p-1"},"body":"hello","category":"gossip"}"#
                .to_vec(),
            "bad_field:category",
            Some("inv-category"),
        ),
        (
            "an empty body",
            br#"{"id":"inv-empty-body","patient":{"id":"p-1"},"body":""}"#.to_vec(),
            "bad_field:body",
            Some("inv-empty-body"),
        ),
        (
            "a blank body",
            br#"{"id":"inv-blank-body","patient":{"id":"p-1"},"body":" \n\t "}"#.to_vec(),
            "bad_field:body",
            Some("inv-blank-body"),
        ),
        (
            "created_at that is not a time",
            br#"{"id":"inv-created","patient":{"id":"p-1"},"body":"hi","created_at":"yesterday"}"#
                .to_vec(),
            "bad_field:created_at",
            Some("inv-created"),
        ),
        (
            "created_at without an offset",
            br#"{"id":"inv-created-local","patient":{"id":"p-1"},"body":"hi","created_at":"2026-11-27T09:00:00"}"#
                .to_vec(),
            "bad_field:created_at",
            Some("inv-created-local"),
        ),
        (
            "FHIR doNotPerform",
            communication_request("fhir-dnp", |r| r["doNotPerform"] = json!(true)),
            "fhir_do_not_perform",
            Some("fhir-dnp"),
        ),
        (
            "FHIR revoked",
            communication_request("fhir-revoked", |r| r["status"] = json!("revoked")),
            "fhir_status:revoked",
            Some("fhir-revoked"),
        ),
        (
            "FHIR entered-in-error",
            communication_request("fhir-eie", |r| r["status"] = json!("entered-in-error")),
            "fhir_status:entered-in-error",
            Some("fhir-eie"),
        ),
        (
            "FHIR on-hold",
            communication_request("fhir-hold", |r| r["status"] = json!("on-hold")),
            "fhir_status:on-hold",
            Some("fhir-hold"),
        ),
        (
            "FHIR contained patient without a usable identifier",
            communication_request("fhir-anon", |r| {
                r["contained"][0]["identifier"] =
                    json!([{"type": {"coding": [{"code": "MR"}]}, "value": "MRN0042"}])
            }),
            "fhir_subject_unidentified",
            Some("fhir-anon"),
        ),
        (
            "FHIR empty payload",
            communication_request("fhir-empty", |r| {
                r["payload"] = json!([{"contentString": ""}])
            }),
            "bad_field:body",
            Some("fhir-empty"),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_requests_are_dead_lettered_and_acked() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.max_payload_bytes = MAX_PAYLOAD;
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    seed(
        &js,
        CONSENT_BUCKET,
        &[(FHIR_PATIENT, consent_granted(true))],
    )
    .await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[(FHIR_PATIENT, verified_self(FHIR_PHONE))],
    )
    .await;

    // Invalid and valid requests interleaved: a valid one after each invalid one.
    let mut invalid = Vec::new();
    let mut valid_ids = Vec::new();
    for (n, (label, payload, reason, id)) in invalid_payloads().into_iter().enumerate() {
        let seq = publish(&js, "acme", payload.clone()).await;
        invalid.push((label, payload, reason, id, seq));
        let valid_id = format!("valid-{n}");
        publish_json(
            &js,
            "acme",
            &envelope(
                &valid_id,
                "p-1",
                None,
                "Your care team has updated your care plan.",
            ),
        )
        .await;
        valid_ids.push(valid_id);
    }

    // The control: the same FHIR request, active, is texted.
    const ACTIVE: &str = "fhir-active";
    publish(&js, "acme", communication_request(ACTIVE, |_| {})).await;
    valid_ids.push(ACTIVE.to_string());

    let mut collector = Collector::new(&js);
    let expected = invalid.len();
    collector
        .wait_for(
            "a DLQ message and an audit record for every invalid request",
            WAIT,
            |o| {
                invalid.iter().all(|(.., seq)| {
                    !o.dlq_for_seq(*seq).is_empty() && !o.audits_for_seq(*seq).is_empty()
                })
            },
        )
        .await;
    collector.wait_finished(&valid_ids).await;
    let info = wait_consumer_idle(&js).await;
    assert_eq!(info.num_pending, 0);
    assert_eq!(info.num_ack_pending, 0);
    let out = collector.refresh().await.clone();

    for (label, payload, reason, id, seq) in &invalid {
        let dlq = out.dlq_for_seq(*seq);
        assert_eq!(
            dlq.len(),
            1,
            "{label}: expected one DLQ message, got {dlq:#?}"
        );
        let dlq = dlq[0];
        assert_eq!(dlq.subject, "carewire.dlq.invalid", "{label}");
        assert_eq!(
            dlq.header("Carewire-Reason").as_deref(),
            Some(*reason),
            "{label}: headers {:?}",
            dlq.headers
        );
        assert_eq!(
            dlq.payload.as_ref(),
            payload.as_slice(),
            "{label}: the DLQ message is not the original bytes"
        );
        assert_eq!(dlq.header("Carewire-Message-Id").as_deref(), *id, "{label}");

        let audits = out.audits_for_seq(*seq);
        assert_eq!(
            audits.len(),
            1,
            "{label}: expected one audit record, got {audits:#?}"
        );
        let audit = &audits[0];
        assert_eq!(audit["outcome"], "invalid", "{label}: {audit:#}");
        assert_eq!(audit["reason"], *reason, "{label}: {audit:#}");
        assert_eq!(audit["id"], json!(id), "{label}: {audit:#}");
    }
    assert_eq!(
        out.dlq.len(),
        expected,
        "only invalid requests go to the DLQ: {:#?}",
        out.dlq
    );

    // Refused requests reached no channel: no outbound message, no delivery event.
    for (label, .., id, _) in &invalid {
        if let Some(id) = id {
            assert!(
                out.outbound_for(id).is_empty(),
                "{label}: {:#?}",
                out.outbound_for(id)
            );
            assert!(
                out.events_for(id).is_empty(),
                "{label}: {:#?}",
                out.events_for(id)
            );
        }
    }
    // The valid requests flowed: no consent record, so the portal; the
    // active FHIR request, whose patient consented, by SMS.
    for id in &valid_ids {
        let channel = if id == ACTIVE { "sms" } else { "portal" };
        out.sent(id, channel);
        assert_eq!(out.audit(id)["outcome"], channel, "{id}");
    }
    assert_eq!(out.audit.len(), expected + valid_ids.len());
    assert!(
        carewire.is_running(),
        "carewire died:\n{}",
        carewire.stderr()
    );
}
