//! The envelope: the versioned JSON request a health system publishes.
//! Decoding never panics and never echoes the payload: an invalid message
//! yields an [`Invalid`] with a machine-readable reason and no PHI. A FHIR
//! R4 `CommunicationRequest` is accepted too (see [`fhir`]).

pub mod fhir;

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
    pub body: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Why a payload is not a valid request. Serialised as the DLQ reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidReason {
    Oversized,
    BadUtf8,
    BadJson,
    NotAnObject,
    MissingField(&'static str),
    BadField(&'static str),
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
pub fn decode(payload: &[u8], max_bytes: usize, default_tenant: &str) -> Result<Envelope, Invalid> {
    use InvalidReason::*;
    if payload.len() > max_bytes {
        return Err(Invalid::new(Oversized, None));
    }
    let text = std::str::from_utf8(payload).map_err(|_| Invalid::new(BadUtf8, None))?;
    let value: Value = serde_json::from_str(text).map_err(|_| Invalid::new(BadJson, None))?;
    let Value::Object(mut map) = value else {
        return Err(Invalid::new(NotAnObject, None));
    };
    if fhir::is_communication_request(&map) {
        map = fhir::to_envelope(&map);
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
            Some(Value::String(s)) if is_safe_id(s) => {}
            Some(_) => return fail(BadField("patient.id")),
        },
        Some(_) => return fail(BadField("patient")),
    }
    match map.get("body") {
        None | Some(Value::Null) => return fail(MissingField("body")),
        Some(Value::String(_)) => {}
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
    if envelope
        .recipient
        .time_zone
        .as_deref()
        .is_some_and(|tz| !crate::delivery::quiet_hours::is_known_time_zone(tz))
    {
        return fail(BadField("recipient.time_zone"));
    }
    if envelope.tenant.is_none() {
        envelope.tenant = Some(default_tenant.to_string());
    }
    Ok(envelope)
}

/// Names the known top-level field that does not deserialise.
fn first_bad_field(map: &Map<String, Value>) -> &'static str {
    fn fits<T: serde::de::DeserializeOwned>(map: &Map<String, Value>, key: &str) -> bool {
        map.get(key)
            .is_none_or(|v| v.is_null() || serde_json::from_value::<T>(v.clone()).is_ok())
    }
    if !fits::<String>(map, "created_at") {
        "created_at"
    } else if !fits::<Category>(map, "category") {
        "category"
    } else if !fits::<Patient>(map, "patient") {
        "patient"
    } else if !fits::<Recipient>(map, "recipient") {
        "recipient"
    } else if !fits::<Sender>(map, "sender") {
        "sender"
    } else if !fits::<Priority>(map, "priority") {
        "priority"
    } else {
        "envelope"
    }
}

impl Envelope {
    pub fn tenant(&self) -> &str {
        self.tenant.as_deref().unwrap_or("default")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(json: &str) -> Envelope {
        decode(json.as_bytes(), 1 << 16, "acme").unwrap()
    }
    fn err(json: &[u8]) -> String {
        decode(json, 1 << 16, "acme").unwrap_err().reason.code()
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
        assert_eq!(
            decode(&[b'x'; 10], 5, "t").unwrap_err().reason.code(),
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
    fn invalid_reasons_never_echo_the_payload() {
        let phi = br#"{"id":"m","patient":{"id":"p","name":["Jane Doe"]},"body":"b"}"#;
        let invalid = decode(phi, 1 << 16, "t").unwrap_err();
        assert_eq!(invalid.reason.code(), "bad_field:patient");
        assert!(!format!("{invalid:?}").contains("Jane"));
    }
}
