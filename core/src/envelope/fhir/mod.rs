//! HL7 FHIR R4 `CommunicationRequest` → envelope. A request is carried out
//! only when its `status` is `active` and `doNotPerform` is absent or false;
//! anything else is refused with a reason, never delivered. A request that
//! may be carried out is rewritten into an envelope object, which then goes
//! through the ordinary validation, so both forms obey the same rules and
//! DLQ reasons. The mapping, field by field, is the table in
//! `docs/envelope.md` (every row has a test in `tests.rs`).

mod reference;
#[cfg(test)]
mod tests;

pub use reference::PatientReference;

use serde_json::{Map, Value, json};

use super::fields::{is_sender_reference, rfc3339_ms};
use super::{Category, DecodeRules, Invalid, InvalidReason, is_safe_id};

/// `CommunicationRequest.status` (the FHIR `request-status` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Draft,
    Active,
    OnHold,
    Revoked,
    Completed,
    EnteredInError,
    Unknown,
}

impl RequestStatus {
    const ALL: [RequestStatus; 7] = [
        RequestStatus::Draft,
        RequestStatus::Active,
        RequestStatus::OnHold,
        RequestStatus::Revoked,
        RequestStatus::Completed,
        RequestStatus::EnteredInError,
        RequestStatus::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::Active => "active",
            RequestStatus::OnHold => "on-hold",
            RequestStatus::Revoked => "revoked",
            RequestStatus::Completed => "completed",
            RequestStatus::EnteredInError => "entered-in-error",
            RequestStatus::Unknown => "unknown",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// What the portal's `Communication` needs from the request it fulfils.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirSource {
    /// `CommunicationRequest/<id>`, for `Communication.basedOn`.
    pub request: Option<String>,
    /// The patient, for `Communication.subject` (`None` only when the
    /// request has no subject, and so is invalid).
    pub subject: Option<PatientReference>,
}

/// Whether a JSON object is a FHIR `CommunicationRequest`.
pub fn is_communication_request(map: &Map<String, Value>) -> bool {
    map.get("resourceType").and_then(Value::as_str) == Some("CommunicationRequest")
}

/// Checks that the request may be carried out, then rewrites it into an
/// envelope object. Missing parts stay missing, so validation names them as
/// for a plain envelope.
pub fn to_envelope(
    cr: &Map<String, Value>,
    rules: &DecodeRules,
) -> Result<(Map<String, Value>, FhirSource), Invalid> {
    let id = message_id(cr);
    let refuse = |reason| Invalid::new(reason, id.clone().filter(|id| is_safe_id(id)));
    may_be_performed(cr).map_err(refuse)?;

    let mut env = Map::new();
    if let Some(id) = &id {
        env.insert("id".into(), json!(id));
    }
    if let Some(created_at) = authored_on(cr).map_err(refuse)? {
        env.insert("created_at".into(), json!(created_at));
    }
    if let Some(not_before) = occurrence(cr).map_err(refuse)? {
        env.insert("not_before".into(), json!(not_before));
    }
    env.insert("category".into(), json!(category(cr)));
    if let Some(priority) = cr.get("priority").and_then(Value::as_str) {
        // `asap` ranks between urgent and stat; carewire's `urgent` is the
        // nearest hint that does not force an escalation.
        let priority = if priority == "asap" {
            "urgent"
        } else {
            priority
        };
        env.insert("priority".into(), json!(priority));
    }

    let subject = subject(cr, rules)
        .map_err(refuse)?
        .map(|(patient, reference)| {
            env.insert("patient".into(), Value::Object(patient));
            reference
        });
    if let Some(recipient) = recipient(cr) {
        env.insert("recipient".into(), Value::Object(recipient));
    }
    if let Some(sender) = requester(cr).map_err(refuse)? {
        env.insert("sender".into(), Value::Object(sender));
    }
    if let Some(body) = payload(cr) {
        env.insert("body".into(), json!(body));
    }
    let request = cr
        .get("id")
        .and_then(Value::as_str)
        .filter(|i| reference::literal(&format!("CommunicationRequest/{i}")).is_some())
        .map(|i| format!("CommunicationRequest/{i}"));
    Ok((env, FhirSource { request, subject }))
}

/// The first `identifier[].value` that is a safe id, else the resource id.
fn message_id(cr: &Map<String, Value>) -> Option<String> {
    cr.get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("value").and_then(Value::as_str))
        .find(|v| is_safe_id(v))
        .or_else(|| cr.get("id").and_then(Value::as_str))
        .map(str::to_string)
}

/// `doNotPerform: true` forbids the communication; a `status` other than
/// `active` means it is not (or no longer) to be done.
fn may_be_performed(cr: &Map<String, Value>) -> Result<(), InvalidReason> {
    match cr.get("doNotPerform") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => return Err(InvalidReason::FhirDoNotPerform),
        Some(_) => return Err(InvalidReason::BadField("doNotPerform")),
    }
    match cr.get("status") {
        None | Some(Value::Null) => Err(InvalidReason::MissingField("status")),
        Some(Value::String(code)) => match RequestStatus::parse(code) {
            Some(RequestStatus::Active) => Ok(()),
            Some(other) => Err(InvalidReason::FhirStatus(other)),
            None => Err(InvalidReason::BadField("status")),
        },
        Some(_) => Err(InvalidReason::BadField("status")),
    }
}

/// Whether `text` is a FHIR `dateTime` without a time: `2026`, `2026-11`,
/// `2026-11-27`.
fn is_fhir_date(text: &str) -> bool {
    let number = |s: &str, n: usize| {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (number(y, 4), number(m, 2), number(d, 2)) else {
                return false;
            };
            let month = u8::try_from(m)
                .ok()
                .and_then(|m| time::Month::try_from(m).ok());
            month.is_some_and(|month| {
                time::Date::from_calendar_date(i32::from(y), month, u8::try_from(d).unwrap_or(0))
                    .is_ok()
            })
        }
        _ => false,
    }
}

/// `authoredOn` as `created_at` when it is an instant; a date alone is valid
/// FHIR but no instant, so it is left out.
fn authored_on(cr: &Map<String, Value>) -> Result<Option<String>, InvalidReason> {
    match cr.get("authoredOn") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(t)) if rfc3339_ms(t).is_some() => Ok(Some(t.clone())),
        Some(Value::String(t)) if is_fhir_date(t) => Ok(None),
        Some(_) => Err(InvalidReason::BadField("authoredOn")),
    }
}

/// `occurrenceDateTime`, or `occurrencePeriod.start`: the time before which
/// the message must not be delivered. It must be an instant: a day alone
/// would leave open in whose time zone it starts.
fn occurrence(cr: &Map<String, Value>) -> Result<Option<String>, InvalidReason> {
    let instant = |value: Option<&Value>, field| match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(t)) if rfc3339_ms(t).is_some() => Ok(Some(t.clone())),
        Some(_) => Err(InvalidReason::BadField(field)),
    };
    match (cr.get("occurrenceDateTime"), cr.get("occurrencePeriod")) {
        (Some(_), Some(_)) => Err(InvalidReason::BadField("occurrence")),
        (Some(at), None) => instant(Some(at), "occurrenceDateTime"),
        (None, Some(Value::Object(period))) => instant(period.get("start"), "occurrencePeriod"),
        (None, Some(_)) => Err(InvalidReason::BadField("occurrencePeriod")),
        (None, None) => Ok(None),
    }
}

/// The first `category[].coding[].code` that is a carewire category, else
/// `other` (HL7's own codes, alert/notification/reminder/instruction, say
/// too little for carewire's consent rules).
fn category(cr: &Map<String, Value>) -> &'static str {
    cr.get("category")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|c| {
            c.get("coding")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(|c| c.get("code").and_then(Value::as_str))
        .find_map(|code| Category::CODES.into_iter().find(|&c| c == code))
        .unwrap_or("other")
}

/// The envelope's `patient` object and the reference to the patient.
type Subject = (Map<String, Value>, PatientReference);

/// The envelope's `patient` and the reference to the patient: a literal
/// `Patient/<id>` gives the id; a contained Patient or a logical reference
/// gives it through the identifier of `rules.patient_identifier_system`.
/// `None` when there is no subject at all.
fn subject(cr: &Map<String, Value>, rules: &DecodeRules) -> Result<Option<Subject>, InvalidReason> {
    let Some(subject) = cr.get("subject") else {
        return Ok(None);
    };
    let Value::Object(subject) = subject else {
        return Err(InvalidReason::BadField("subject"));
    };
    let system = rules.patient_identifier_system.as_str();
    let by_identifier = |identifiers: Option<&Value>| {
        let value = reference::identifier_value(identifiers, system)
            .filter(|v| is_safe_id(v))
            .ok_or(InvalidReason::FhirSubjectUnidentified)?;
        Ok::<_, InvalidReason>((
            value.to_string(),
            PatientReference::Identifier {
                system: system.into(),
                value: value.into(),
            },
        ))
    };
    let text = subject.get("reference").and_then(Value::as_str);
    let mut patient = Map::new();
    let (id, reference) = match text {
        Some(r) if r.starts_with('#') => {
            let resource = reference::contained(cr, r)
                .filter(|c| c.get("resourceType").and_then(Value::as_str) == Some("Patient"))
                .ok_or(InvalidReason::BadField("subject"))?;
            add_patient_details(&mut patient, resource);
            by_identifier(resource.get("identifier"))?
        }
        Some(r) => match reference::literal(r) {
            Some(l) if l.kind == "Patient" => (
                l.id.to_string(),
                PatientReference::Literal(format!("Patient/{}", l.id)),
            ),
            _ => return Err(InvalidReason::BadField("subject")),
        },
        None => by_identifier(subject.get("identifier"))?,
    };
    patient.insert("id".into(), json!(id));
    if let Some(display) = subject.get("display").and_then(Value::as_str) {
        patient.insert("name".into(), json!(display));
    }
    Ok(Some((patient, reference)))
}

/// Name, birth date and MRN of a contained Patient: known identifiers the
/// redaction plugin removes from the SMS.
fn add_patient_details(patient: &mut Map<String, Value>, resource: &Value) {
    if let Some(name) = human_name(resource) {
        patient.insert("name".into(), json!(name));
    }
    if let Some(birth_date) = resource.get("birthDate").and_then(Value::as_str) {
        patient.insert("birth_date".into(), json!(birth_date));
    }
    if let Some(mrn) = medical_record_number(resource) {
        patient.insert("mrn".into(), json!(mrn));
    }
}

/// `recipient[0]`: a RelatedPerson is a proxy, anyone else the patient; the
/// phone from its contained resource's `telecom` (`sms`, then `phone`), or
/// the contained subject's for the patient.
fn recipient(cr: &Map<String, Value>) -> Option<Map<String, Value>> {
    let first = cr.get("recipient")?.as_array()?.first()?;
    let reference_text = first
        .get("reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let resource = reference::contained(cr, reference_text);
    let kind = resource
        .and_then(|r| r.get("resourceType").and_then(Value::as_str))
        .or_else(|| reference::literal(reference_text).map(|l| l.kind))
        .unwrap_or_default();
    let role = if kind == "RelatedPerson" {
        "proxy"
    } else {
        "patient"
    };
    let mut recipient = Map::new();
    recipient.insert("role".into(), json!(role));
    let name = first
        .get("display")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| resource.and_then(human_name));
    if let Some(name) = name {
        recipient.insert("name".into(), json!(name));
    }
    let subject = cr
        .get("subject")
        .and_then(|s| s.get("reference"))
        .and_then(Value::as_str)
        .and_then(|r| reference::contained(cr, r));
    let phone = resource
        .or(if role == "patient" { subject } else { None })
        .and_then(phone_number);
    if let Some(phone) = phone {
        recipient.insert("phone".into(), json!(phone));
    }
    Some(recipient)
}

/// `requester`: a literal reference is kept for `Communication.sender`; a
/// contained one means nothing outside the request, so only its name is.
fn requester(cr: &Map<String, Value>) -> Result<Option<Map<String, Value>>, InvalidReason> {
    let Some(requester) = cr.get("requester") else {
        return Ok(None);
    };
    let mut sender = Map::new();
    let mut display = requester
        .get("display")
        .and_then(Value::as_str)
        .map(str::to_string);
    match requester.get("reference").and_then(Value::as_str) {
        Some(r) if r.starts_with('#') => {
            let resource =
                reference::contained(cr, r).ok_or(InvalidReason::BadField("requester"))?;
            display = display.or_else(|| human_name(resource));
        }
        Some(r) if is_sender_reference(r) => {
            sender.insert("id".into(), json!(r.replace('/', "-")));
            sender.insert("reference".into(), json!(r));
        }
        Some(_) => return Err(InvalidReason::BadField("requester")),
        None => {}
    }
    if let Some(display) = display {
        sender.insert("display_name".into(), json!(display));
    }
    Ok((!sender.is_empty()).then_some(sender))
}

/// `payload[].contentString` parts with text in them, joined by newlines.
/// Attachments and references are not messages carewire can send.
fn payload(cr: &Map<String, Value>) -> Option<String> {
    let parts: Vec<&str> = cr
        .get("payload")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.get("contentString").and_then(Value::as_str))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let texts: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| super::fields::is_valid_body(p))
        .collect();
    Some(texts.join("\n"))
}

fn human_name(resource: &Value) -> Option<String> {
    let name = resource.get("name")?.as_array()?.first()?;
    if let Some(text) = name.get("text").and_then(Value::as_str) {
        return Some(text.to_string());
    }
    let mut parts: Vec<&str> = name
        .get("given")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    parts.extend(name.get("family").and_then(Value::as_str));
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn medical_record_number(resource: &Value) -> Option<String> {
    resource
        .get("identifier")?
        .as_array()?
        .iter()
        .find(|i| {
            i.pointer("/type/coding")
                .and_then(Value::as_array)
                .is_some_and(|cs| {
                    cs.iter()
                        .any(|c| c.get("code").and_then(Value::as_str) == Some("MR"))
                })
        })
        .and_then(|i| i.get("value").and_then(Value::as_str))
        .map(str::to_string)
}

fn phone_number(resource: &Value) -> Option<String> {
    let telecom = resource.get("telecom")?.as_array()?;
    ["sms", "phone"].iter().find_map(|system| {
        telecom
            .iter()
            .find(|t| t.get("system").and_then(Value::as_str) == Some(system))
            .and_then(|t| t.get("value").and_then(Value::as_str))
            .map(str::to_string)
    })
}
