//! The verified-contacts record stored in the KV bucket under the patient
//! id (`contacts-record.schema.json`):
//! `{"contacts": [{"phone", "method", "verified_at", "relationship", "scope",
//! "expires_at", "status", "portal_account"}]}`. Unknown fields are ignored.

use carewire_plugin_sdk::{phone, timestamp};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    /// The patient's own contact point.
    #[serde(rename = "self")]
    OwnNumber,
    /// A proxy's (parent, guardian, caregiver with access): only for the
    /// categories in its `scope`, until its `expires_at`.
    Proxy,
    /// Anything else: matches no role.
    #[serde(other)]
    Other,
}

/// Whether the number still reaches this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    /// `disconnected`, `reassigned` or any other value: never texted.
    Inactive,
}

#[derive(Debug, Deserialize)]
struct RawRecord {
    contacts: Vec<RawContact>,
}

#[derive(Debug, Deserialize)]
struct RawContact {
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    portal_account: Option<String>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    verified_at: Option<String>,
    relationship: Relationship,
    #[serde(default)]
    scope: Vec<String>,
    #[serde(default)]
    expires_at: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

/// One contact point, its phone normalised and its timestamps parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// E.164; `None` when the entry has no phone or it does not normalise
    /// (such an entry never matches a phone).
    pub phone: Option<String>,
    pub portal_account: Option<String>,
    /// How the phone was verified (see the config's `accepted_methods`).
    pub method: Option<String>,
    pub relationship: Relationship,
    /// Message categories a proxy may receive.
    pub scope: Vec<String>,
    /// When the phone was verified (`None` only for an entry without phone).
    pub verified_at_ms: Option<i64>,
    /// The end of this contact point (for a proxy: of its authorization).
    pub expires_at_ms: Option<i64>,
    pub status: Status,
}

impl Contact {
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.expires_at_ms.is_some_and(|expiry| expiry <= now_ms)
    }

    pub fn covers(&self, category: &str) -> bool {
        self.scope.iter().any(|s| s.trim() == category)
    }

    pub fn has_phone(&self, e164: &str) -> bool {
        self.phone.as_deref() == Some(e164)
    }

    pub fn has_portal_account(&self, account: &str) -> bool {
        self.portal_account
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty() && a.trim() == account.trim())
    }
}

/// Parses a stored record; `None` when it is not JSON of this shape, an
/// entry has neither `phone` nor `portal_account`, an entry with a phone
/// has no `verified_at`, or a timestamp is not RFC 3339. Phones are read in
/// `default_region` when they lack a country code.
pub fn parse(bytes: &[u8], default_region: &str) -> Option<Vec<Contact>> {
    // serde would also read a struct from a JSON array, by position: only
    // the documented object shapes count, so a record of another shape can
    // never verify anyone.
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let shaped = value
        .get("contacts")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|cs| cs.iter().all(serde_json::Value::is_object));
    if !shaped {
        return None;
    }
    let raw: RawRecord = serde_json::from_value(value).ok()?;
    raw.contacts
        .into_iter()
        .map(|c| {
            let has_phone = c.phone.as_deref().is_some_and(|p| !p.trim().is_empty());
            let has_portal = c
                .portal_account
                .as_deref()
                .is_some_and(|a| !a.trim().is_empty());
            if !has_phone && !has_portal {
                return None;
            }
            let verified_at_ms = match c.verified_at.as_deref() {
                Some(text) => Some(timestamp::rfc3339_ms(text)?),
                None if has_phone => return None,
                None => None,
            };
            let expires_at_ms = match c.expires_at.as_deref() {
                Some(text) => Some(timestamp::rfc3339_ms(text)?),
                None => None,
            };
            let status = match c.status.as_deref().map(str::trim) {
                None | Some("active") => Status::Active,
                Some(_) => Status::Inactive,
            };
            Some(Contact {
                phone: c
                    .phone
                    .as_deref()
                    .and_then(|p| phone::e164(p, default_region).ok()),
                portal_account: c.portal_account,
                method: c.method,
                relationship: c.relationship,
                scope: c.scope,
                verified_at_ms,
                expires_at_ms,
                status,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_another_shape_are_invalid() {
        let entry = r#"{"phone":"+15555550199","method":"sms_code","verified_at":"2026-11-01T00:00:00Z","relationship":"self"}"#;
        assert!(parse(format!("{{\"contacts\":[{entry}]}}").as_bytes(), "US").is_some());
        assert!(parse(format!("[[{entry}]]").as_bytes(), "US").is_none());
        assert!(parse(br#"{"contacts":[["+15555550199","sms_code"]]}"#, "US").is_none());
        assert!(parse(br#"{"contacts":{"phone":"+15555550199"}}"#, "US").is_none());
    }

    #[test]
    fn parses_contacts() {
        let contacts = parse(
            br#"{"contacts":[
                {"phone":"+15551234567","method":"sms_code","verified_at":"1970-01-02T00:00:00Z","relationship":"self"},
                {"phone":"(555) 987-6543","verified_at":"1970-01-01T00:00:00Z","relationship":"proxy",
                 "scope":["lab_result"],"expires_at":"1970-01-03T00:00:00Z","note":"mother"},
                {"phone":"+15550000000","verified_at":"1970-01-01T00:00:00Z","relationship":"neighbour",
                 "status":"reassigned"},
                {"portal_account":"cd-17","relationship":"proxy","scope":["billing"]},
                {"phone":"12","verified_at":"1970-01-01T00:00:00Z","relationship":"self"}]}"#,
            "US",
        )
        .expect("valid");
        assert_eq!(contacts.len(), 5);
        assert_eq!(contacts[0].relationship, Relationship::OwnNumber);
        assert_eq!(contacts[0].verified_at_ms, Some(timestamp::MS_PER_DAY));
        assert_eq!(contacts[0].method.as_deref(), Some("sms_code"));
        assert_eq!(contacts[0].status, Status::Active);
        assert!(contacts[1].has_phone("+15559876543"));
        assert!(contacts[1].covers("lab_result") && !contacts[1].covers("billing"));
        assert!(contacts[1].is_expired(2 * timestamp::MS_PER_DAY));
        assert!(!contacts[1].is_expired(2 * timestamp::MS_PER_DAY - 1));
        assert_eq!(contacts[2].relationship, Relationship::Other);
        assert_eq!(contacts[2].status, Status::Inactive);
        assert!(contacts[3].has_portal_account(" cd-17") && contacts[3].phone.is_none());
        assert_eq!(contacts[3].verified_at_ms, None);
        // A phone that does not normalise matches nothing.
        assert_eq!(contacts[4].phone, None);
    }

    #[test]
    fn rejects_malformed_records() {
        for bad in [
            r#"{"#,
            r#"{"contacts":{}}"#,
            r#"{"contacts":[{"phone":"1","verified_at":"today","relationship":"self"}]}"#,
            r#"{"contacts":[{"phone":"1","verified_at":"1970-01-01T00:00:00Z"}]}"#,
            r#"{"contacts":[{"phone":"+15551234567","relationship":"self"}]}"#,
            r#"{"contacts":[{"relationship":"proxy","scope":["billing"]}]}"#,
            r#"{"contacts":[{"phone":"+15551234567","verified_at":"1970-01-01T00:00:00Z","relationship":"self","expires_at":"soon"}]}"#,
        ] {
            assert_eq!(parse(bad.as_bytes(), "US"), None, "{bad}");
        }
        assert_eq!(parse(br#"{"contacts":[]}"#, "US"), Some(Vec::new()));
    }

    #[test]
    fn the_schema_example_parses() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../contacts-record.schema.json")).expect("JSON");
        let example = schema["examples"][0].to_string();
        let contacts = parse(example.as_bytes(), "US").expect("valid");
        assert_eq!(contacts.len(), 3);
        assert!(contacts[1].has_portal_account("cd-17") && contacts[1].covers("lab_result"));
        assert_eq!(contacts[2].status, Status::Inactive);
    }
}
