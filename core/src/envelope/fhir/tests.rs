//! One test per row of the mapping table in docs/envelope.md.

use serde_json::{Value, json};

use super::super::{Category, DecodeRules, Envelope, Priority, RecipientRole, decode};
use super::PatientReference;

const REQUEST: &str = r##"{
  "resourceType": "CommunicationRequest",
  "id": "cr-77",
  "identifier": [{"system": "urn:acme:msg", "value": "msg-77"}],
  "status": "active",
  "category": [{"coding": [{"system": "urn:carewire:category", "code": "lab_result"}]}],
  "priority": "asap",
  "authoredOn": "2026-11-27T09:00:00Z",
  "contained": [
    {"resourceType": "Patient", "id": "pat",
     "name": [{"given": ["Maria"], "family": "Lopez"}], "birthDate": "1962-03-14",
     "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "MRN4471902"},
                    {"system": "urn:carewire:patient-id", "value": "p-1001"}]},
    {"resourceType": "RelatedPerson", "id": "son", "name": [{"text": "Carlos Lopez"}],
     "telecom": [{"system": "phone", "value": "+15555550177"}]}
  ],
  "subject": {"reference": "#pat"},
  "recipient": [{"reference": "#son"}],
  "requester": {"reference": "Practitioner/dr-chen", "display": "Dr. Chen"},
  "payload": [{"contentString": "Your results are ready."}, {"contentString": "Log in to read them."}]
}"##;

fn request() -> Value {
    serde_json::from_str(REQUEST).unwrap()
}

/// The request with `edit` applied.
fn with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut r = request();
    edit(&mut r);
    serde_json::to_vec(&r).unwrap()
}

fn ok(payload: &[u8]) -> Envelope {
    decode(payload, &DecodeRules::default(), "acme").unwrap()
}

/// The reason code, and the id the DLQ message and audit record will carry.
fn refused(payload: &[u8]) -> (String, Option<String>) {
    let invalid = decode(payload, &DecodeRules::default(), "acme").unwrap_err();
    (invalid.reason.code(), invalid.id)
}

fn reason(payload: &[u8]) -> String {
    refused(payload).0
}

#[test]
fn communication_request_maps_onto_the_envelope() {
    let e = ok(REQUEST.as_bytes());
    assert_eq!(e.id, "msg-77");
    assert_eq!(e.category, Category::LabResult);
    assert_eq!(e.priority, Priority::Urgent);
    assert_eq!(e.created_at.as_deref(), Some("2026-11-27T09:00:00Z"));
    assert_eq!(e.patient.id, "p-1001");
    assert_eq!(e.patient.name.as_deref(), Some("Maria Lopez"));
    assert_eq!(e.patient.birth_date.as_deref(), Some("1962-03-14"));
    assert_eq!(e.patient.mrn.as_deref(), Some("MRN4471902"));
    assert_eq!(e.recipient.role, RecipientRole::Proxy);
    assert_eq!(e.recipient.phone.as_deref(), Some("+15555550177"));
    assert_eq!(e.body, "Your results are ready.\nLog in to read them.");
    let source = e.fhir.as_ref().unwrap();
    assert_eq!(
        source.request.as_deref(),
        Some("CommunicationRequest/cr-77")
    );
    let sender = e.sender.unwrap();
    assert_eq!(sender.display_name.as_deref(), Some("Dr. Chen"));
    assert_eq!(sender.reference.as_deref(), Some("Practitioner/dr-chen"));
    assert!(e.extra.is_empty(), "{:?}", e.extra);
}

#[test]
fn status_other_than_active_is_refused_with_its_code() {
    for status in [
        "draft",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
    ] {
        let payload = with(|r| r["status"] = json!(status));
        assert_eq!(
            refused(&payload),
            (format!("fhir_status:{status}"), Some("msg-77".into())),
            "{status}"
        );
    }
    assert_eq!(
        reason(&with(|r| {
            r.as_object_mut().unwrap().remove("status");
        })),
        "missing_field:status"
    );
    assert_eq!(
        reason(&with(|r| r["status"] = json!("cancelled"))),
        "bad_field:status"
    );
    assert_eq!(
        reason(&with(|r| r["status"] = json!(1))),
        "bad_field:status"
    );
}

#[test]
fn do_not_perform_is_refused() {
    assert_eq!(
        refused(&with(|r| r["doNotPerform"] = json!(true))),
        ("fhir_do_not_perform".into(), Some("msg-77".into()))
    );
    // Also when the status would be refused too: "must not" is the stronger word.
    let both = with(|r| {
        r["doNotPerform"] = json!(true);
        r["status"] = json!("revoked");
    });
    assert_eq!(reason(&both), "fhir_do_not_perform");
    assert_eq!(ok(&with(|r| r["doNotPerform"] = json!(false))).id, "msg-77");
    assert_eq!(
        reason(&with(|r| r["doNotPerform"] = json!("true"))),
        "bad_field:doNotPerform"
    );
}

#[test]
fn a_refusal_never_carries_an_unsafe_id() {
    let payload = with(|r| {
        r["doNotPerform"] = json!(true);
        r["identifier"] = json!([{"value": "has spaces"}]);
        r["id"] = json!("also bad/");
    });
    assert_eq!(refused(&payload), ("fhir_do_not_perform".into(), None));
}

#[test]
fn identifier_then_resource_id() {
    let no_identifier = with(|r| {
        r.as_object_mut().unwrap().remove("identifier");
    });
    assert_eq!(ok(&no_identifier).id, "cr-77");
    let unsafe_identifier = with(|r| r["identifier"] = json!([{"value": "a b"}]));
    assert_eq!(ok(&unsafe_identifier).id, "cr-77");
}

#[test]
fn authored_on_is_created_at_when_an_instant() {
    let date_only = with(|r| r["authoredOn"] = json!("2026-11-27"));
    assert_eq!(ok(&date_only).created_at, None);
    assert_eq!(
        ok(&with(|r| r["authoredOn"] = json!("2026"))).created_at,
        None
    );
    for bad in [
        "yesterday",
        "2026-11-27T09:00:00",
        "2026-13",
        "2026-02-30",
        "26-11-27",
    ] {
        let payload = with(|r| r["authoredOn"] = json!(bad));
        assert_eq!(reason(&payload), "bad_field:authoredOn", "{bad}");
    }
}

#[test]
fn priority_codes_map_to_the_envelope_hint() {
    for (fhir, envelope) in [
        ("routine", Priority::Routine),
        ("urgent", Priority::Urgent),
        ("asap", Priority::Urgent),
        ("stat", Priority::Stat),
    ] {
        assert_eq!(
            ok(&with(|r| r["priority"] = json!(fhir))).priority,
            envelope,
            "{fhir}"
        );
    }
    let absent = with(|r| {
        r.as_object_mut().unwrap().remove("priority");
    });
    assert_eq!(ok(&absent).priority, Priority::Routine);
    assert_eq!(
        reason(&with(|r| r["priority"] = json!("whenever"))),
        "bad_field:priority"
    );
}

#[test]
fn category_is_the_first_carewire_code() {
    let hl7_only = with(
        |r| r["category"] = json!([{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/communication-category", "code": "reminder"}]}]),
    );
    assert_eq!(ok(&hl7_only).category, Category::Other);
    let second = with(|r| {
        r["category"] =
            json!([{"coding": [{"code": "notification"}]}, {"coding": [{"code": "medication"}]}])
    });
    assert_eq!(ok(&second).category, Category::Medication);
}

#[test]
fn occurrence_is_the_not_before_time() {
    let at = with(|r| r["occurrenceDateTime"] = json!("2026-12-24T15:00:00-06:00"));
    let e = ok(&at);
    assert_eq!(e.not_before.as_deref(), Some("2026-12-24T15:00:00-06:00"));
    assert_eq!(e.not_before_ms(), Some(1_798_146_000_000));
    let period = with(|r| {
        r["occurrencePeriod"] =
            json!({"start": "2026-12-24T21:00:00Z", "end": "2026-12-25T21:00:00Z"})
    });
    assert_eq!(ok(&period).not_before_ms(), Some(1_798_146_000_000));
    let open_start = with(|r| r["occurrencePeriod"] = json!({"end": "2026-12-25T21:00:00Z"}));
    assert_eq!(ok(&open_start).not_before, None);
    let day = with(|r| r["occurrenceDateTime"] = json!("2026-12-24"));
    assert_eq!(reason(&day), "bad_field:occurrenceDateTime");
    let both = with(|r| {
        r["occurrenceDateTime"] = json!("2026-12-24T21:00:00Z");
        r["occurrencePeriod"] = json!({"start": "2026-12-24T21:00:00Z"});
    });
    assert_eq!(reason(&both), "bad_field:occurrence");
    let bad_period = with(|r| r["occurrencePeriod"] = json!({"start": "soon"}));
    assert_eq!(reason(&bad_period), "bad_field:occurrencePeriod");
}

#[test]
fn requester_is_kept_as_a_reference() {
    let absolute = with(|r| {
        r["requester"] = json!({"reference": "https://ehr.example.org/fhir/PractitionerRole/77"})
    });
    let sender = ok(&absolute).sender.unwrap();
    assert_eq!(
        sender.reference.as_deref(),
        Some("https://ehr.example.org/fhir/PractitionerRole/77")
    );
    assert_eq!(sender.display_name, None);
    // A contained requester means nothing outside the request: its name only.
    let contained = with(|r| {
        r["contained"].as_array_mut().unwrap().push(
            json!({"resourceType": "Practitioner", "id": "doc", "name": [{"text": "Dr. Ada Park"}]}),
        );
        r["requester"] = json!({"reference": "#doc"});
    });
    let sender = ok(&contained).sender.unwrap();
    assert_eq!(sender.reference, None);
    assert_eq!(sender.display_name.as_deref(), Some("Dr. Ada Park"));
    for bad in ["#nobody", "Group/1", "dr-chen"] {
        let payload = with(|r| r["requester"] = json!({"reference": bad}));
        assert_eq!(reason(&payload), "bad_field:requester", "{bad}");
    }
    let none = with(|r| {
        r.as_object_mut().unwrap().remove("requester");
    });
    assert_eq!(ok(&none).sender, None);
}

#[test]
fn a_contained_patient_is_identified_by_its_identifier_never_its_local_id() {
    let e = ok(REQUEST.as_bytes());
    assert_eq!(e.patient.id, "p-1001");
    assert_ne!(e.patient.id, "pat");
    assert_eq!(
        e.patient_reference(),
        PatientReference::Identifier {
            system: "urn:carewire:patient-id".into(),
            value: "p-1001".into()
        }
    );
    // Only an MRN (PHI, never a key): the request says what is missing.
    let mrn_only = with(|r| {
        r["contained"][0]["identifier"] =
            json!([{"type": {"coding": [{"code": "MR"}]}, "value": "MRN4471902"}])
    });
    assert_eq!(
        refused(&mrn_only),
        ("fhir_subject_unidentified".into(), Some("msg-77".into()))
    );
    let no_identifier = with(|r| {
        r["contained"][0]
            .as_object_mut()
            .unwrap()
            .remove("identifier");
    });
    assert_eq!(reason(&no_identifier), "fhir_subject_unidentified");
    let unsafe_value = with(|r| {
        r["contained"][0]["identifier"] =
            json!([{"system": "urn:carewire:patient-id", "value": "p 1"}])
    });
    assert_eq!(reason(&unsafe_value), "fhir_subject_unidentified");
    // The identifier system is the operator's to name.
    let rules = DecodeRules {
        patient_identifier_system: "urn:acme:enterprise-id".into(),
        ..DecodeRules::default()
    };
    let other_system = with(|r| {
        r["contained"][0]["identifier"] =
            json!([{"system": "urn:acme:enterprise-id", "value": "E-42"}])
    });
    assert_eq!(
        decode(&other_system, &rules, "t").unwrap().patient.id,
        "E-42"
    );
    assert_eq!(reason(&other_system), "fhir_subject_unidentified");
}

#[test]
fn subject_forms() {
    let literal =
        with(|r| r["subject"] = json!({"reference": "Patient/p-9", "display": "Ann Lee"}));
    let e = ok(&literal);
    assert_eq!(e.patient.id, "p-9");
    assert_eq!(e.patient.name.as_deref(), Some("Ann Lee"));
    assert_eq!(e.patient.birth_date, None);
    assert_eq!(
        e.patient_reference(),
        PatientReference::Literal("Patient/p-9".into())
    );
    let absolute = with(|r| {
        r["subject"] = json!({"reference": "https://fhir.example.org/r4/Patient/p-9/_history/2"})
    });
    assert_eq!(
        ok(&absolute).patient_reference(),
        PatientReference::Literal("Patient/p-9".into())
    );
    let logical = with(|r| {
        r["subject"] = json!({"identifier": {"system": "urn:carewire:patient-id", "value": "p-5"}})
    });
    assert_eq!(ok(&logical).patient.id, "p-5");
    let logical_elsewhere =
        with(|r| r["subject"] = json!({"identifier": {"system": "urn:oid:1.2.3", "value": "9"}}));
    assert_eq!(reason(&logical_elsewhere), "fhir_subject_unidentified");
    for bad in [
        json!({"reference": "Group/g-1"}),
        json!({"reference": "#son"}),
        json!({"reference": "#missing"}),
        json!("Patient/p-9"),
    ] {
        let payload = with(|r| r["subject"] = bad.clone());
        assert_eq!(reason(&payload), "bad_field:subject", "{bad}");
    }
    let absent = with(|r| {
        r.as_object_mut().unwrap().remove("subject");
    });
    assert_eq!(reason(&absent), "missing_field:patient.id");
}

#[test]
fn recipient_forms() {
    let patient = with(|r| {
        r["subject"] = json!({"reference": "Patient/p-9"});
        r["contained"]
            .as_array_mut()
            .unwrap()
            .push(json!({"resourceType": "Patient", "id": "me", "telecom": [{"system": "sms", "value": "+15555550100"}]}));
        r["recipient"] = json!([{"reference": "#me"}]);
    });
    let e = ok(&patient);
    assert_eq!(e.recipient.role, RecipientRole::Patient);
    assert_eq!(e.recipient.phone.as_deref(), Some("+15555550100"));
    // The contained subject's own phone, when the patient is the recipient.
    let own_phone = with(|r| {
        r["contained"][0]["telecom"] = json!([{"system": "phone", "value": "+15555550111"}]);
        r["recipient"] = json!([{"reference": "Patient/p-1001"}]);
    });
    let e = ok(&own_phone);
    assert_eq!(e.recipient.role, RecipientRole::Patient);
    assert_eq!(e.recipient.phone.as_deref(), Some("+15555550111"));
    let related = with(|r| r["recipient"] = json!([{"reference": "RelatedPerson/rp-1"}]));
    let e = ok(&related);
    assert_eq!(e.recipient.role, RecipientRole::Proxy);
    assert_eq!(e.recipient.phone, None);
}

#[test]
fn payload_parts_with_text() {
    let blank_part = with(
        |r| r["payload"] = json!([{"contentString": "Hello"}, {"contentString": "  "}, {"contentAttachment": {"url": "x"}}]),
    );
    assert_eq!(ok(&blank_part).body, "Hello");
    let all_blank = with(|r| r["payload"] = json!([{"contentString": " \n"}]));
    assert_eq!(reason(&all_blank), "bad_field:body");
    let attachments = with(|r| r["payload"] = json!([{"contentAttachment": {"url": "x"}}]));
    assert_eq!(reason(&attachments), "missing_field:body");
}

#[test]
fn fhir_source_cannot_be_given_by_a_plain_envelope() {
    let e = ok(
        br#"{"id":"m","patient":{"id":"p"},"body":"b","fhir":{"subject":"Patient/x"},"fhir_request":"CommunicationRequest/x"}"#,
    );
    assert_eq!(e.fhir, None);
    assert_eq!(
        e.patient_reference(),
        PatientReference::Literal("Patient/p".into())
    );
}
