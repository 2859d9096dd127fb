//! The published schemas say what carewire does, and what carewire sends to
//! a FHIR server is FHIR by HL7's own definition:
//!
//! - every example and fixture request (the demo's messages, every plugin
//!   case file, this file's edge cases) gets the same answer from
//!   `docs/envelope.schema.json` (with `docs/communication-request.schema.json`)
//!   as from carewire's decoder: valid exactly when carewire accepts it,
//!   apart from the few rules JSON Schema cannot say (listed in envelope.md);
//! - every `Communication` the portal channel builds, for every kind of
//!   request, is valid against the official FHIR R4 JSON schema.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use carewire::channels::{Dispatch, FhirClient};
use carewire::envelope::{DecodeRules, decode};

/// Decoder reasons that rest on rules JSON Schema cannot state: the payload's
/// size in bytes, the IANA time-zone list, and references resolved inside a
/// FHIR request (a contained resource, the configured identifier system).
const BEYOND_SCHEMA: [&str; 5] = [
    "oversized",
    "bad_field:recipient.time_zone",
    "fhir_subject_unidentified",
    "bad_field:subject",
    "bad_field:requester",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The envelope schema, with the CommunicationRequest schema it refers to,
/// formats asserted (as carewire does).
fn envelope_validator() -> jsonschema::Validator {
    struct Local(Value);
    impl jsonschema::Retrieve for Local {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
            if uri.as_str() == self.0["$id"] {
                Ok(self.0.clone())
            } else {
                Err(format!("no such schema here: {}", uri.as_str()).into())
            }
        }
    }
    let request = read_json(&root().join("docs/communication-request.schema.json"));
    let envelope = read_json(&root().join("docs/envelope.schema.json"));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_retriever(Local(request))
        .build(&envelope)
        .unwrap_or_else(|e| panic!("the envelope schema does not compile: {e}"))
}

/// A valid FHIR request to vary.
fn communication_request() -> Value {
    json!({
        "resourceType": "CommunicationRequest",
        "id": "cr-1",
        "identifier": [{"system": "urn:acme:msg", "value": "msg-cr-1"}],
        "status": "active",
        "priority": "routine",
        "authoredOn": "2026-11-27T09:00:00Z",
        "contained": [{"resourceType": "Patient", "id": "pat",
                       "identifier": [{"system": "urn:carewire:patient-id", "value": "p-1"}],
                       "telecom": [{"system": "sms", "value": "+15555550100"}]}],
        "subject": {"reference": "#pat"},
        "recipient": [{"reference": "#pat"}],
        "requester": {"reference": "Practitioner/dr-chen", "display": "Dr. Chen"},
        "payload": [{"contentString": "Your results are ready."}]
    })
}

fn edit(mut value: Value, change: impl FnOnce(&mut Value)) -> Value {
    change(&mut value);
    value
}

fn envelope(body: Value) -> Value {
    json!({"id": "m-1", "patient": {"id": "p-1"}, "body": body})
}

/// This file's own cases: the edges of every documented rule.
fn edge_cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = Vec::new();
    let mut add = |name: &str, value: Value| cases.push((name.to_string(), value));
    add("minimal", envelope(json!("hi")));
    add("empty body", envelope(json!("")));
    add("blank body", envelope(json!(" \n\t ")));
    add("body at the limit", envelope(json!("x".repeat(32_768))));
    add("body over the limit", envelope(json!("x".repeat(32_769))));
    add("body of a number", envelope(json!(7)));
    // Every character carewire counts as blank, alone, and with a letter.
    for c in (0..=0x3000u32)
        .chain([0xfeff])
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace() || *c == '\u{feff}' || *c == '\u{200b}')
    {
        add(
            &format!("body U+{:04X}", c as u32),
            envelope(json!(c.to_string())),
        );
        add(
            &format!("body U+{:04X} and a letter", c as u32),
            envelope(json!(format!("{c}a"))),
        );
    }
    for (name, created_at) in [
        ("created_at Z", "2026-11-27T09:00:00Z"),
        (
            "created_at offset and fraction",
            "2026-11-27T09:00:00.123-05:00",
        ),
        ("created_at lower case", "2026-11-27t09:00:00z"),
        ("created_at without offset", "2026-11-27T09:00:00"),
        ("created_at a date", "2026-11-27"),
        ("created_at yesterday", "yesterday"),
        ("created_at 30 February", "2026-02-30T09:00:00Z"),
        ("created_at hour 24", "2026-11-27T24:00:00Z"),
        ("created_at with a space", "2026-11-27 09:00:00Z"),
        ("created_at a leap second", "2016-12-31T23:59:60Z"),
        ("created_at a leap second elsewhere", "2016-12-31T22:59:60Z"),
        ("created_at offset hour 24", "2026-11-27T09:00:00+24:00"),
        ("created_at no seconds", "2026-11-27T09:00Z"),
        ("created_at empty fraction", "2026-11-27T09:00:00.Z"),
    ] {
        add(
            name,
            edit(envelope(json!("hi")), |e| {
                e["created_at"] = json!(created_at)
            }),
        );
    }
    add(
        "not_before",
        edit(envelope(json!("hi")), |e| {
            e["not_before"] = json!("2026-12-24T15:00:00-06:00")
        }),
    );
    add(
        "not_before tomorrow",
        edit(envelope(json!("hi")), |e| {
            e["not_before"] = json!("tomorrow")
        }),
    );
    for (name, reference) in [
        ("sender reference", "Practitioner/dr-chen"),
        (
            "sender absolute reference",
            "https://ehr.example.org/fhir/PractitionerRole/7/_history/2",
        ),
        ("sender reference of a group", "Group/1"),
        ("sender reference without a type", "dr-chen"),
        ("sender contained reference", "#prac"),
    ] {
        add(
            name,
            edit(envelope(json!("hi")), |e| {
                e["sender"] = json!({"reference": reference})
            }),
        );
    }
    add(
        "id with a space",
        edit(envelope(json!("hi")), |e| e["id"] = json!("m 1")),
    );
    add(
        "tenant with a dot",
        edit(envelope(json!("hi")), |e| e["tenant"] = json!("a.b")),
    );
    add(
        "unknown category",
        edit(envelope(json!("hi")), |e| e["category"] = json!("gossip")),
    );
    add(
        "unknown fields kept",
        edit(envelope(json!("hi")), |e| e["custom"] = json!({"a": [1]})),
    );
    add(
        "unknown time zone",
        edit(envelope(json!("hi")), |e| {
            e["recipient"] = json!({"time_zone": "Mars/Olympus"})
        }),
    );
    add("no patient", json!({"id": "m-1", "body": "hi"}));
    add("not an object", json!([1, 2]));

    let cr = communication_request;
    add("CommunicationRequest", cr());
    add(
        "CommunicationRequest doNotPerform",
        edit(cr(), |r| r["doNotPerform"] = json!(true)),
    );
    add(
        "CommunicationRequest doNotPerform false",
        edit(cr(), |r| r["doNotPerform"] = json!(false)),
    );
    for status in [
        "draft",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
        "cancelled",
    ] {
        add(
            &format!("CommunicationRequest {status}"),
            edit(cr(), |r| r["status"] = json!(status)),
        );
    }
    add(
        "CommunicationRequest without status",
        edit(cr(), |r| {
            r.as_object_mut().unwrap().remove("status");
        }),
    );
    add(
        "CommunicationRequest Patient reference",
        edit(cr(), |r| r["subject"] = json!({"reference": "Patient/p-9"})),
    );
    add(
        "CommunicationRequest absolute Patient reference",
        edit(
            cr(),
            |r| {
                r["subject"] =
                    json!({"reference": "https://fhir.example.org/Patient/p-9/_history/1"})
            },
        ),
    );
    add(
        "CommunicationRequest Group subject",
        edit(cr(), |r| r["subject"] = json!({"reference": "Group/g"})),
    );
    add(
        "CommunicationRequest logical subject",
        edit(
            cr(),
            |r| {
                r["subject"] =
                    json!({"identifier": {"system": "urn:carewire:patient-id", "value": "p-3"}})
            },
        ),
    );
    add(
        "CommunicationRequest contained patient with an MRN only",
        edit(
            cr(),
            |r| {
                r["contained"][0]["identifier"] =
                    json!([{"type": {"coding": [{"code": "MR"}]}, "value": "MRN1"}])
            },
        ),
    );
    add(
        "CommunicationRequest subject contained nowhere",
        edit(cr(), |r| r["subject"] = json!({"reference": "#nobody"})),
    );
    add(
        "CommunicationRequest without subject",
        edit(cr(), |r| {
            r.as_object_mut().unwrap().remove("subject");
        }),
    );
    add(
        "CommunicationRequest empty body",
        edit(cr(), |r| r["payload"] = json!([{"contentString": ""}])),
    );
    add(
        "CommunicationRequest blank and text parts",
        edit(cr(), |r| {
            r["payload"] = json!([{"contentString": " "}, {"contentString": "Hello"}])
        }),
    );
    add(
        "CommunicationRequest attachment only",
        edit(
            cr(),
            |r| r["payload"] = json!([{"contentAttachment": {"url": "https://x.example/a"}}]),
        ),
    );
    add(
        "CommunicationRequest asap",
        edit(cr(), |r| r["priority"] = json!("asap")),
    );
    add(
        "CommunicationRequest unknown priority",
        edit(cr(), |r| r["priority"] = json!("whenever")),
    );
    add(
        "CommunicationRequest authoredOn a date",
        edit(cr(), |r| r["authoredOn"] = json!("2026-11-27")),
    );
    add(
        "CommunicationRequest authoredOn a month",
        edit(cr(), |r| r["authoredOn"] = json!("2026-11")),
    );
    add(
        "CommunicationRequest authoredOn 30 February",
        edit(cr(), |r| r["authoredOn"] = json!("2026-02-30")),
    );
    add(
        "CommunicationRequest authoredOn without offset",
        edit(cr(), |r| r["authoredOn"] = json!("2026-11-27T09:00:00")),
    );
    add(
        "CommunicationRequest occurrenceDateTime",
        edit(cr(), |r| {
            r["occurrenceDateTime"] = json!("2026-12-24T15:00:00-06:00")
        }),
    );
    add(
        "CommunicationRequest occurrence a date",
        edit(cr(), |r| r["occurrenceDateTime"] = json!("2026-12-24")),
    );
    add(
        "CommunicationRequest occurrencePeriod",
        edit(cr(), |r| {
            r["occurrencePeriod"] = json!({"start": "2026-12-24T21:00:00Z"})
        }),
    );
    add(
        "CommunicationRequest both occurrences",
        edit(cr(), |r| {
            r["occurrenceDateTime"] = json!("2026-12-24T21:00:00Z");
            r["occurrencePeriod"] = json!({"start": "2026-12-24T21:00:00Z"});
        }),
    );
    add(
        "CommunicationRequest contained requester",
        edit(cr(), |r| r["requester"] = json!({"reference": "#nobody"})),
    );
    add(
        "CommunicationRequest requester of a group",
        edit(cr(), |r| r["requester"] = json!({"reference": "Group/g"})),
    );
    add(
        "CommunicationRequest without any id",
        edit(cr(), |r| {
            let r = r.as_object_mut().unwrap();
            r.remove("id");
            r.remove("identifier");
        }),
    );
    add(
        "CommunicationRequest with only an unsafe identifier",
        edit(cr(), |r| {
            r.as_object_mut().unwrap().remove("id");
            r["identifier"] = json!([{"value": "a b"}]);
        }),
    );
    cases
}

/// The JSON examples of docs/envelope.md, the demo's messages and every
/// plugin case file's envelopes.
fn fixtures() -> Vec<(String, Value)> {
    let mut cases = Vec::new();
    let doc = std::fs::read_to_string(root().join("docs/envelope.md")).expect("envelope.md");
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect();
    assert!(
        blocks.len() >= 2,
        "envelope.md has {} JSON examples",
        blocks.len()
    );
    for (n, block) in blocks.into_iter().enumerate() {
        let value = serde_json::from_str(block)
            .unwrap_or_else(|e| panic!("envelope.md example {} is not JSON: {e}", n + 1));
        cases.push((format!("docs/envelope.md example {}", n + 1), value));
    }
    let messages = root().join("examples/messages.jsonl");
    let text = std::fs::read_to_string(&messages).expect("examples/messages.jsonl");
    for (n, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        // A line that is not JSON at all is the demo's bad-JSON example: no schema can say.
        if let Ok(value) = serde_json::from_str::<Value>(line) {
            cases.push((format!("examples/messages.jsonl:{}", n + 1), value));
        }
    }
    let plugins = std::fs::read_dir(root().join("plugins")).expect("plugins/");
    for plugin in plugins.filter_map(Result::ok) {
        let file = plugin.path().join("tests/cases.jsonl");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for (n, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let case: Value = serde_json::from_str(line).expect("a case is JSON");
            cases.push((
                format!("{}:{}", file.display(), n + 1),
                case["envelope"].clone(),
            ));
        }
    }
    cases
}

#[test]
fn schema_and_decoder_agree_on_every_example_and_fixture() {
    let validator = envelope_validator();
    let rules = DecodeRules::default();
    let (mut accepted, mut refused, mut beyond) = (0, 0, 0);
    let mut disagreements = Vec::new();
    let cases: Vec<(String, Value)> = fixtures().into_iter().chain(edge_cases()).collect();
    for (name, value) in &cases {
        let payload = serde_json::to_vec(value).expect("encode");
        let decoded = decode(&payload, &rules, "acme");
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        let schema_ok = errors.is_empty();
        match &decoded {
            Ok(_) if schema_ok => accepted += 1,
            Err(invalid) if !schema_ok => {
                refused += 1;
                let _ = invalid;
            }
            Err(invalid) if BEYOND_SCHEMA.contains(&invalid.reason.code().as_str()) => beyond += 1,
            Ok(_) => disagreements.push(format!(
                "{name}: carewire accepts it, the schema does not: {}",
                errors.join("; ")
            )),
            Err(invalid) => disagreements.push(format!(
                "{name}: carewire refuses it ({}), the schema accepts it",
                invalid.reason.code()
            )),
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
    // The comparison means something only if both answers occur, often.
    assert!(
        accepted >= 100 && refused >= 50,
        "{accepted} accepted, {refused} refused"
    );
    assert!(beyond >= 4, "{beyond} cases beyond the schema");
    eprintln!(
        "{accepted} accepted and {refused} refused by both; {beyond} refused on rules beyond JSON Schema"
    );
}

/// The portal's `Communication` for a dispatch built from `request`'s
/// decoded envelope, as carewire's intake builds it.
fn communication_for(request: &Value, body: &str) -> Value {
    let payload = serde_json::to_vec(request).expect("encode");
    let e = decode(&payload, &DecodeRules::default(), "acme")
        .unwrap_or_else(|i| panic!("{}: {request:#}", i.reason.code()));
    let dispatch: Dispatch = serde_json::from_value(json!({
        "schema": "carewire.dispatch/1",
        "message": {
            "schema": "carewire.outbound/1",
            "id": e.id, "tenant": e.tenant(), "channel": "portal",
            "category": e.category.as_str(), "patient_id": e.patient.id,
            "recipient": e.recipient, "body": body, "labels": {}, "reasons": []
        },
        "priority": e.priority,
        "based_on": e.fhir.as_ref().and_then(|f| f.request.clone()),
        "subject": e.patient_reference(),
        "sender": e.sender.as_ref().and_then(|s| s.display_name.clone()),
        "sender_reference": e.sender.as_ref().and_then(|s| s.reference.clone()),
        "routed_at_ms": 0
    }))
    .expect("a dispatch");
    let config = serde_json::from_value(json!({"base_url": "https://fhir.example.org/r4"}))
        .expect("a FHIR config");
    let client = FhirClient::new(&config, reqwest::Client::new());
    client.resource(&dispatch, "2026-11-27T12:00:00Z")
}

#[test]
fn every_communication_carewire_builds_is_valid_fhir_r4() {
    let body = "Your results are ready. Log in to read them.";
    let requests = [
        ("a plain envelope", envelope(json!(body))),
        (
            "a plain envelope with a sender reference",
            edit(
                envelope(json!(body)),
                |e| {
                    e["sender"] = json!({"display_name": "Oak Valley Health", "reference": "Organization/ovh"})
                },
            ),
        ),
        (
            "a proxy's message",
            edit(envelope(json!(body)), |e| {
                e["recipient"] = json!({"role": "proxy", "phone": "+15555550100"})
            }),
        ),
        (
            "a stat envelope",
            edit(envelope(json!(body)), |e| e["priority"] = json!("stat")),
        ),
        (
            "a request with a contained patient",
            communication_request(),
        ),
        (
            "a request with a literal patient",
            edit(communication_request(), |r| {
                r["subject"] = json!({"reference": "Patient/p-9"})
            }),
        ),
        (
            "a request with a logical patient and an asap priority",
            edit(communication_request(), |r| {
                r["subject"] =
                    json!({"identifier": {"system": "urn:carewire:patient-id", "value": "p-3"}});
                r["priority"] = json!("asap");
            }),
        ),
        (
            "a request with a contained requester",
            edit(communication_request(), |r| {
                r["contained"].as_array_mut().unwrap().push(
                    json!({"resourceType": "Practitioner", "id": "doc", "name": [{"text": "Dr. Ada Park"}]}),
                );
                r["requester"] = json!({"reference": "#doc"});
            }),
        ),
    ];
    for (what, request) in requests {
        let communication = communication_for(&request, body);
        support::fhir_r4::assert_valid(what, &communication);
    }
    // The check can fail: an empty payload string, as carewire once posted.
    let mut broken = communication_for(&envelope(json!(body)), body);
    broken["payload"][0]["contentString"] = json!("");
    assert!(
        !support::fhir_r4::errors(&broken).is_empty(),
        "the FHIR R4 schema accepted an empty contentString"
    );
    let mut broken = communication_for(&envelope(json!(body)), body);
    broken["subject"] = json!({"reference": "Patient/p-1", "bogus": 1});
    assert!(!support::fhir_r4::errors(&broken).is_empty());
}

/// A sample of each record carewire publishes: the smallest it sends and
/// one with every optional field, as docs/events.md describes them.
fn record_samples() -> Vec<(&'static str, &'static str, Value)> {
    let outbound = json!({
        "schema": "carewire.outbound/1",
        "id": "m-1", "tenant": "acme", "channel": "sms", "category": "other",
        "patient_id": "p-1", "recipient": {"role": "patient"},
        "body": "Hi", "labels": {}, "reasons": []
    });
    let outbound_full = json!({
        "schema": "carewire.outbound/1",
        "id": "demo-sms-1", "tenant": "acme", "channel": "portal",
        "category": "appointment_reminder", "patient_id": "p-1001",
        "recipient": {"role": "proxy", "name": "A. Person", "phone": "+15555550101",
                      "portal_account": "acct-1", "time_zone": "America/Chicago",
                      "region": "US-IL", "custom": {"kept": true}},
        "body": "Your appointment is on Monday.",
        "labels": {"urgency": "routine"},
        "reasons": ["routine", "recipient_verified"]
    });
    let plugin = json!({
        "name": "urgency-triage", "sha256": "a".repeat(64), "verdict": "continue",
        "denied": [], "replaced_bodies": [], "labels": {}, "reasons": [], "duration_us": 41
    });
    let audit = json!({
        "schema": "carewire.audit/1", "id": null, "tenant": "acme",
        "outcome": "invalid", "reason": "bad_json", "plugins": [], "labels": {},
        "reasons": [], "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "received_at_ms": 1_795_800_000_000_i64, "decision_us": 0
    });
    let audit_full = json!({
        "schema": "carewire.audit/1", "id": "demo-sms-1", "tenant": "acme",
        "outcome": "sms", "channel": "sms", "category": "lab_result",
        "plugins": [
            edit(plugin.clone(), |p| {
                p["verdict"] = json!("halt");
                p["denied"] = json!(["portal"]);
                p["required"] = json!("sms");
                p["replaced_bodies"] = json!(["sms"]);
                p["labels"] = json!({"urgency": "routine"});
                p["reasons"] = json!(["routine"]);
            }),
            edit(plugin.clone(), |p| {
                p["verdict"] = json!("failed");
                p["failure"] = json!("timeout");
                p["kv_reads"] = json!([{"bucket": "carewire_consent", "revision": 0}]);
            }),
        ],
        "labels": {"urgency": "routine"}, "reasons": ["routine", "plugin_failed:timeout"],
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "inbound_sequence": 42,
        "received_at_ms": 1_795_800_000_000_i64, "decision_us": 312
    });
    let dispatch = json!({
        "schema": "carewire.dispatch/1", "message": outbound.clone(),
        "priority": "routine", "routed_at_ms": 1_795_800_000_000_i64
    });
    let dispatch_full = json!({
        "schema": "carewire.dispatch/1", "message": outbound_full.clone(),
        "fallback": {"channel": "portal", "body": "Your results are ready."},
        "priority": "stat", "based_on": "CommunicationRequest/cr-1",
        "subject": {"identifier": {"system": "urn:carewire:patient-id", "value": "p-3"}},
        "sender": "Dr. Chen", "sender_reference": "Practitioner/dr-chen",
        "not_before_ms": 1_795_900_000_000_i64, "routed_at_ms": 1_795_800_000_000_i64
    });
    let delivery_audit = json!({
        "schema": "carewire.audit.delivery/1", "id": "m-1", "tenant": "acme",
        "channel": "sms", "result": "cancelled", "reason": "sms_opted_out",
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "at_ms": 1_795_800_093_000_i64
    });
    let delivery_audit_full = json!({
        "schema": "carewire.audit.delivery/1", "id": "m-1", "tenant": "acme",
        "channel": "sms", "result": "rerouted", "reason": "sms_too_long",
        "target": "twilio", "http_status": 503, "provider_code": "30003",
        "attempts": 5, "rerouted_to": "portal",
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "at_ms": 1_795_800_093_000_i64
    });
    let event = json!({
        "schema": "carewire.delivery/1", "id": "m-1", "tenant": "acme",
        "channel": "escalation", "status": "accepted", "at_ms": 1_795_800_000_412_i64
    });
    let event_full = json!({
        "schema": "carewire.delivery/1", "id": "m-1", "tenant": "acme",
        "channel": "sms", "status": "cancelled", "provider": "twilio",
        "provider_id": "SM9f1c", "provider_status": "undelivered", "http_status": 400,
        "error_code": "21610", "reason": "sms_opted_out", "attempts": 1,
        "rerouted_to": "portal", "at_ms": 1_795_800_000_412_i64
    });
    let deferred = json!({
        "schema": "carewire.delivery/1", "id": "m-1", "tenant": "acme",
        "channel": "sms", "status": "deferred", "reason": "quiet_hours",
        "until_ms": 1_795_830_000_000_i64, "at_ms": 1_795_800_000_412_i64
    });
    let answer = json!({
        "schema": "carewire.reply_answer/1", "to": "+15555550101",
        "body": "Reply STOP to opt out.", "keyword": "help"
    });
    let answer_full = edit(answer.clone(), |a| {
        a["keyword"] = json!("stop");
        a["in_reply_to"] = json!("SM123");
    });
    let difference = json!({
        "schema": "carewire.shadow_diff/1", "id": "m-1",
        "changes": [{"field": "outcome", "current": "sms", "candidate": "portal"}]
    });
    let difference_full = edit(difference.clone(), |d| {
        d["tenant"] = json!("acme");
        d["changes"] = json!([
            {"field": "outcome", "current": "sms", "candidate": "portal"},
            {"field": "sms_body", "current": "Hi", "candidate": null},
            {"field": "reasons", "current": ["consent_granted"], "candidate": ["tcpa_too_long"]},
            {"field": "plugins", "current": {"consent": "continue"}, "candidate": {"consent": "failed:timeout"}}
        ]);
    });
    vec![
        ("shadow difference", "minimal", difference),
        ("shadow difference", "full", difference_full),
        ("outbound", "minimal", outbound),
        ("outbound", "full", outbound_full),
        ("audit", "invalid", audit),
        ("audit", "full", audit_full),
        ("dispatch", "minimal", dispatch),
        ("dispatch", "full", dispatch_full),
        ("delivery audit", "minimal", delivery_audit),
        ("delivery audit", "full", delivery_audit_full),
        ("delivery event", "minimal", event),
        ("delivery event", "full", event_full),
        ("delivery event", "deferred", deferred),
        ("reply answer", "minimal", answer),
        ("reply answer", "full", answer_full),
    ]
}

fn remove(mut value: Value, pointer: &str, field: &str) -> Value {
    value
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .expect("an object")
        .remove(field)
        .expect("the field");
    value
}

#[test]
fn record_schemas_are_valid_and_say_what_carewire_sends() {
    let meta = jsonschema::draft202012::meta::validator();
    for (name, file) in support::RECORD_SCHEMAS {
        let schema = support::read_doc_schema(file);
        let errors: Vec<String> = meta
            .iter_errors(&schema)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "docs/{file} is not a valid 2020-12 schema: {errors:?}"
        );
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{file}"
        );
        assert_eq!(schema["properties"]["schema"]["const"], name, "{file}");
        assert!(support::record_validator(name).is_some(), "{file}");
    }

    let samples = record_samples();
    for (kind, what, sample) in &samples {
        let name = sample["schema"].as_str().expect("a schema name");
        let errors = support::record_errors(name, sample);
        assert!(errors.is_empty(), "{kind} ({what}) refused: {errors:?}");
    }

    // What carewire never sends is refused.
    let sample = |kind: &str, what: &str| {
        samples
            .iter()
            .find(|(k, w, _)| *k == kind && *w == what)
            .map(|(_, _, v)| v.clone())
            .expect("a sample")
    };
    let wrong: Vec<(&str, Value)> = vec![
        (
            "outbound on an unknown channel",
            edit(sample("outbound", "minimal"), |m| {
                m["channel"] = json!("fax")
            }),
        ),
        (
            "outbound without a body",
            remove(sample("outbound", "minimal"), "", "body"),
        ),
        (
            "outbound with an extra field",
            edit(sample("outbound", "minimal"), |m| m["extra"] = json!(1)),
        ),
        (
            "outbound recipient without a role",
            remove(sample("outbound", "full"), "/recipient", "role"),
        ),
        (
            "outbound of an unknown category",
            edit(sample("outbound", "minimal"), |m| {
                m["category"] = json!("gossip")
            }),
        ),
        (
            "dispatch whose message is on an unknown channel",
            edit(sample("dispatch", "full"), |d| {
                d["message"]["channel"] = json!("fax")
            }),
        ),
        (
            "dispatch whose message has no tenant",
            remove(sample("dispatch", "full"), "/message", "tenant"),
        ),
        (
            "dispatch with a fallback on an unknown channel",
            edit(sample("dispatch", "full"), |d| {
                d["fallback"]["channel"] = json!("email")
            }),
        ),
        (
            "dispatch without routed_at_ms",
            remove(sample("dispatch", "minimal"), "", "routed_at_ms"),
        ),
        (
            "dispatch with a subject of both kinds",
            edit(sample("dispatch", "full"), |d| {
                d["subject"]["literal"] = json!("Patient/p-3")
            }),
        ),
        (
            "audit of an unknown outcome",
            edit(sample("audit", "full"), |a| a["outcome"] = json!("email")),
        ),
        (
            "audit routed to sms naming another channel",
            edit(sample("audit", "full"), |a| a["channel"] = json!("portal")),
        ),
        (
            "audit of an invalid request without a reason",
            remove(sample("audit", "invalid"), "", "reason"),
        ),
        (
            "audit without a trace id",
            remove(sample("audit", "full"), "", "trace_id"),
        ),
        (
            "audit with a body",
            edit(sample("audit", "full"), |a| a["body"] = json!("Hi")),
        ),
        (
            "audit of a failed plugin without its failure",
            remove(sample("audit", "full"), "/plugins/1", "failure"),
        ),
        (
            "audit of a plugin with an unknown verdict",
            edit(sample("audit", "full"), |a| {
                a["plugins"][0]["verdict"] = json!("maybe")
            }),
        ),
        (
            "audit of a KV read naming its key",
            edit(sample("audit", "full"), |a| {
                a["plugins"][1]["kv_reads"][0]["key"] = json!("acme.p-1")
            }),
        ),
        (
            "audit with an empty kv_reads",
            edit(sample("audit", "full"), |a| {
                a["plugins"][1]["kv_reads"] = json!([])
            }),
        ),
        (
            "delivery audit of an unknown result",
            edit(sample("delivery audit", "minimal"), |a| {
                a["result"] = json!("lost")
            }),
        ),
        (
            "delivery audit rerouted nowhere",
            remove(sample("delivery audit", "full"), "", "rerouted_to"),
        ),
        (
            "delivery audit with the provider's error text",
            edit(sample("delivery audit", "full"), |a| {
                a["provider_message"] = json!("The number +15555550101 is unsubscribed")
            }),
        ),
        (
            "delivery event of an unknown status",
            edit(sample("delivery event", "minimal"), |e| {
                e["status"] = json!("read")
            }),
        ),
        (
            "delivery event on an unknown channel",
            edit(sample("delivery event", "minimal"), |e| {
                e["channel"] = json!("fax")
            }),
        ),
        (
            "delivery event without at_ms",
            remove(sample("delivery event", "minimal"), "", "at_ms"),
        ),
        (
            "deferred delivery event without until_ms",
            remove(sample("delivery event", "deferred"), "", "until_ms"),
        ),
        (
            "delivery event with a body",
            edit(sample("delivery event", "minimal"), |e| {
                e["body"] = json!("Hi")
            }),
        ),
        (
            "reply answer of an unknown keyword",
            edit(sample("reply answer", "minimal"), |a| {
                a["keyword"] = json!("info")
            }),
        ),
        (
            "reply answer without a recipient",
            remove(sample("reply answer", "minimal"), "", "to"),
        ),
        (
            "reply answer with an extra field",
            edit(sample("reply answer", "minimal"), |a| {
                a["from"] = json!("x")
            }),
        ),
        (
            "shadow difference with no change",
            edit(sample("shadow difference", "minimal"), |d| {
                d["changes"] = json!([])
            }),
        ),
        (
            "shadow difference of an unknown field",
            edit(sample("shadow difference", "minimal"), |d| {
                d["changes"][0]["field"] = json!("channel")
            }),
        ),
    ];
    for (what, value) in &wrong {
        let name = value["schema"].as_str().expect("a schema name");
        assert!(
            !support::record_errors(name, value).is_empty(),
            "the schema of {name} accepts {what}"
        );
    }
}
