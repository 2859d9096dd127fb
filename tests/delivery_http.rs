//! The delivery stage against fake provider APIs over real HTTP (see
//! tests/support/providers.rs): SMS through a Twilio-compatible API (at most
//! one call per message, even across a SIGKILL), the portal as a FHIR
//! `Communication` (created conditionally, so a retried timeout stores one),
//! escalations to PagerDuty and a signed webhook (without the body unless
//! allowed); retries with backoff and `Retry-After`; permanent failures and
//! spent budgets to the DLQ with codes only.
//!
//! In HTTP mode nothing is published on `carewire.outbound.<channel>`: a
//! delivery shows as events on `carewire.delivery.<channel>`.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use support::providers::{Behaviour, FakeProvider, Recorded, webhook_signature};
use support::*;

use carewire::common::clock::now_ms;

const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN: &str = "twilio-test-token";
const FROM: &str = "+15550001111";
const FHIR_TOKEN: &str = "fhir-test-token";
const ROUTING_KEY: &str = "R0123456789abcdef0123456789abcdef";
const WEBHOOK_SECRET: &str = "webhook-test-secret";
const LINK_TEMPLATE: &str = "https://portal.example.org/messages/{id}";

/// The PHI the SMS fixtures carry (see [`phi_request`]).
const PHI: &[&str] = &[
    "Maria",
    "Lopez",
    "MRN4471902",
    "1962-03-14",
    "555-555-0199",
    "5555550199",
];

/// A PHI-laden SMS request (as in tests/routing.rs): written consent and a
/// verified phone route it to SMS, with the body redacted.
fn phi_request(id: &str, patient: &str, phone: &str) -> Value {
    json!({
        "id": id,
        "tenant": "acme",
        "category": "appointment_reminder",
        "patient": {"id": patient, "name": "Maria Lopez", "birth_date": "1962-03-14", "mrn": "MRN4471902"},
        "recipient": {"role": "patient", "name": "Maria Lopez", "phone": phone},
        "sender": {"id": "clinic-7", "display_name": "Oak Valley Health"},
        "priority": "routine",
        "body": "Hi Maria Lopez, this is a reminder of your appointment on 12/03/2026 at 9:30 AM with Dr. Chen \
                 about record MRN4471902. Call 555-555-0199 to reschedule."
    })
}

/// Seeds written consent (PHI over SMS allowed) and a verified own phone.
async fn seed_sms_patient(js: &async_nats::jetstream::Context, patient: &str, phone: &str) {
    seed(js, CONSENT_BUCKET, &[(patient, consent_granted(true))]).await;
    seed(js, CONTACTS_BUCKET, &[(patient, verified_self(phone))]).await;
}

/// `[channels.sms]` through the fake Twilio, optionally with a rate limit.
fn twilio_toml(twilio: &FakeProvider, rate: Option<(u32, u32)>) -> String {
    let mut t = format!(
        "\n[channels.sms]\ntargets = [\"twilio\"]\n\n[channels.sms.twilio]\nbase_url = {}\naccount_sid = {}\nauth_token = {}\nfrom = {}\n",
        toml_str(&twilio.base_url()),
        toml_str(ACCOUNT_SID),
        toml_str(AUTH_TOKEN),
        toml_str(FROM)
    );
    if let Some((per_second, burst)) = rate {
        t.push_str(&format!(
            "\n[channels.sms.twilio.rate]\nper_second = {per_second}\nburst = {burst}\n"
        ));
    }
    t
}

fn fhir_toml(fhir: &FakeProvider) -> String {
    format!(
        "\n[channels.portal]\ntargets = [\"fhir\"]\n\n[channels.portal.fhir]\nbase_url = {}\nbearer_token = {}\n",
        toml_str(&fhir.base_url()),
        toml_str(FHIR_TOKEN)
    )
}

fn escalation_toml(pagerduty: &FakeProvider, webhook: &FakeProvider, include_body: bool) -> String {
    format!(
        "\n[channels.escalation]\ntargets = [\"pagerduty\", \"webhook\"]\ninclude_body = {include_body}\nlink_template = {}\n\n\
         [channels.escalation.pagerduty]\nbase_url = {}\nrouting_key = {}\n\n\
         [channels.escalation.webhook]\nurl = {}\nsecret = {}\n",
        toml_str(LINK_TEMPLATE),
        toml_str(&pagerduty.base_url()),
        toml_str(ROUTING_KEY),
        toml_str(&format!("{}/hook", webhook.base_url())),
        toml_str(WEBHOOK_SECRET)
    )
}

/// Starts carewire without blocking the runtime the fake providers run on.
/// carewire with debug logs, so that the PHI checks of its log see everything it says.
fn start_carewire(config: &Path, dir: &Path, log: &str) -> Carewire {
    tokio::task::block_in_place(|| {
        Carewire::start_ready(config, dir, log, &[("CAREWIRE_LOG", "debug")])
    })
}

/// The requests whose JSON body names message `id` (FHIR identifier and
/// PagerDuty dedup key: its [`message_key`]; webhook id).
fn json_requests_for(provider: &FakeProvider, id: &str) -> Vec<Recorded> {
    provider
        .requests()
        .into_iter()
        .filter(|r| {
            r.json["identifier"][0]["value"] == message_key(id)
                || r.json["dedup_key"] == message_key(id)
                || r.json["id"] == id
        })
        .collect()
}

/// The one event of `id` on `channel` from `provider` with `status`.
fn one_event(out: &Outputs, id: &str, channel: &str, provider: &str, status: &str) -> Value {
    let found = out.events_with(id, channel, Some(provider), &[status]);
    assert_eq!(
        found.len(),
        1,
        "expected one {status} event of {id} on {channel} from {provider}; all its events: {:#?}",
        out.events_for(id)
    );
    found.into_iter().next().expect("one")
}

/// The body carewire computes for `channel` (`carewire replay` over the same
/// config and KV records): what the provider should receive.
fn replayed_body(config: &Path, dir: &Path, request: &Value, kv: &Value, channel: &str) -> String {
    let input = dir.join("replay-input.jsonl");
    let kv_path = dir.join("replay-kv.json");
    std::fs::write(&input, format!("{request}\n")).expect("write replay input");
    std::fs::write(&kv_path, kv.to_string()).expect("write replay kv");
    let (status, stdout, stderr) = tokio::task::block_in_place(|| {
        carewire_cmd(&[
            "replay",
            "--config",
            config.to_str().expect("utf-8 path"),
            "--input",
            input.to_str().expect("utf-8 path"),
            "--kv",
            kv_path.to_str().expect("utf-8 path"),
        ])
    });
    assert!(status.success(), "carewire replay failed: {stderr}");
    let line: Value = serde_json::from_str(stdout.lines().next().unwrap_or(""))
        .unwrap_or_else(|e| panic!("replay output is not JSON ({e}): {stdout}"));
    assert_eq!(
        line["outcome"], channel,
        "replay decided otherwise: {line:#}"
    );
    line["bodies"][channel]
        .as_str()
        .unwrap_or_else(|| panic!("no {channel} body in {line:#}"))
        .to_string()
}

// ---------------------------------------------------------------- SMS

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_goes_to_the_twilio_api_once() {
    const ID: &str = "dlv-sms-1";
    const PATIENT: &str = "p-3001";
    const PHONE: &str = "+15555550101";
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let twilio = FakeProvider::twilio(ACCOUNT_SID, AUTH_TOKEN).await;
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = twilio_toml(&twilio, None);
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire.log");
    let (_client, js) = nats.connect().await;
    seed_sms_patient(&js, PATIENT, PHONE).await;

    let request = phi_request(ID, PATIENT, PHONE);
    publish_json(&js, "acme", &request).await;
    let mut collector = Collector::new(&js);
    collector
        .wait_events(&[ID.into()], "sms", Some("twilio"), SETTLED, WAIT)
        .await;

    // Once everything is acked, nothing can call the provider again; a few
    // seconds more show that nothing does.
    wait_consumer_idle(&js).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let out = collector.refresh().await.clone();
    let requests = twilio.requests();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one Twilio request: {requests:#?}"
    );
    let sent = &requests[0];
    assert_eq!(sent.behaviour, Behaviour::Ok, "{sent:#?}");
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.path,
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json")
    );
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT_SID}:{AUTH_TOKEN}"));
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Basic {basic}").as_str())
    );
    assert_eq!(sent.form_value("To"), Some(PHONE), "{sent:#?}");
    assert_eq!(sent.form_value("From"), Some(FROM), "{sent:#?}");
    assert_eq!(
        sent.form_value("StatusCallback"),
        None,
        "a status callback without [http]: {sent:#?}"
    );
    let body = sent.form_value("Body").expect("a Body field");
    let original = request["body"].as_str().expect("body");
    assert_ne!(body, original, "the SMS body was not redacted");
    for phi in PHI {
        assert!(
            !body.contains(phi),
            "the SMS Body contains {phi:?}: {body:?}"
        );
    }
    let kv = json!({
        CONSENT_BUCKET: {patient_key(PATIENT): consent_granted(true)},
        CONTACTS_BUCKET: {patient_key(PATIENT): verified_self(PHONE)},
    });
    let expected = replayed_body(&config, dir.path(), &request, &kv, "sms");
    assert_eq!(body, expected, "the Body is not the routed SMS body");

    let accepted = one_event(&out, ID, "sms", "twilio", "accepted");
    assert_eq!(accepted["schema"], "carewire.delivery/1", "{accepted:#}");
    assert_eq!(accepted["tenant"], "acme", "{accepted:#}");
    assert_eq!(accepted["attempts"], 1, "{accepted:#}");
    assert_eq!(accepted["provider_status"], "queued", "{accepted:#}");
    // The fake issues `SM` + 32 hex digits with its count of issued ids in
    // the low 32 bits: this is the first (and only) one it issued.
    let sid = accepted["provider_id"].as_str().unwrap_or("");
    assert!(
        sid.len() == 34
            && sid.starts_with("SM")
            && sid[2..].bytes().all(|b| b.is_ascii_hexdigit())
            && sid.ends_with("00000001"),
        "provider_id is not the fake's message sid: {accepted:#}"
    );
    assert_eq!(
        out.statuses(ID, "sms"),
        ["accepted"],
        "{:#?}",
        out.events_for(ID)
    );
    assert!(
        out.outbound_for(ID).is_empty(),
        "published on carewire.outbound although the SMS went over HTTP: {:#?}",
        out.outbound_for(ID)
    );
    assert!(out.dlq.is_empty(), "{:#?}", out.dlq);
    assert!(
        out.delivery_audits_for(ID).is_empty(),
        "{:#?}",
        out.delivery_audits_for(ID)
    );
    assert_eq!(out.audit(ID)["outcome"], "sms");
    carewire.assert_running();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_back_off_and_honour_retry_after() {
    const ID: &str = "dlv-retry-1";
    const PATIENT: &str = "p-3101";
    const PHONE: &str = "+15555550111";
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let twilio = FakeProvider::twilio(ACCOUNT_SID, AUTH_TOKEN).await;
    twilio.push([
        Behaviour::Status(500),
        Behaviour::TooMany {
            retry_after_secs: 2,
        },
        Behaviour::Ok,
    ]);
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = twilio_toml(&twilio, None);
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire.log");
    let (_client, js) = nats.connect().await;
    seed_sms_patient(&js, PATIENT, PHONE).await;

    publish_json(&js, "acme", &phi_request(ID, PATIENT, PHONE)).await;
    let mut collector = Collector::new(&js);
    collector
        .wait_events(&[ID.into()], "sms", Some("twilio"), SETTLED, WAIT)
        .await;
    let out = collector.settle().await.clone();

    let requests = twilio.requests_to(PHONE);
    let answered: Vec<&Behaviour> = requests.iter().map(|r| &r.behaviour).collect();
    assert_eq!(
        answered,
        [
            &Behaviour::Status(500),
            &Behaviour::TooMany {
                retry_after_secs: 2
            },
            &Behaviour::Ok
        ],
        "expected exactly three requests: {requests:#?}"
    );
    // After the 500: at least half the initial backoff (200 ms).
    let first_gap = requests[1].at - requests[0].at;
    assert!(
        first_gap >= Duration::from_millis(100),
        "retried {first_gap:?} after the 500"
    );
    // After the 429: no sooner than its Retry-After.
    let second_gap = requests[2].at - requests[1].at;
    assert!(
        second_gap >= Duration::from_secs(2),
        "retried {second_gap:?} after a 429 with Retry-After: 2"
    );

    let accepted = one_event(&out, ID, "sms", "twilio", "accepted");
    assert_eq!(accepted["attempts"], 3, "{accepted:#}");
    assert!(
        accepted["provider_id"]
            .as_str()
            .is_some_and(|s| s.starts_with("SM")),
        "{accepted:#}"
    );
    assert_eq!(
        out.statuses(ID, "sms"),
        ["accepted"],
        "{:#?}",
        out.events_for(ID)
    );
    assert!(out.dlq.is_empty(), "{:#?}", out.dlq);
    assert!(
        out.delivery_audits_for(ID).is_empty(),
        "{:#?}",
        out.delivery_audits_for(ID)
    );
    carewire.assert_running();
}

/// A message the fake Twilio fails, and what carewire should make of it.
struct FailureCase {
    id: &'static str,
    patient: &'static str,
    phone: &'static str,
    answer: Behaviour,
    /// Provider calls expected.
    calls: usize,
    http_status: Option<u16>,
    provider_code: Option<&'static str>,
    reason: &'static str,
    /// The delivery audit's `result`.
    result: &'static str,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spent_budget_and_permanent_failures_go_to_the_dlq() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let twilio = FakeProvider::twilio(ACCOUNT_SID, AUTH_TOKEN).await;
    let spec = {
        let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
        spec.extra_toml = twilio_toml(&twilio, None);
        spec
    };
    assert_eq!(spec.max_attempts, 4);
    let too_slow = Duration::from_millis(spec.request_timeout_ms + 1000);
    // The fake Twilio answers a scripted status with its error code 20000 + status.
    let cases = [
        FailureCase {
            id: "dlv-503",
            patient: "p-3301",
            phone: "+15555550301",
            answer: Behaviour::Status(503),
            calls: 4,
            http_status: Some(503),
            provider_code: Some("20503"),
            reason: "retries_exhausted:provider_unavailable",
            result: "failed",
        },
        FailureCase {
            id: "dlv-400",
            patient: "p-3302",
            phone: "+15555550302",
            answer: Behaviour::Status(400),
            calls: 1,
            http_status: Some(400),
            provider_code: Some("20400"),
            reason: "provider_rejected",
            result: "failed",
        },
        // The request reached Twilio but no answer came back: an SMS may
        // have gone out, so it is not sent again.
        FailureCase {
            id: "dlv-dropped",
            patient: "p-3303",
            phone: "+15555550303",
            answer: Behaviour::Drop,
            calls: 1,
            http_status: None,
            provider_code: None,
            reason: "send_outcome_unknown:connection_lost",
            result: "unknown",
        },
        FailureCase {
            id: "dlv-timeout",
            patient: "p-3304",
            phone: "+15555550304",
            answer: Behaviour::Slow(too_slow),
            calls: 1,
            http_status: None,
            provider_code: None,
            reason: "send_outcome_unknown:timeout",
            result: "unknown",
        },
    ];
    for case in &cases {
        twilio.fail_matching(&format!("To={}", case.phone), case.answer.clone());
    }
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire.log");
    let (_client, js) = nats.connect().await;
    for case in &cases {
        seed_sms_patient(&js, case.patient, case.phone).await;
    }
    for case in &cases {
        publish_json(&js, "acme", &phi_request(case.id, case.patient, case.phone)).await;
    }
    let ids: Vec<String> = cases.iter().map(|c| c.id.to_string()).collect();
    let mut collector = Collector::new(&js);
    collector
        .wait_events(&ids, "sms", Some("twilio"), SETTLED, WAIT)
        .await;
    let out = collector.settle().await.clone();

    for case in &cases {
        let id = case.id;
        let requests = twilio.requests_to(case.phone);
        assert_eq!(
            requests.len(),
            case.calls,
            "{id}: expected {} request(s): {requests:#?}",
            case.calls
        );
        assert!(
            requests.iter().all(|r| r.behaviour == case.answer),
            "{id}: {requests:#?}"
        );

        let dlq = out.dlq_for(id);
        assert_eq!(dlq.len(), 1, "{id}: {dlq:#?}");
        let dlq = dlq[0];
        assert_eq!(dlq.subject, "carewire.dlq.delivery_failed", "{id}");
        let status = case.http_status.map(|s| s.to_string());
        for (header, expected) in [
            ("Carewire-Reason", Some(case.reason.to_string())),
            ("Carewire-Channel", Some("sms".into())),
            ("Carewire-Target", Some("twilio".into())),
            ("Carewire-Attempts", Some(case.calls.to_string())),
            ("Carewire-Provider-Status", status),
            (
                "Carewire-Provider-Code",
                case.provider_code.map(String::from),
            ),
        ] {
            assert_eq!(
                dlq.header(header),
                expected,
                "{id}: DLQ header {header}; headers: {:?}",
                dlq.headers
            );
        }
        let dispatch = dlq.json();
        assert_eq!(dispatch["schema"], "carewire.dispatch/1", "{dispatch:#}");
        assert_eq!(dispatch["message"]["id"], id, "{dispatch:#}");
        assert_eq!(dispatch["message"]["channel"], "sms", "{dispatch:#}");
        assert_eq!(
            dispatch["message"]["recipient"]["phone"], case.phone,
            "{dispatch:#}"
        );

        let audits = out.delivery_audits_for(id);
        assert_eq!(audits.len(), 1, "{id}: {audits:#?}");
        let audit = &audits[0];
        assert_eq!(audit["result"], case.result, "{audit:#}");
        assert_eq!(audit["reason"], case.reason, "{audit:#}");
        assert_eq!(audit["channel"], "sms", "{audit:#}");
        assert_eq!(audit["target"], "twilio", "{audit:#}");
        assert_eq!(audit["http_status"], json!(case.http_status), "{audit:#}");
        assert_eq!(
            audit["provider_code"],
            json!(case.provider_code),
            "{audit:#}"
        );
        assert_eq!(audit["attempts"], case.calls, "{audit:#}");

        let failed = one_event(&out, id, "sms", "twilio", "failed");
        assert_eq!(failed["reason"], case.reason, "{failed:#}");
        assert_eq!(failed["attempts"], case.calls, "{failed:#}");
        assert_eq!(failed["http_status"], json!(case.http_status), "{failed:#}");
        assert_eq!(
            failed["error_code"],
            json!(case.provider_code),
            "{failed:#}"
        );
        assert_eq!(
            out.statuses(id, "sms"),
            ["failed"],
            "{:#?}",
            out.events_for(id)
        );
        assert_eq!(out.audit(id)["outcome"], "sms");

        // Codes and ids only: no PHI in the headers, the audit or the events.
        let digits: String = case.phone.chars().filter(char::is_ascii_digit).collect();
        let mut needles: Vec<&str> = PHI.to_vec();
        needles.extend([
            case.phone,
            &digits[1..],
            "reschedule",
            "appointment on",
            "Dr. Chen",
            // The time with its AM: a bare "9:30" also matches the log's
            // own timestamps between 19:30 and 19:31.
            "9:30 AM",
            "Oak Valley",
        ]);
        assert_no_phi(
            &format!("the DLQ headers of {id}"),
            &format!("{:?}", dlq.headers),
            &needles,
        );
        assert_no_phi(
            &format!("the delivery audit of {id}"),
            &audit.to_string(),
            &needles,
        );
        for event in out.events_for(id) {
            assert_no_phi(
                &format!("a delivery event of {id}"),
                &event.to_string(),
                &needles,
            );
        }
        // The provider's error text names the number; carewire's log must not.
        assert_no_phi("carewire's log", &carewire.stderr(), &needles);
    }
    assert_eq!(out.dlq.len(), cases.len(), "{:#?}", out.dlq);
    carewire.assert_running();
}

// ---------------------------------------------------------------- portal

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portal_writes_one_fhir_communication() {
    const ID: &str = "dlv-portal-1";
    const CR_ID: &str = "dlv-portal-cr";
    const LATER_ID: &str = "dlv-portal-later";
    const URGENT_LATER_ID: &str = "dlv-portal-urgent-later";
    const SLOW_ID: &str = "dlv-portal-slow";
    const BODY: &str =
        "Your care team has updated your care plan. Please review the new medication schedule.";
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let fhir = FakeProvider::fhir(FHIR_TOKEN).await;
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = fhir_toml(&fhir);
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire.log");
    let (_client, js) = nats.connect().await;
    // Verified phones, but no consent records: the portal.
    seed(
        &js,
        CONTACTS_BUCKET,
        &[
            ("p-4001", verified_self("+15555550401")),
            ("p-4002", verified_self("+15555550402")),
            ("p-4003", verified_self("+15555550403")),
            ("p-4004", verified_self("+15555550404")),
            ("p-4005", verified_self("+15555550405")),
        ],
    )
    .await;

    let plain = envelope(ID, "p-4001", Some("+15555550401"), BODY);
    // The patient as a contained resource: known by its carewire identifier,
    // never by its local id "pat".
    let communication_request = json!({
        "resourceType": "CommunicationRequest",
        "id": "cr-4002",
        "identifier": [{"system": "urn:acme:msg", "value": CR_ID}],
        "status": "active",
        "category": [{"coding": [{"system": "urn:carewire:category", "code": "lab_result"}]}],
        "subject": {"reference": "#pat"},
        "contained": [{"resourceType": "Patient", "id": "pat",
                       "identifier": [{"system": "urn:carewire:patient-id", "value": "p-4002"}],
                       "telecom": [{"system": "sms", "value": "+15555550402"}]}],
        "recipient": [{"reference": "#pat"}],
        "requester": {"reference": "Practitioner/dr-chen", "display": "Dr. Chen"},
        "payload": [{"contentString": "Your lab results are ready."},
                    {"contentString": "Log in to read them."}]
    });
    // Not before a time a few seconds ahead: held, then written.
    let not_before_ms = now_ms() + 6_000;
    let not_before = jiff::Timestamp::from_millisecond(not_before_ms)
        .expect("a time")
        .to_string();
    let mut later = envelope(LATER_ID, "p-4004", Some("+15555550404"), BODY);
    later["not_before"] = json!(not_before);
    // An emergency with a send-not-before time an hour ahead is not held.
    let mut urgent_later = envelope(
        URGENT_LATER_ID,
        "p-4005",
        Some("+15555550405"),
        "I have crushing chest pain and cannot breathe.",
    );
    urgent_later["not_before"] = json!(
        jiff::Timestamp::from_millisecond(now_ms() + 3_600_000)
            .expect("a time")
            .to_string()
    );
    publish_json(&js, "acme", &plain).await;
    publish_json(&js, "acme", &communication_request).await;
    publish_json(&js, "acme", &later).await;
    publish_json(&js, "acme", &urgent_later).await;
    let ids = [ID.to_string(), CR_ID.to_string(), LATER_ID.to_string()];
    let mut collector = Collector::new(&js);
    collector
        .wait_events(&ids, "portal", Some("fhir"), SETTLED, WAIT)
        .await;
    collector
        .wait_for("the urgent message escalated", WAIT, |o| {
            !o.outbound_for(URGENT_LATER_ID).is_empty()
        })
        .await;
    let out = collector.settle().await.clone();

    let deferred = out.events_with(LATER_ID, "portal", None, &["deferred"]);
    assert_eq!(deferred.len(), 1, "{:#?}", out.events_for(LATER_ID));
    assert_eq!(deferred[0]["reason"], "not_before", "{:#}", deferred[0]);
    assert_eq!(deferred[0]["until_ms"], not_before_ms, "{:#}", deferred[0]);
    let delivered = one_event(&out, LATER_ID, "portal", "fhir", "delivered");
    assert!(
        delivered["at_ms"].as_i64().expect("at_ms") >= not_before_ms,
        "written before its time: {delivered:#} (not before {not_before})"
    );
    assert_eq!(out.audit(URGENT_LATER_ID)["outcome"], "escalation");
    assert_eq!(out.statuses(URGENT_LATER_ID, "escalation"), ["accepted"]);

    let stored = fhir.stored();
    assert_eq!(stored.len(), 3, "{stored:#?}");
    let literal = |patient: &str| json!({"reference": format!("Patient/{patient}")});
    let cases = [
        (ID, literal("p-4001"), BODY.to_string(), None),
        (
            CR_ID,
            json!({"type": "Patient", "identifier": {"system": "urn:carewire:patient-id", "value": "p-4002"}}),
            "Your lab results are ready.\nLog in to read them.".to_string(),
            Some("CommunicationRequest/cr-4002"),
        ),
        (LATER_ID, literal("p-4004"), BODY.to_string(), None),
    ];
    for (id, subject, body, based_on) in cases {
        let found: Vec<&Value> = stored
            .iter()
            .filter(|c| c["identifier"][0]["value"] == message_key(id))
            .collect();
        assert_eq!(found.len(), 1, "{id}: {stored:#?}");
        let c = found[0];
        assert_eq!(
            c["identifier"],
            json!([{"system": "urn:carewire:message-id", "value": message_key(id)}]),
            "{c:#}"
        );
        assert_eq!(c["status"], "completed", "{c:#}");
        assert_eq!(c["subject"], subject, "{c:#}");
        assert_eq!(c["recipient"], json!([subject]), "{c:#}");
        assert_eq!(c["payload"][0]["contentString"], body, "{c:#}");
        match based_on {
            Some(reference) => {
                assert_eq!(c["basedOn"], json!([{"reference": reference}]), "{c:#}");
                assert_eq!(
                    c["sender"],
                    json!({"reference": "Practitioner/dr-chen", "display": "Dr. Chen"}),
                    "{c:#}"
                );
            }
            None => assert!(c.get("basedOn").is_none(), "{c:#}"),
        }
        // What carewire wrote is FHIR R4 by HL7's own schema (the fake
        // server refuses anything else; this says so where it matters).
        support::fhir_r4::assert_valid(&format!("the Communication of {id}"), c);

        let requests = json_requests_for(&fhir, id);
        assert_eq!(requests.len(), 1, "{id}: {requests:#?}");
        let r = &requests[0];
        assert_eq!(r.behaviour, Behaviour::Ok, "{r:#?}");
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {FHIR_TOKEN}").as_str())
        );
        assert_eq!(
            r.header("if-none-exist"),
            Some(format!("identifier=urn:carewire:message-id|{}", message_key(id)).as_str())
        );

        let delivered = one_event(&out, id, "portal", "fhir", "delivered");
        assert_eq!(delivered["provider_id"], c["id"], "{delivered:#}");
        assert_eq!(delivered["provider_status"], "created", "{delivered:#}");
        assert_eq!(delivered["attempts"], 1, "{delivered:#}");
        assert!(
            out.outbound_for(id).is_empty(),
            "{:#?}",
            out.outbound_for(id)
        );
        assert_eq!(out.audit(id)["outcome"], "portal");
    }

    // A FHIR server that does the work but answers after carewire's time
    // limit: the retry finds the first Communication through If-None-Exist.
    let slow = Duration::from_millis(spec.request_timeout_ms + 1500);
    fhir.push([Behaviour::Slow(slow)]);
    publish_json(
        &js,
        "acme",
        &envelope(SLOW_ID, "p-4003", Some("+15555550403"), BODY),
    )
    .await;
    collector
        .wait_events(
            &[SLOW_ID.into()],
            "portal",
            Some("fhir"),
            SETTLED,
            WAIT + slow,
        )
        .await;
    let out = collector.settle().await.clone();
    let requests = json_requests_for(&fhir, SLOW_ID);
    assert!(
        requests.len() >= 2,
        "expected a timed-out request and a retry: {requests:#?}"
    );
    assert_eq!(
        requests[0].behaviour,
        Behaviour::Slow(slow),
        "{requests:#?}"
    );
    for r in &requests {
        assert_eq!(
            r.header("if-none-exist"),
            Some(
                format!(
                    "identifier=urn:carewire:message-id|{}",
                    message_key(SLOW_ID)
                )
                .as_str()
            ),
            "{r:#?}"
        );
    }
    let stored: Vec<Value> = fhir
        .stored()
        .into_iter()
        .filter(|c| c["identifier"][0]["value"] == message_key(SLOW_ID))
        .collect();
    assert_eq!(
        stored.len(),
        1,
        "the retry stored a second Communication: {stored:#?}"
    );
    let delivered = one_event(&out, SLOW_ID, "portal", "fhir", "delivered");
    assert_eq!(delivered["provider_id"], stored[0]["id"], "{delivered:#}");
    assert_eq!(delivered["provider_status"], "exists", "{delivered:#}");
    assert_eq!(delivered["attempts"], requests.len(), "{delivered:#}");
    assert_eq!(
        out.statuses(SLOW_ID, "portal"),
        ["delivered"],
        "{:#?}",
        out.events_for(SLOW_ID)
    );
    assert!(out.dlq.is_empty(), "{:#?}", out.dlq);
    carewire.assert_running();
}

// ---------------------------------------------------------------- escalation

/// An urgent message (red-flag symptoms): escalated.
fn urgent_request(id: &str, patient: &str, phone: &str) -> Value {
    let mut e = envelope(
        id,
        patient,
        Some(phone),
        "Patient reports crushing chest pain and shortness of breath since this morning.",
    );
    e["category"] = json!("care_team");
    e
}

/// Pieces of the urgent body that must not leave without `include_body`.
const URGENT_BODY_TEXT: &[&str] = &[
    "crushing",
    "chest pain",
    "shortness of breath",
    "this morning",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escalation_pages_and_signs_without_the_body() {
    const ID: &str = "dlv-urgent-1";
    const WITH_BODY_ID: &str = "dlv-urgent-2";
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let pagerduty = FakeProvider::pagerduty(ROUTING_KEY).await;
    let webhook = FakeProvider::webhook(WEBHOOK_SECRET).await;
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = escalation_toml(&pagerduty, &webhook, false);
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire.log");
    let (_client, js) = nats.connect().await;
    seed_sms_patient(&js, "p-5001", "+15555550501").await;
    seed_sms_patient(&js, "p-5002", "+15555550502").await;

    let request = urgent_request(ID, "p-5001", "+15555550501");
    let body = request["body"].as_str().expect("body").to_string();
    publish_json(&js, "acme", &request).await;
    let mut collector = Collector::new(&js);
    for provider in ["pagerduty", "webhook"] {
        collector
            .wait_events(&[ID.into()], "escalation", Some(provider), SETTLED, WAIT)
            .await;
    }
    let out = collector.settle().await.clone();
    let link = LINK_TEMPLATE.replace("{id}", ID);

    // PagerDuty: one trigger, deduplicated on the message id, no body.
    let pages = pagerduty.requests();
    assert_eq!(pages.len(), 1, "{pages:#?}");
    let page = &pages[0];
    assert_eq!(page.behaviour, Behaviour::Ok, "{page:#?}");
    let event = &page.json;
    assert_eq!(event["event_action"], "trigger", "{event:#}");
    assert_eq!(event["dedup_key"], message_key(ID), "{event:#}");
    assert_eq!(event["payload"]["severity"], "critical", "{event:#}");
    assert_eq!(event["links"][0]["href"], link.as_str(), "{event:#}");
    assert_eq!(
        event["payload"]["custom_details"]["message_id"], ID,
        "{event:#}"
    );
    assert!(
        event["payload"]["custom_details"].get("body").is_none(),
        "{event:#}"
    );
    let raw = String::from_utf8_lossy(&page.body);
    assert_no_phi("the PagerDuty event", &raw, URGENT_BODY_TEXT);
    assert_no_phi("the PagerDuty event", &raw, &[body.as_str()]);

    // The webhook: signed (the fake answers a bad signature with 401), one
    // idempotency key per message, no body.
    let hooks = webhook.requests();
    assert_eq!(hooks.len(), 1, "{hooks:#?}");
    let hook = &hooks[0];
    assert_eq!(hook.behaviour, Behaviour::Ok, "{hook:#?}");
    assert_eq!(
        hook.header("idempotency-key"),
        Some(message_key(ID).as_str()),
        "{hook:#?}"
    );
    let timestamp = hook.header("x-carewire-timestamp").expect("a timestamp");
    assert_eq!(
        hook.header("x-carewire-signature"),
        Some(webhook_signature(WEBHOOK_SECRET, timestamp, &hook.body).as_str()),
        "{hook:#?}"
    );
    assert_eq!(hook.json["id"], ID, "{:#}", hook.json);
    assert_eq!(hook.json["severity"], "critical", "{:#}", hook.json);
    assert_eq!(hook.json["link"], link.as_str(), "{:#}", hook.json);
    assert!(
        hook.json["details"].get("body").is_none(),
        "{:#}",
        hook.json
    );
    let raw = String::from_utf8_lossy(&hook.body);
    assert_no_phi("the webhook body", &raw, URGENT_BODY_TEXT);

    let paged = one_event(&out, ID, "escalation", "pagerduty", "accepted");
    assert_eq!(paged["provider_id"], message_key(ID), "{paged:#}");
    assert_eq!(paged["attempts"], 1, "{paged:#}");
    let hooked = one_event(&out, ID, "escalation", "webhook", "accepted");
    assert_eq!(hooked["attempts"], 1, "{hooked:#}");
    assert_eq!(
        out.statuses(ID, "escalation"),
        ["accepted", "accepted"],
        "{:#?}",
        out.events_for(ID)
    );
    assert!(
        out.outbound_for(ID).is_empty(),
        "{:#?}",
        out.outbound_for(ID)
    );
    assert!(out.dlq.is_empty(), "{:#?}", out.dlq);
    let audit = out.audit(ID);
    assert_eq!(audit["outcome"], "escalation", "{audit:#}");

    // With include_body, both carry the body.
    let status = carewire.sigterm(Duration::from_secs(20));
    assert!(status.success(), "exit {status}:\n{}", carewire.stderr());
    spec.extra_toml = escalation_toml(&pagerduty, &webhook, true);
    let config = spec.write(dir.path());
    let mut carewire = start_carewire(&config, dir.path(), "carewire-with-body.log");
    let request = urgent_request(WITH_BODY_ID, "p-5002", "+15555550502");
    publish_json(&js, "acme", &request).await;
    for provider in ["pagerduty", "webhook"] {
        collector
            .wait_events(
                &[WITH_BODY_ID.into()],
                "escalation",
                Some(provider),
                SETTLED,
                WAIT,
            )
            .await;
    }
    let out = collector.refresh().await.clone();
    let pages = json_requests_for(&pagerduty, WITH_BODY_ID);
    assert_eq!(pages.len(), 1, "{pages:#?}");
    assert_eq!(
        pages[0].json["payload"]["custom_details"]["body"], request["body"],
        "{:#}",
        pages[0].json
    );
    let hooks = json_requests_for(&webhook, WITH_BODY_ID);
    assert_eq!(hooks.len(), 1, "{hooks:#?}");
    assert_eq!(hooks[0].behaviour, Behaviour::Ok, "{:#?}", hooks[0]);
    assert_eq!(
        hooks[0].json["details"]["body"], request["body"],
        "{:#}",
        hooks[0].json
    );
    for provider in ["pagerduty", "webhook"] {
        one_event(&out, WITH_BODY_ID, "escalation", provider, "accepted");
    }
    carewire.assert_running();
}

// ---------------------------------------------------------------- crash

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_carewire_never_sends_an_sms_twice() {
    const MESSAGES: usize = 30;
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let twilio = FakeProvider::twilio(ACCOUNT_SID, AUTH_TOKEN).await;
    // Every send takes the provider 1.5 s (it queues the SMS at once and
    // answers late), well inside carewire's 2 s limit.
    let slow = Duration::from_millis(1500);
    twilio.fail_matching("+1555", Behaviour::Slow(slow));
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    assert!(slow < Duration::from_millis(spec.request_timeout_ms));
    // Redeliveries of what the killed process held come after 5 s.
    spec.ack_wait_secs = 5;
    spec.delivery_ack_wait_secs = Some(5);
    // 5 sends a second: the kill (after 8 requests) finds sends in flight
    // and most not started yet.
    spec.extra_toml = twilio_toml(&twilio, Some((5, 5)));
    let config = spec.write(dir.path());
    let mut first = start_carewire(&config, dir.path(), "carewire-1.log");
    let (_client, js) = nats.connect().await;

    let messages: Vec<(String, String)> = (0..MESSAGES)
        .map(|i| (format!("dlv-kill-{i:02}"), format!("+155555506{i:02}")))
        .collect();
    let ids: Vec<String> = messages.iter().map(|(id, _)| id.clone()).collect();
    for (i, (_, phone)) in messages.iter().enumerate() {
        seed_sms_patient(&js, &format!("p-60{i:02}"), phone).await;
    }
    for (i, (id, phone)) in messages.iter().enumerate() {
        let request = envelope(
            id,
            &format!("p-60{i:02}"),
            Some(phone),
            "Reminder: your appointment with the clinic is tomorrow morning.",
        );
        publish_json(&js, "acme", &request).await;
    }

    twilio.wait_for_requests(8, WAIT).await;
    first.sigkill();
    let killed_with = twilio.requests().len();
    tokio::time::sleep(Duration::from_secs(1)).await;
    // Whatever the fake records from now on, the second process sent.
    let restarted_at = Instant::now();
    let mut second = start_carewire(&config, dir.path(), "carewire-2.log");

    let mut collector = Collector::new(&js);
    collector
        .wait_events(
            &ids,
            "sms",
            Some("twilio"),
            SETTLED,
            Duration::from_secs(60),
        )
        .await;
    let out = collector.settle().await.clone();
    let requests = twilio.requests();

    let mut unknown = Vec::new();
    let mut sent_after_restart = 0;
    for (id, phone) in &messages {
        let sends: Vec<&Recorded> = requests
            .iter()
            .filter(|r| r.form_value("To") == Some(phone.as_str()))
            .collect();
        assert!(
            sends.len() <= 1,
            "{id} was sent {} times (first carewire killed after {killed_with} requests): {sends:#?}",
            sends.len()
        );
        let settled = out.events_with(id, "sms", Some("twilio"), SETTLED);
        assert_eq!(
            settled.len(),
            1,
            "{id}: expected one final event, got {settled:#?}"
        );
        let event = &settled[0];
        match event["status"].as_str() {
            Some("accepted") => {
                assert_eq!(
                    sends.len(),
                    1,
                    "{id} accepted without a request at the provider: {event:#}"
                );
                assert_eq!(event["attempts"], 1, "{event:#}");
            }
            Some("failed") => {
                let reason = event["reason"].as_str().unwrap_or("");
                assert!(
                    reason.starts_with("send_outcome_unknown"),
                    "{id} failed for another reason than an unknown outcome: {event:#}"
                );
                unknown.push(id.clone());
            }
            _ => panic!("{id}: unexpected final event {event:#}"),
        }
        if let Some(send) = sends.first()
            && send.at > restarted_at
        {
            sent_after_restart += 1;
            assert_eq!(
                event["status"], "accepted",
                "{id} was sent (and answered) by the second carewire: {event:#}"
            );
        }
        let decisions = out.audits_for(id);
        assert_eq!(
            decisions.len(),
            1,
            "{id}: expected one decision audit record: {decisions:#?}"
        );
        assert_eq!(decisions[0]["outcome"], "sms", "{:#}", decisions[0]);
    }
    assert!(
        !unknown.is_empty(),
        "no send was in flight at the kill (after {killed_with} requests); requests: {}",
        requests.len()
    );
    assert!(
        sent_after_restart > 0,
        "the second carewire sent nothing: every message was sent before the kill ({killed_with} requests)"
    );
    for id in &unknown {
        let dlq = out.dlq_for(id);
        assert_eq!(dlq.len(), 1, "{id}: {dlq:#?}");
        assert_eq!(dlq[0].subject, "carewire.dlq.delivery_failed");
        assert!(
            dlq[0]
                .header("Carewire-Reason")
                .is_some_and(|r| r.starts_with("send_outcome_unknown")),
            "{id}: {:?}",
            dlq[0].headers
        );
        assert_eq!(dlq[0].header("Carewire-Target").as_deref(), Some("twilio"));
        let audits = out.delivery_audits_for(id);
        assert_eq!(audits.len(), 1, "{id}: {audits:#?}");
        assert_eq!(audits[0]["result"], "unknown", "{:#}", audits[0]);
        assert!(
            audits[0]["reason"]
                .as_str()
                .is_some_and(|r| r.starts_with("send_outcome_unknown")),
            "{:#}",
            audits[0]
        );
    }
    assert_eq!(
        out.dlq.len(),
        unknown.len(),
        "DLQ messages for other ids than the unknown ones: {:#?}",
        out.dlq
    );
    second.assert_running();
}
