//! No PHI leaves carewire through its audit records, DLQ headers, logs or
//! telemetry, even at debug level: PHI-laden requests (valid, undeliverable
//! and invalid) go through a running carewire that exports traces and
//! metrics over OTLP to a receiver on loopback, then every audit record,
//! every DLQ header, the whole stderr log, every delivery event and every
//! byte exported (spans and metrics) are searched for the PHI.

mod support;

use serde_json::json;
use support::otlp::{OtlpReceiver, Protocol};
use support::*;

/// Every PHI string the fixtures carry, in one form or another.
const PHI: &[&str] = &[
    "Maria",
    "Lopez",
    "Carlos",
    "Diaz",
    "MRN4471902",
    "1962-03-14",
    "03/14/1962",
    "555-555-0199",
    "5555550101",
    "5555550177",
    "123-45-6789",
    "123456789",
    "maria.lopez@example.com",
    "42 Elm Street",
];

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let full = |id: &str, patient: &str, phone: &str| {
        json!({
            "id": id,
            "tenant": "acme",
            "category": "lab_result",
            "created_at": "2026-11-27T09:00:00Z",
            "patient": {"id": patient, "name": "Maria Lopez", "birth_date": "1962-03-14", "mrn": "MRN4471902",
                        "ssn": "123-45-6789", "address": "42 Elm Street"},
            "recipient": {"role": "patient", "name": "Maria Lopez", "phone": phone,
                          "email": "maria.lopez@example.com"},
            "sender": {"id": "clinic-7", "display_name": "Dr. Chen for Maria Lopez"},
            "body": "Maria Lopez (DOB 03/14/1962, MRN4471902, SSN 123-45-6789), your results are ready. \
                     Call 555-555-0199 or write to maria.lopez@example.com. We mailed a copy to 42 Elm Street."
        })
    };
    let encode = |v: &serde_json::Value| serde_json::to_vec(v).expect("encode");
    let mut proxy = full("phi-proxy", "p-5004", "+15555550177");
    proxy["recipient"] = json!({"role": "proxy", "name": "Carlos Diaz", "phone": "+15555550177"});
    let mut bad_category = full("phi-bad-category", "p-5001", "+15555550101");
    bad_category["category"] = json!("Maria Lopez 123-45-6789");
    let mut bad_patient = full("phi-bad-patient", "p-5001", "+15555550101");
    bad_patient["patient"]["id"] = json!("Maria Lopez");
    let mut bad_id = full("x", "p-5001", "+15555550101");
    bad_id["id"] = json!("Maria Lopez MRN4471902");
    let mut bad_name = full("phi-bad-name", "p-5001", "+15555550101");
    bad_name["patient"]["name"] = json!(["Maria", "Lopez"]);
    let mut oversized = full("phi-oversized", "p-5001", "+15555550101");
    oversized["body"] = json!("Maria Lopez MRN4471902 123-45-6789 ".repeat(2000));
    let truncated = encode(&full("phi-bad-json", "p-5001", "+15555550101"));
    vec![
        // SMS (written consent, verified phone), portal (no consent), undeliverable (do not contact), a proxy.
        (
            "sms".into(),
            encode(&full("phi-sms", "p-5001", "+15555550101")),
        ),
        (
            "portal".into(),
            encode(&full("phi-portal", "p-5002", "+15555550102")),
        ),
        (
            "undeliverable".into(),
            encode(&full("phi-dnc", "p-5003", "+15555550103")),
        ),
        ("proxy".into(), encode(&proxy)),
        // Invalid in ways that tempt an error message to quote the payload.
        ("bad category".into(), encode(&bad_category)),
        ("bad patient id".into(), encode(&bad_patient)),
        ("bad id".into(), encode(&bad_id)),
        ("bad patient name".into(), encode(&bad_name)),
        ("oversized".into(), encode(&oversized)),
        (
            "bad json".into(),
            truncated[..truncated.len() - 10].to_vec(),
        ),
        (
            "bad utf-8".into(),
            [
                b"\xff".as_slice(),
                &encode(&full("phi-utf8", "p-5001", "+15555550101")),
            ]
            .concat(),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_phi_in_audit_dlq_headers_logs_or_telemetry() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let otlp = OtlpReceiver::start(Protocol::Http).await;
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = format!(
        "\n[telemetry]\notlp_endpoint = \"{}\"\notlp_protocol = \"http/protobuf\"\nmetrics_interval_secs = 1\n",
        otlp.endpoint()
    );
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(
        &config,
        dir.path(),
        "carewire.log",
        &[("CAREWIRE_LOG", "debug")],
    );
    let (_client, js) = nats.connect().await;
    seed(
        &js,
        CONSENT_BUCKET,
        &[
            ("p-5001", consent_granted(true)),
            ("p-5003", json!({"sms": "granted", "do_not_contact": true})),
            ("p-5004.proxy.15555550177", consent_granted(true)),
        ],
    )
    .await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[
            ("p-5001", verified_self("+15555550101")),
            ("p-5002", verified_self("+15555550102")),
        ],
    )
    .await;

    let fixtures = fixtures();
    let mut seqs = Vec::new();
    for (label, payload) in &fixtures {
        seqs.push((label.clone(), publish(&js, "acme", payload.clone()).await));
    }
    let mut collector = Collector::new(&js);
    collector
        .wait_for("an audit record for every fixture", WAIT, |o| {
            seqs.iter()
                .all(|(_, seq)| !o.audits_for_seq(*seq).is_empty())
        })
        .await;
    let out = collector.settle().await.clone();

    // Every fixture was handled the way it was meant to be.
    let outcome = |label: &str| {
        let seq = seqs.iter().find(|(l, _)| l == label).expect("fixture").1;
        out.audits_for_seq(seq)[0]["outcome"]
            .as_str()
            .expect("outcome")
            .to_string()
    };
    assert_eq!(outcome("sms"), "sms");
    assert_eq!(outcome("portal"), "portal");
    assert_eq!(outcome("undeliverable"), "undeliverable");
    for (label, _) in &fixtures[4..] {
        assert_eq!(outcome(label), "invalid", "{label}");
    }
    assert_eq!(out.audit.len(), fixtures.len(), "{}", out.summary());

    for a in &out.audit {
        assert_no_phi(
            &format!("audit record {}", a.subject),
            &String::from_utf8_lossy(&a.payload),
            PHI,
        );
    }
    assert!(!out.dlq.is_empty());
    for m in &out.dlq {
        let headers: String = m
            .headers
            .iter()
            .map(|(k, vs)| {
                format!(
                    "{k}: {}\n",
                    vs.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        assert_no_phi(&format!("DLQ headers of {}", m.subject), &headers, PHI);
    }

    carewire.assert_running();
    assert!(!out.delivery.is_empty(), "{}", out.summary());
    for e in &out.delivery {
        assert_no_phi(
            &format!("delivery event {}", e.subject),
            &String::from_utf8_lossy(&e.payload),
            PHI,
        );
    }

    // Telemetry: a span per message consumed, plugin spans, metrics; then
    // every exported byte searched (protobuf keeps strings verbatim).
    let spans = otlp
        .wait_for_spans(
            "a process span per fixture and the plugin spans",
            WAIT,
            |spans| {
                spans
                    .iter()
                    .filter(|s| s.name == "process carewire.inbound.acme")
                    .count()
                    >= fixtures.len()
                    && spans.iter().any(|s| s.name.starts_with("plugin "))
            },
        )
        .await;
    assert!(spans.iter().all(|s| s.service_name == "carewire"));
    otlp.wait_for_metric("carewire.messages", WAIT).await;
    otlp.wait_for_metric("carewire.plugin.duration", WAIT).await;
    let exit = carewire.sigterm(std::time::Duration::from_secs(20));
    assert!(exit.success(), "exit {exit}:\n{}", carewire.stderr());
    let exported = String::from_utf8_lossy(&otlp.raw()).into_owned();
    assert!(
        exported.contains("phi-sms") && exported.contains("consent"),
        "the export lacks the message ids and plugin names it should carry"
    );
    assert_no_phi("the exported spans and metrics", &exported, PHI);
    for span in &spans {
        assert_no_phi(
            &format!("span {}", span.summary()),
            &format!("{span:?}"),
            PHI,
        );
    }

    let log = carewire.stderr();
    assert!(
        log.contains("DEBUG"),
        "the log is not at debug level:\n{log}"
    );
    assert!(
        log.contains("decided"),
        "the debug log lacks the per-message lines:\n{log}"
    );
    assert_no_phi("carewire's stderr", &log, PHI);
}
