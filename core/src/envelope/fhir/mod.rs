//! HL7 FHIR R4 `CommunicationRequest` → envelope. The resource is rewritten
//! into an envelope object, which then goes through the ordinary validation,
//! so both forms obey the same rules and DLQ reasons.
//!
//! | envelope | CommunicationRequest |
//! | --- | --- |
//! | `id` | the first `identifier[].value` that is a safe id, else `id` |
//! | `created_at` | `authoredOn` |
//! | `category` | the first `category[].coding[].code` that is a carewire category, else `other` |
//! | `priority` | `priority` (`asap` → `urgent`) |
//! | `patient.id` | `subject.reference` `Patient/<id>` (or a contained Patient's `id`) |
//! | `patient.name`, `birth_date`, `mrn` | `subject.display`, or the contained Patient's `name`, `birthDate`, `identifier` of type `MR` |
//! | `recipient` | `recipient[0]`: a Patient → `patient`, a RelatedPerson → `proxy`; `phone` from the contained resource's `telecom` (`sms`, then `phone`) |
//! | `sender.id`, `sender.display_name` | `requester.reference`, `requester.display` |
//! | `body` | `payload[].contentString`, joined by newlines |
//! | `fhir_request` (kept as an unknown field) | `CommunicationRequest/<id>`, for the portal's `Communication.basedOn` |

use serde_json::{Map, Value, json};

/// Whether a JSON object is a FHIR `CommunicationRequest`.
pub fn is_communication_request(map: &Map<String, Value>) -> bool {
    map.get("resourceType").and_then(Value::as_str) == Some("CommunicationRequest")
}

/// Rewrites a `CommunicationRequest` into an envelope object. Missing parts
/// stay missing, so validation names them as for a plain envelope.
pub fn to_envelope(cr: &Map<String, Value>) -> Map<String, Value> {
    let contained = |reference: &str| -> Option<&Value> {
        let wanted = reference.strip_prefix('#')?;
        cr.get("contained")?
            .as_array()?
            .iter()
            .find(|r| r.get("id").and_then(Value::as_str) == Some(wanted))
    };
    let str_at = |v: &Value, path: &[&str]| -> Option<String> {
        path.iter()
            .try_fold(v, |v, key| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let cr_value = Value::Object(cr.clone());
    let mut env = Map::new();

    let identifier = cr
        .get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("value").and_then(Value::as_str))
        .find(|v| super::is_safe_id(v))
        .map(str::to_string);
    if let Some(id) = identifier.or_else(|| str_at(&cr_value, &["id"])) {
        env.insert("id".into(), Value::String(id));
    }
    if let Some(t) = str_at(&cr_value, &["authoredOn"]) {
        env.insert("created_at".into(), Value::String(t));
    }
    let category = cr
        .get("category")
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
        .find(|code| super::Category::CODES.contains(code))
        .unwrap_or("other");
    env.insert("category".into(), json!(category));
    if let Some(p) = str_at(&cr_value, &["priority"]) {
        let p = if p == "asap" { "urgent".to_string() } else { p };
        env.insert("priority".into(), Value::String(p));
    }

    let subject_ref = str_at(&cr_value, &["subject", "reference"]).unwrap_or_default();
    let subject = contained(&subject_ref);
    let patient_id = subject_ref
        .strip_prefix("Patient/")
        .map(str::to_string)
        .or_else(|| subject.and_then(|s| str_at(s, &["id"])));
    if let Some(pid) = patient_id {
        let mut patient = Map::new();
        patient.insert("id".into(), Value::String(pid));
        let name =
            str_at(&cr_value, &["subject", "display"]).or_else(|| subject.and_then(human_name));
        if let Some(name) = name {
            patient.insert("name".into(), Value::String(name));
        }
        if let Some(bd) = subject.and_then(|s| str_at(s, &["birthDate"])) {
            patient.insert("birth_date".into(), Value::String(bd));
        }
        if let Some(mrn) = subject.and_then(medical_record_number) {
            patient.insert("mrn".into(), Value::String(mrn));
        }
        env.insert("patient".into(), Value::Object(patient));
    }

    if let Some(first) = cr
        .get("recipient")
        .and_then(Value::as_array)
        .and_then(|r| r.first())
    {
        let reference = str_at(first, &["reference"]).unwrap_or_default();
        let resource = contained(&reference);
        let kind = resource
            .and_then(|r| str_at(r, &["resourceType"]))
            .unwrap_or_else(|| reference.split('/').next().unwrap_or_default().to_string());
        let mut recipient = Map::new();
        let role = if kind == "RelatedPerson" {
            "proxy"
        } else {
            "patient"
        };
        recipient.insert("role".into(), json!(role));
        let name = str_at(first, &["display"]).or_else(|| resource.and_then(human_name));
        if let Some(name) = name {
            recipient.insert("name".into(), Value::String(name));
        }
        let phone = resource
            .or(if role == "patient" { subject } else { None })
            .and_then(phone_number);
        if let Some(phone) = phone {
            recipient.insert("phone".into(), Value::String(phone));
        }
        env.insert("recipient".into(), Value::Object(recipient));
    }

    let mut sender = Map::new();
    if let Some(r) = str_at(&cr_value, &["requester", "reference"]) {
        sender.insert("id".into(), Value::String(r.replace('/', "-")));
    }
    if let Some(d) = str_at(&cr_value, &["requester", "display"]) {
        sender.insert("display_name".into(), Value::String(d));
    }
    if !sender.is_empty() {
        env.insert("sender".into(), Value::Object(sender));
    }

    let parts: Vec<&str> = cr
        .get("payload")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.get("contentString").and_then(Value::as_str))
        .collect();
    if !parts.is_empty() {
        env.insert("body".into(), Value::String(parts.join("\n")));
    }
    if let Some(id) = str_at(&cr_value, &["id"]) {
        env.insert(
            "fhir_request".into(),
            Value::String(format!("CommunicationRequest/{id}")),
        );
    }
    env
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

#[cfg(test)]
mod tests {
    use super::super::{Category, Priority, RecipientRole, decode};

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
         "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "MRN4471902"}]},
        {"resourceType": "RelatedPerson", "id": "son", "name": [{"text": "Carlos Lopez"}],
         "telecom": [{"system": "phone", "value": "+15555550177"}]}
      ],
      "subject": {"reference": "#pat"},
      "recipient": [{"reference": "#son"}],
      "requester": {"reference": "Practitioner/dr-chen", "display": "Dr. Chen"},
      "payload": [{"contentString": "Your results are ready."}, {"contentString": "Log in to read them."}]
    }"##;

    #[test]
    fn communication_request_maps_onto_the_envelope() {
        let e = decode(REQUEST.as_bytes(), 1 << 16, "acme").unwrap();
        assert_eq!(e.id, "msg-77");
        assert_eq!(e.category, Category::LabResult);
        assert_eq!(e.priority, Priority::Urgent);
        assert_eq!(e.created_at.as_deref(), Some("2026-11-27T09:00:00Z"));
        assert_eq!(e.patient.id, "pat");
        assert_eq!(e.patient.name.as_deref(), Some("Maria Lopez"));
        assert_eq!(e.patient.birth_date.as_deref(), Some("1962-03-14"));
        assert_eq!(e.patient.mrn.as_deref(), Some("MRN4471902"));
        assert_eq!(e.recipient.role, RecipientRole::Proxy);
        assert_eq!(e.recipient.phone.as_deref(), Some("+15555550177"));
        assert_eq!(e.body, "Your results are ready.\nLog in to read them.");
        assert_eq!(e.extra["fhir_request"], "CommunicationRequest/cr-77");
        assert_eq!(e.sender.unwrap().display_name.as_deref(), Some("Dr. Chen"));
    }

    #[test]
    fn missing_parts_get_the_envelope_reasons() {
        let no_payload = REQUEST.replace("\"payload\"", "\"notes\"");
        let err = decode(no_payload.as_bytes(), 1 << 16, "acme").unwrap_err();
        assert_eq!(err.reason.code(), "missing_field:body");
        let no_subject = REQUEST.replace("\"subject\"", "\"about\"");
        let err = decode(no_subject.as_bytes(), 1 << 16, "acme").unwrap_err();
        assert_eq!(err.reason.code(), "missing_field:patient.id");
    }

    #[test]
    fn patient_reference_and_direct_phone() {
        let json = r##"{"resourceType":"CommunicationRequest","id":"c1",
            "subject":{"reference":"Patient/p-9","display":"Ann Lee"},
            "contained":[{"resourceType":"Patient","id":"me","telecom":[{"system":"sms","value":"+15555550100"}]}],
            "recipient":[{"reference":"#me"}],
            "payload":[{"contentString":"Hello"}]}"##;
        let e = decode(json.as_bytes(), 1 << 16, "t").unwrap();
        assert_eq!(e.id, "c1");
        assert_eq!(e.patient.id, "p-9");
        assert_eq!(e.patient.name.as_deref(), Some("Ann Lee"));
        assert_eq!(e.recipient.role, RecipientRole::Patient);
        assert_eq!(e.recipient.phone.as_deref(), Some("+15555550100"));
    }
}
