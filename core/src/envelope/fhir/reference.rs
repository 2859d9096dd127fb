//! FHIR references as a `CommunicationRequest` uses them: literal
//! (`Patient/p-9`, absolute, versioned), contained (`#pat`, meaningful only
//! inside the resource) and logical (an `identifier`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The patient a message is about, as the portal's `Communication.subject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatientReference {
    /// `Patient/<id>`: the patient's resource on the FHIR server.
    Literal(String),
    /// A logical reference: the patient's identifier (a contained Patient
    /// has no resource of its own outside the request).
    Identifier { system: String, value: String },
}

impl PatientReference {
    /// The FHIR `Reference` element.
    pub fn to_fhir(&self) -> Value {
        match self {
            PatientReference::Literal(reference) => json!({"reference": reference}),
            PatientReference::Identifier { system, value } => {
                json!({"type": "Patient", "identifier": {"system": system, "value": value}})
            }
        }
    }
}

/// A literal reference's parts: `[base/]<kind>/<id>[/_history/<version>]`.
#[derive(Debug, PartialEq, Eq)]
pub struct Literal<'a> {
    pub kind: &'a str,
    pub id: &'a str,
}

/// Parses a literal reference; `None` for contained (`#..`), URN and other
/// references that do not name a resource type and id.
pub fn literal(reference: &str) -> Option<Literal<'_>> {
    if reference.starts_with('#') || reference.starts_with("urn:") {
        return None;
    }
    let path = reference.split(['?', '#']).next().unwrap_or_default();
    let mut parts: Vec<&str> = path.split('/').collect();
    if parts.len() >= 4 && parts[parts.len() - 2] == "_history" {
        parts.truncate(parts.len() - 2);
    }
    let (&id, rest) = parts.split_last()?;
    let &kind = rest.last()?;
    let is_type = kind.starts_with(|c: char| c.is_ascii_uppercase())
        && kind.chars().all(|c| c.is_ascii_alphanumeric());
    let is_id = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    (is_type && is_id).then_some(Literal { kind, id })
}

/// The contained resource a `#id` reference points at.
pub fn contained<'a>(resource: &'a Map<String, Value>, reference: &str) -> Option<&'a Value> {
    let wanted = reference.strip_prefix('#')?;
    resource
        .get("contained")?
        .as_array()?
        .iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(wanted))
}

/// The value of the first identifier of `system` in an `identifier` array
/// (a resource's) or a single `Identifier` (a logical reference's).
pub fn identifier_value<'a>(identifiers: Option<&'a Value>, system: &str) -> Option<&'a str> {
    let matches = |i: &&Value| i.get("system").and_then(Value::as_str) == Some(system);
    let found = match identifiers? {
        Value::Array(list) => list.iter().find(matches),
        single @ Value::Object(_) => Some(single).filter(matches),
        _ => None,
    };
    found?.get("value")?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_references_give_type_and_id() {
        let cases = [
            ("Patient/p-9", Some(("Patient", "p-9"))),
            (
                "https://fhir.example.org/r4/Patient/123",
                Some(("Patient", "123")),
            ),
            ("Patient/123/_history/4", Some(("Patient", "123"))),
            ("Group/g1", Some(("Group", "g1"))),
            ("#pat", None),
            ("urn:uuid:1f0c", None),
            ("pat", None),
            ("Patient/", None),
            ("patient/1", None),
            ("Patient/a b", None),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                literal(reference).map(|l| (l.kind, l.id)),
                expected,
                "{reference}"
            );
        }
    }

    #[test]
    fn identifiers_are_found_by_system() {
        let list = json!([{"system": "urn:a", "value": "1"}, {"system": "urn:b", "value": "2"}]);
        assert_eq!(identifier_value(Some(&list), "urn:b"), Some("2"));
        assert_eq!(identifier_value(Some(&list), "urn:c"), None);
        let single = json!({"system": "urn:a", "value": "7"});
        assert_eq!(identifier_value(Some(&single), "urn:a"), Some("7"));
        assert_eq!(identifier_value(None, "urn:a"), None);
    }
}
