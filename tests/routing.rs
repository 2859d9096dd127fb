//! One message to each outcome through the four clinical plugins, against a
//! real nats-server: exactly one outbound message on the right subject (or
//! one DLQ message), exactly one audit record naming every plugin and its
//! digest, and a re-published request id yields nothing new.

mod support;

use async_nats::HeaderMap;
use serde_json::{Value, json};
use support::*;

const SMS_ID: &str = "route-sms-1";
const PORTAL_ID: &str = "route-portal-2";
const ESCALATION_ID: &str = "route-escalation-3";
const UNDELIVERABLE_ID: &str = "route-undeliverable-4";

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

fn sms_request() -> Value {
    json!({
        "id": SMS_ID,
        "tenant": "acme",
        "category": "appointment_reminder",
        "patient": {"id": "p-2001", "name": "Maria Lopez", "birth_date": "1962-03-14", "mrn": "MRN4471902"},
        "recipient": {"role": "patient", "name": "Maria Lopez", "phone": "+15555550101"},
        "sender": {"id": "clinic-7", "display_name": "Oak Valley Health"},
        "priority": "routine",
        "body": "Hi Maria Lopez, this is a reminder of your appointment on 12/03/2026 at 9:30 AM with Dr. Chen \
                 about record MRN4471902. Call 555-555-0199 to reschedule."
    })
}

fn portal_request() -> Value {
    // Verified phone, but no consent record: no SMS, so the portal.
    envelope(
        PORTAL_ID,
        "p-2002",
        Some("+15555550102"),
        "Your care team has updated your care plan.",
    )
}

fn escalation_request() -> Value {
    let mut e = envelope(
        ESCALATION_ID,
        "p-2003",
        Some("+15555550103"),
        "Patient reports crushing chest pain and shortness of breath since this morning.",
    );
    e["category"] = json!("care_team");
    e
}

fn undeliverable_request() -> Value {
    let mut e = envelope(
        UNDELIVERABLE_ID,
        "p-2004",
        Some("+15555550104"),
        "Please tell us about your recent visit.",
    );
    e["category"] = json!("survey");
    e
}

async fn seed_registry(js: &async_nats::jetstream::Context) {
    seed(
        js,
        CONSENT_BUCKET,
        &[
            ("p-2001", consent_granted(true)),
            ("p-2003", consent_granted(true)),
            (
                "p-2004",
                json!({"sms": "granted", "phi_over_sms": true, "do_not_contact": true}),
            ),
        ],
    )
    .await;
    seed(
        js,
        CONTACTS_BUCKET,
        &[
            ("p-2001", verified_self("+15555550101")),
            ("p-2002", verified_self("+15555550102")),
            ("p-2003", verified_self("+15555550103")),
            ("p-2004", verified_self("+15555550104")),
        ],
    )
    .await;
}

/// The audit record's plugin list: the four plugins in chain order, each
/// with the digest of its file and a verdict.
fn assert_plugins_audited(audit: &Value) {
    let expected = [
        "urgency-triage",
        "recipient-verify",
        "phi-redact",
        "consent",
    ];
    let plugins = audit["plugins"]
        .as_array()
        .unwrap_or_else(|| panic!("no plugins in {audit:#}"));
    let names: Vec<&str> = plugins
        .iter()
        .map(|p| p["name"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(names, expected, "plugins of {audit:#}");
    for p in plugins {
        let name = p["name"].as_str().expect("name");
        assert_eq!(
            p["sha256"],
            plugin_digest(name),
            "digest of {name} in {audit:#}"
        );
        assert!(
            matches!(p["verdict"].as_str(), Some("continue" | "halt")),
            "{name} did not answer: {p:#}"
        );
        assert!(p.get("failure").is_none(), "{name} failed: {p:#}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_message_to_each_outcome_exactly_once() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), clinical_plugins()).write(dir.path());
    // carewire creates the streams, buckets and consumer itself.
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    seed_registry(&js).await;

    let requests = [
        sms_request(),
        portal_request(),
        escalation_request(),
        undeliverable_request(),
    ];
    let mut with_trace = HeaderMap::new();
    with_trace.insert(
        "traceparent",
        format!("00-{TRACE_ID}-00f067aa0ba902b7-01").as_str(),
    );
    for request in &requests {
        let bytes = serde_json::to_vec(request).expect("encode");
        if request["id"] == PORTAL_ID {
            js.publish_with_headers("carewire.inbound.acme", with_trace.clone(), bytes.into())
                .await
                .expect("publish")
                .await
                .expect("ack");
        } else {
            publish(&js, "acme", bytes).await;
        }
    }
    let ids: Vec<String> = [SMS_ID, PORTAL_ID, ESCALATION_ID, UNDELIVERABLE_ID]
        .map(String::from)
        .to_vec();
    let mut collector = Collector::new(&js);
    collector.wait_finished(&ids).await;

    // The same request id again (the same bytes, as a producer retry would
    // send): carewire processes it again, and its outputs dedupe.
    let duplicate_seq = publish_json(&js, "acme", &sms_request()).await;
    let idle = wait_consumer_idle(&js).await;
    assert!(
        idle.ack_floor.stream_sequence >= duplicate_seq,
        "duplicate not acked: {idle:?}"
    );
    let out = collector.refresh().await.clone();

    // Exactly one output per id, and nothing else.
    assert_eq!(out.outbound.len(), 3, "outbound: {:#?}", out.outbound);
    assert_eq!(out.audit.len(), 4, "audit: {:#?}", out.audits());
    assert_eq!(out.dlq.len(), 1, "dlq: {:#?}", out.dlq);

    // SMS: redacted body, original recipient.
    let sms = out.sent(SMS_ID, "sms");
    let body = sms["body"].as_str().expect("sms body");
    let original = sms_request()["body"].as_str().expect("body").to_string();
    assert_ne!(body, original, "the SMS body was not redacted");
    for phi in ["Maria", "Lopez", "MRN4471902", "555-555-0199", "5555550199"] {
        assert!(
            !body.contains(phi),
            "SMS body still contains {phi:?}: {body:?}"
        );
    }
    assert_eq!(sms["schema"], "carewire.outbound/1");
    assert_eq!(sms["patient_id"], "p-2001");
    assert_eq!(sms["tenant"], "acme");
    assert_eq!(sms["recipient"]["phone"], "+15555550101");
    let audit = out.audit(SMS_ID);
    assert_eq!(audit["outcome"], "sms", "{audit:#}");
    assert_eq!(audit["channel"], "sms", "{audit:#}");
    assert_plugins_audited(&audit);
    // The records the decision rested on, by revision: the consent record
    // as seeded, and no opt-out for the number (revision 0). No keys.
    let consent = &audit["plugins"][3];
    let reads = consent["kv_reads"].as_array().expect("consent read KV");
    let revision = |bucket: &str| {
        reads
            .iter()
            .find(|r| r["bucket"] == bucket)
            .and_then(|r| r["revision"].as_u64())
            .unwrap_or_else(|| panic!("no read of {bucket}: {consent:#}"))
    };
    assert!(revision(CONSENT_BUCKET) > 0, "{consent:#}");
    assert_eq!(revision(NUMBERS_BUCKET), 0, "{consent:#}");
    assert!(!consent.to_string().contains("p-2001"), "{consent:#}");

    // The SMS is counted once in the SMS log (for TCPA limits), despite the duplicate.
    let sms_log = bucket(&js, "carewire_sms_log").await;
    let entry = sms_log
        .get(&patient_key("p-2001"))
        .await
        .expect("sms log read")
        .expect("sms log entry");
    let entry: Value = serde_json::from_slice(&entry).expect("sms log json");
    assert_eq!(entry["ids"], json!([SMS_ID]), "{entry}");
    assert_eq!(
        entry["sent_ms"].as_array().map(Vec::len),
        Some(1),
        "{entry}"
    );
    let portal_log = sms_log
        .get(&patient_key("p-2002"))
        .await
        .expect("sms log read");
    assert!(
        portal_log.is_none(),
        "a portal message was counted as an SMS"
    );

    // Portal: no consent record; the original body; the producer's trace continued.
    let portal = out.sent(PORTAL_ID, "portal");
    assert_eq!(portal["body"], portal_request()["body"]);
    let audit = out.audit(PORTAL_ID);
    assert_eq!(audit["outcome"], "portal", "{audit:#}");
    assert_eq!(audit["channel"], "portal", "{audit:#}");
    assert!(
        audit["reasons"]
            .as_array()
            .expect("reasons")
            .contains(&json!("consent_missing")),
        "{audit:#}"
    );
    assert_eq!(
        audit["trace_id"], TRACE_ID,
        "trace not continued: {audit:#}"
    );
    let outbound = out
        .outbound
        .iter()
        .find(|m| m.parsed["id"] == PORTAL_ID)
        .expect("portal outbound");
    let traceparent = outbound
        .header("traceparent")
        .expect("traceparent on the outbound message");
    assert!(
        traceparent.starts_with(&format!("00-{TRACE_ID}-")),
        "{traceparent}"
    );
    assert_plugins_audited(&audit);

    // Escalation: red-flag symptoms.
    let escalation = out.sent(ESCALATION_ID, "escalation");
    assert_eq!(escalation["labels"]["urgency"], "urgent", "{escalation:#}");
    let audit = out.audit(ESCALATION_ID);
    assert_eq!(audit["outcome"], "escalation", "{audit:#}");
    assert_eq!(audit["labels"]["urgency"], "urgent", "{audit:#}");
    assert_plugins_audited(&audit);

    // Undeliverable: do not contact; the DLQ holds the original bytes.
    assert!(out.outbound_for(UNDELIVERABLE_ID).is_empty());
    let dlq = out.dlq_for(UNDELIVERABLE_ID);
    assert_eq!(dlq.len(), 1, "{dlq:#?}");
    assert_eq!(dlq[0].subject, "carewire.dlq.undeliverable");
    assert_eq!(
        dlq[0].header("Carewire-Reason").as_deref(),
        Some("do_not_contact")
    );
    assert_eq!(
        dlq[0].payload.as_ref(),
        serde_json::to_vec(&undeliverable_request())
            .expect("encode")
            .as_slice(),
        "the DLQ message is not the original request"
    );
    let audit = out.audit(UNDELIVERABLE_ID);
    assert_eq!(audit["outcome"], "undeliverable", "{audit:#}");
    assert_eq!(audit["reason"], "do_not_contact", "{audit:#}");
    assert!(audit.get("channel").is_none(), "{audit:#}");
    assert_plugins_audited(&audit);
    let consent = &audit["plugins"][3];
    assert_eq!(consent["verdict"], "halt", "{audit:#}");

    // Every audit record is on carewire.audit.<tenant>.
    for a in &out.audit {
        assert_eq!(a.subject, "carewire.audit.acme");
        assert_eq!(a.parsed["schema"], "carewire.audit/1");
    }
    assert!(
        carewire.is_running(),
        "carewire died:\n{}",
        carewire.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_cleanly() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), clinical_plugins()).write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    // Once a message has been routed, carewire is in its intake loop (where
    // its SIGTERM handler is installed).
    let (_client, js) = nats.connect().await;
    publish_json(&js, "acme", &portal_request()).await;
    Collector::new(&js)
        .wait_finished(&[PORTAL_ID.to_string()])
        .await;
    let status = carewire.sigterm(std::time::Duration::from_secs(20));
    assert!(
        status.success(),
        "exit {status}; stderr:\n{}",
        carewire.stderr()
    );
    assert!(
        carewire.stderr().contains("carewire stopped"),
        "{}",
        carewire.stderr()
    );
}

/// TCPA frequency limits hold for SMS decided at the same moment: twelve
/// SMS-eligible reminders to one patient, waiting together when two routers
/// start, with the consent plugin's limit of one SMS a day. Each router
/// decides several at once, yet exactly one is texted and the others go to
/// the portal (the limit named), because an SMS is recorded in the SMS log
/// at the revision the consent plugin counted, before its decision is
/// stored; a message that loses that race is decided again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_sms_limit_holds_for_messages_decided_together() {
    const SMS_LOG: &str = "carewire_sms_log";
    const MESSAGES: usize = 12;
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut plugins = clinical_plugins();
    let consent = plugins.last_mut().expect("consent is last");
    consent.kv_buckets.push(SMS_LOG.into());
    consent.config = json!({
        "bucket": CONSENT_BUCKET,
        "sms_log_bucket": SMS_LOG,
        "max_per_day": 1
    });
    let mut spec = ConfigSpec::new(Some(nats.url()), plugins);
    spec.workers = 2;
    let config = spec.write(dir.path());
    let (_client, js) = nats.connect().await;
    ensure_topology(&js, &spec).await;
    seed(&js, CONSENT_BUCKET, &[("p-3001", consent_granted(true))]).await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[("p-3001", verified_self("+15555550131"))],
    )
    .await;
    let ids: Vec<String> = (0..MESSAGES).map(|n| format!("tcpa-{n}")).collect();
    for id in &ids {
        let e = envelope(
            id,
            "p-3001",
            Some("+15555550131"),
            "Your appointment is tomorrow at 9:30 AM.",
        );
        publish_json(&js, "acme", &e).await;
    }

    let _first = Carewire::start_ready(&config, dir.path(), "carewire-a.log", &[]);
    let _second = Carewire::start_ready(&config, dir.path(), "carewire-b.log", &[]);
    let mut collector = Collector::new(&js);
    let out = collector.wait_finished(&ids).await.clone();

    let audits: Vec<Value> = ids.iter().map(|id| out.audit(id)).collect();
    let texted: Vec<&Value> = audits.iter().filter(|a| a["outcome"] == "sms").collect();
    assert_eq!(texted.len(), 1, "{}", out.summary());
    for audit in audits.iter().filter(|a| a["outcome"] != "sms") {
        assert_eq!(audit["outcome"], "portal", "{audit:#}");
        assert!(
            audit.to_string().contains("tcpa_daily_limit"),
            "the limit is not named: {audit:#}"
        );
    }
    let sms_log = bucket(&js, SMS_LOG).await;
    let entry = kv_json(&sms_log, &patient_key("p-3001"))
        .await
        .expect("the SMS is logged");
    assert_eq!(entry["ids"], json!([texted[0]["id"]]), "{entry}");
}
