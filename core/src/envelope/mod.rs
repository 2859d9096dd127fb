//! The envelope: the versioned JSON request a health system publishes.
//! Decoding never panics and never echoes the payload: an invalid message
//! yields an [`Invalid`] with a machine-readable reason and no PHI. A FHIR
//! R4 `CommunicationRequest` is accepted too (see [`fhir`]); its FHIR
//! semantics (a request not to be done, or no longer valid, is refused) are
//! checked there. Field rules shared by both forms are in [`fields`].

pub mod fhir;
pub mod fields;

pub use fhir::{FhirSource, PatientReference};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Message category (what kind of message this is).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    AppointmentReminder,
    LabResult,
    Medication,
    Billing,
    CareTeam,
    Survey,
    #[default]
    Other,
}

impl Category {
    /// Every category's code, in the envelope's spelling.
    pub const CODES: [&'static str; 7] = [
        "appointment_reminder",
        "lab_result",
        "medication",
        "billing",
        "care_team",
        "survey",
        "other",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::AppointmentReminder => "appointment_reminder",
            Category::LabResult => "lab_result",
            Category::Medication => "medication",
            Category::Billing => "billing",
            Category::CareTeam => "care_team",
            Category::Survey => "survey",
            Category::Other => "other",
        }
    }
}

/// The sender's priority hint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    Routine,
    Urgent,
    Stat,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientRole {
    #[default]
    Patient,
    Proxy,
    Caregiver,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patient {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrn: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recipient {
    #[serde(default)]
    pub role: RecipientRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E.164 phone number, as given (verified by the recipient-verify plugin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_account: Option<String>,
    /// IANA time zone of the recipient (`America/Chicago`), for SMS quiet hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// ISO 3166-2 region of the recipient (`US-FL`), for stricter local quiet hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sender {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The sender as a FHIR reference (`Practitioner/dr-chen`), for the
    /// portal's `Communication.sender`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A decoded, valid request. Unknown fields are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default)]
    pub category: Category,
    pub patient: Patient,
    #[serde(default)]
    pub recipient: Recipient,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Sender>,
    #[serde(default)]
    pub priority: Priority,
    /// RFC 3339: deliver on no channel but escalation before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    pub body: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Set only by decoding a FHIR `CommunicationRequest`, never from input.
    #[serde(skip)]
    pub fhir: Option<FhirSource>,
}

/// Why a payload is not a valid request, or a FHIR request that must not be
/// carried out. Serialised as the DLQ reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidReason {
    Oversized,
    BadUtf8,
    BadJson,
    NotAnObject,
    MissingField(&'static str),
    BadField(&'static str),
    /// A `CommunicationRequest` with `doNotPerform: true`.
    FhirDoNotPerform,
    /// A `CommunicationRequest` whose `status` is a valid code but not `active`.
    FhirStatus(fhir::RequestStatus),
    /// A `CommunicationRequest` whose patient has no id carewire can use.
    FhirSubjectUnidentified,
}

impl InvalidReason {
    /// The machine-readable code, e.g. `missing_field:patient.id`.
    pub fn code(&self) -> String {
        match self {
            InvalidReason::Oversized => "oversized".into(),
            InvalidReason::BadUtf8 => "bad_utf8".into(),
            InvalidReason::BadJson => "bad_json".into(),
            InvalidReason::NotAnObject => "not_an_object".into(),
            InvalidReason::MissingField(f) => format!("missing_field:{f}"),
            InvalidReason::BadField(f) => format!("bad_field:{f}"),
            InvalidReason::FhirDoNotPerform => "fhir_do_not_perform".into(),
            InvalidReason::FhirStatus(s) => format!("fhir_status:{}", s.as_str()),
            InvalidReason::FhirSubjectUnidentified => "fhir_subject_unidentified".into(),
        }
    }
}

/// An invalid payload: the reason, and the id when one could be read safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub reason: InvalidReason,
    pub id: Option<String>,
}

impl Invalid {
    fn new(reason: InvalidReason, id: Option<String>) -> Self {
        Self { reason, id }
    }
}

/// The identifier system whose value is carewire's patient id when a FHIR
/// request names its patient by identifier (a contained Patient).
pub const DEFAULT_PATIENT_IDENTIFIER_SYSTEM: &str = "urn:carewire:patient-id";

/// What decoding needs from the configuration (`[intake]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeRules {
    /// A larger payload is `oversized`.
    pub max_payload_bytes: usize,
    /// See [`DEFAULT_PATIENT_IDENTIFIER_SYSTEM`].
    pub patient_identifier_system: String,
}

impl Default for DecodeRules {
    fn default() -> Self {
        Self {
            max_payload_bytes: 64 * 1024,
            patient_identifier_system: DEFAULT_PATIENT_IDENTIFIER_SYSTEM.into(),
        }
    }
}

/// Whether `s` may serve as a message, tenant or patient id: it becomes part
/// of NATS message ids, KV keys and audit records.
pub fn is_safe_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'='))
}

/// Whether `s` may serve as a tenant: a safe id that is also one subject token.
pub fn is_safe_tenant(s: &str) -> bool {
    is_safe_id(s) && !s.contains('.')
}

/// Decodes a payload into an envelope. `default_tenant` (from the subject)
/// applies when the envelope names none.
pub fn decode(
    payload: &[u8],
    rules: &DecodeRules,
    default_tenant: &str,
) -> Result<Envelope, Invalid> {
    use InvalidReason::*;
    if payload.len() > rules.max_payload_bytes {
        return Err(Invalid::new(Oversized, None));
    }
    let text = std::str::from_utf8(payload).map_err(|_| Invalid::new(BadUtf8, None))?;
    let value: Value = serde_json::from_str(text).map_err(|_| Invalid::new(BadJson, None))?;
    let Value::Object(mut map) = value else {
        return Err(Invalid::new(NotAnObject, None));
    };
    let mut source = None;
    if fhir::is_communication_request(&map) {
        let (mapped, fhir_source) = fhir::to_envelope(&map, rules)?;
        map = mapped;
        source = Some(fhir_source);
    }

    let id = match map.get("id") {
        None | Some(Value::Null) => return Err(Invalid::new(MissingField("id"), None)),
        Some(Value::String(s)) if is_safe_id(s) => s.clone(),
        Some(_) => return Err(Invalid::new(BadField("id"), None)),
    };
    let fail = |reason| Err(Invalid::new(reason, Some(id.clone())));
    match map.get("patient") {
        None | Some(Value::Null) => return fail(MissingField("patient.id")),
        Some(Value::Object(p)) => match p.get("id") {
            None | Some(Value::Null) => return fail(MissingField("patient.id")),
            // One KV key token: `<tenant>.<patient>.proxy.<number>` keys must
            // not be reachable by a patient id that holds dots.
            Some(Value::String(s)) if is_safe_id(s) && !s.contains('.') => {}
            Some(_) => return fail(BadField("patient.id")),
        },
        Some(_) => return fail(BadField("patient")),
    }
    match map.get("body") {
        None | Some(Value::Null) => return fail(MissingField("body")),
        Some(Value::String(body)) if fields::is_valid_body(body) => {}
        Some(_) => return fail(BadField("body")),
    }
    if let Some(t) = map.get("tenant")
        && !t.as_str().is_some_and(is_safe_tenant)
    {
        return fail(BadField("tenant"));
    }

    let mut envelope: Envelope = match serde_json::from_value(Value::Object(map.clone())) {
        Ok(e) => e,
        // serde's message may quote the value (PHI): find the field instead.
        Err(_) => return fail(BadField(first_bad_field(&map))),
    };
    if let Some(field) = fields::first_bad_value(&envelope) {
        return fail(BadField(field));
    }
    if envelope.tenant.is_none() {
        envelope.tenant = Some(default_tenant.to_string());
    }
    envelope.fhir = source;
    Ok(envelope)
}

/// Names the known top-level field that does not deserialise. `null` fits
/// only the optional ones: a `null` category, priority or recipient is that
/// field's fault.
fn first_bad_field(map: &Map<String, Value>) -> &'static str {
    fn fits<T: serde::de::DeserializeOwned>(map: &Map<String, Value>, key: &str) -> bool {
        map.get(key)
            .is_none_or(|v| serde_json::from_value::<T>(v.clone()).is_ok())
    }
    if !fits::<Option<String>>(map, "created_at") {
        "created_at"
    } else if !fits::<Category>(map, "category") {
        "category"
    } else if !fits::<Patient>(map, "patient") {
        "patient"
    } else if !fits::<Recipient>(map, "recipient") {
        "recipient"
    } else if !fits::<Option<Sender>>(map, "sender") {
        "sender"
    } else if !fits::<Priority>(map, "priority") {
        "priority"
    } else if !fits::<Option<String>>(map, "not_before") {
        "not_before"
    } else {
        "envelope"
    }
}

/// The envelope, if it belongs to `tenant` (the inbound subject's): a
/// producer that may publish only to its own tenant's subject must not
/// reach another tenant's records by naming it in the payload.
pub fn of_tenant(envelope: Envelope, tenant: &str) -> Result<Envelope, Invalid> {
    if envelope.tenant() == tenant {
        Ok(envelope)
    } else {
        Err(Invalid::new(
            InvalidReason::BadField("tenant"),
            Some(envelope.id),
        ))
    }
}

impl Envelope {
    pub fn tenant(&self) -> &str {
        self.tenant.as_deref().unwrap_or("default")
    }

    /// `not_before` in ms since the Unix epoch (validated when decoded).
    pub fn not_before_ms(&self) -> Option<i64> {
        self.not_before.as_deref().and_then(fields::rfc3339_ms)
    }

    /// The patient as a FHIR reference: the request's own subject for a
    /// FHIR request, else `Patient/<patient.id>`.
    pub fn patient_reference(&self) -> PatientReference {
        self.fhir
            .as_ref()
            .and_then(|source| source.subject.clone())
            .unwrap_or_else(|| PatientReference::Literal(format!("Patient/{}", self.patient.id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(json: &str) -> Envelope {
        decode(json.as_bytes(), &DecodeRules::default(), "acme").unwrap()
    }
    fn err(json: &[u8]) -> String {
        decode(json, &DecodeRules::default(), "acme")
            .unwrap_err()
            .reason
            .code()
    }

    #[test]
    fn minimal_envelope_decodes_with_defaults() {
        let e = ok(r#"{"id":"m1","patient":{"id":"p1"},"body":"hi"}"#);
        assert_eq!(e.tenant(), "acme");
        assert_eq!(e.category, Category::Other);
        assert_eq!(e.priority, Priority::Routine);
        assert_eq!(e.recipient.role, RecipientRole::Patient);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let e = ok(r#"{"id":"m1","patient":{"id":"p1","x":1},"body":"hi","custom":{"a":true}}"#);
        assert_eq!(e.extra["custom"]["a"], Value::Bool(true));
        assert_eq!(e.patient.extra["x"], 1);
        let back = serde_json::to_value(&e).unwrap();
        assert_eq!(back["custom"]["a"], true);
    }

    #[test]
    fn every_invalid_kind_has_a_reason() {
        let tiny = DecodeRules {
            max_payload_bytes: 5,
            ..DecodeRules::default()
        };
        assert_eq!(
            decode(&[b'x'; 10], &tiny, "t").unwrap_err().reason.code(),
            "oversized"
        );
        assert_eq!(err(b"\xff\xfe{}"), "bad_utf8");
        assert_eq!(err(b"{not json"), "bad_json");
        assert_eq!(err(b"[1,2]"), "not_an_object");
        assert_eq!(
            err(br#"{"patient":{"id":"p"},"body":"b"}"#),
            "missing_field:id"
        );
        assert_eq!(err(br#"{"id":"m","body":"b"}"#), "missing_field:patient.id");
        assert_eq!(
            err(br#"{"id":"m","patient":{},"body":"b"}"#),
            "missing_field:patient.id"
        );
        assert_eq!(
            err(br#"{"id":"m","patient":{"id":"p"}}"#),
            "missing_field:body"
        );
        assert_eq!(
            err(br#"{"id":"m","patient":{"id":"p"},"body":5}"#),
            "bad_field:body"
        );
        assert_eq!(
            err(br#"{"id":"a b","patient":{"id":"p"},"body":"b"}"#),
            "bad_field:id"
        );
        assert_eq!(
            err(br#"{"id":"m","patient":{"id":"p"},"body":"b","category":"gossip"}"#),
            "bad_field:category"
        );
    }

    #[test]
    fn field_values_are_checked_as_documented() {
        let base = |extra: &str, body: &str| {
            format!(r#"{{"id":"m","patient":{{"id":"p"}},"body":{body}{extra}}}"#)
        };
        for body in [r#""""#, r#""   ""#, r#""\n\t""#, r#""\u00a0\ufeff""#] {
            assert_eq!(err(base("", body).as_bytes()), "bad_field:body", "{body}");
        }
        let long = serde_json::to_string(&"x".repeat(fields::MAX_BODY_CHARS + 1)).unwrap();
        assert_eq!(err(base("", &long).as_bytes()), "bad_field:body");
        let longest = serde_json::to_string(&"x".repeat(fields::MAX_BODY_CHARS)).unwrap();
        assert_eq!(ok(&base("", &longest)).body.len(), fields::MAX_BODY_CHARS);

        for created_at in ["yesterday", "2026-11-27T09:00:00", "2026-11-27"] {
            let json = base(&format!(r#","created_at":"{created_at}""#), r#""hi""#);
            assert_eq!(err(json.as_bytes()), "bad_field:created_at", "{created_at}");
        }
        let json = base(r#","created_at":"2026-11-27T09:00:00-05:00""#, r#""hi""#);
        assert!(ok(&json).created_at.is_some());
        assert_eq!(
            err(base(r#","created_at":5"#, r#""hi""#).as_bytes()),
            "bad_field:created_at"
        );

        let json = base(r#","not_before":"2026-11-27T09:00:00Z""#, r#""hi""#);
        assert_eq!(ok(&json).not_before_ms(), Some(1_795_770_000_000));
        let json = base(r#","not_before":"tomorrow""#, r#""hi""#);
        assert_eq!(err(json.as_bytes()), "bad_field:not_before");

        let json = base(r#","sender":{"reference":"Practitioner/p1"}"#, r#""hi""#);
        assert_eq!(
            ok(&json).sender.unwrap().reference.as_deref(),
            Some("Practitioner/p1")
        );
        let json = base(r#","sender":{"reference":"Dr Chen"}"#, r#""hi""#);
        assert_eq!(err(json.as_bytes()), "bad_field:sender.reference");
    }

    /// Found by the fuzz target `envelope_decode`: a `null` category,
    /// priority or recipient was refused as `bad_field:envelope`, a reason
    /// docs/envelope.md does not list and that names no field.
    #[test]
    fn a_null_that_is_not_allowed_names_its_field() {
        for field in ["category", "priority", "recipient"] {
            let json = format!(r#"{{"id":"m","patient":{{"id":"p"}},"body":"b","{field}":null}}"#);
            assert_eq!(err(json.as_bytes()), format!("bad_field:{field}"));
        }
        for field in ["created_at", "sender", "not_before"] {
            let json = format!(r#"{{"id":"m","patient":{{"id":"p"}},"body":"b","{field}":null}}"#);
            assert!(decode(json.as_bytes(), &DecodeRules::default(), "t").is_ok());
        }
    }

    #[test]
    fn invalid_reasons_never_echo_the_payload() {
        let phi = br#"{"id":"m","patient":{"id":"p","name":["Jane Doe"]},"body":"b"}"#;
        let invalid = decode(phi, &DecodeRules::default(), "t").unwrap_err();
        assert_eq!(invalid.reason.code(), "bad_field:patient");
        assert!(!format!("{invalid:?}").contains("Jane"));
    }
}
