//! The verified-contacts record stored in the KV bucket under the patient id:
//! `{"contacts":[{"phone","method","verified_at","relationship","scope","expires_at"?}]}`.
//! `method` (how the number was verified) is informational and not read.

use carewire_plugin_sdk::timestamp;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relationship {
    /// The patient's own number.
    #[serde(rename = "self")]
    OwnNumber,
    /// A proxy's number (parent, guardian, caregiver with access).
    Proxy,
    /// Anything else: matches no role.
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
struct RawRecord {
    contacts: Vec<RawContact>,
}

#[derive(Debug, Deserialize)]
struct RawContact {
    phone: String,
    verified_at: String,
    relationship: Relationship,
    #[serde(default)]
    scope: Vec<String>,
    #[serde(default)]
    expires_at: Option<String>,
}

/// One verified contact point, with its timestamps parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub phone: String,
    pub relationship: Relationship,
    /// Message categories a proxy may receive.
    pub scope: Vec<String>,
    pub verified_at_ms: i64,
    pub expires_at_ms: Option<i64>,
}

impl Contact {
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.expires_at_ms.is_some_and(|expiry| expiry <= now_ms)
    }

    pub fn covers(&self, category: &str) -> bool {
        self.scope.iter().any(|s| s == category)
    }
}

/// Parses a stored record; `None` when it is not valid JSON of this shape
/// or a timestamp is not RFC 3339.
pub fn parse(bytes: &[u8]) -> Option<Vec<Contact>> {
    let raw: RawRecord = serde_json::from_slice(bytes).ok()?;
    raw.contacts
        .into_iter()
        .map(|c| {
            let expires_at_ms = match c.expires_at.as_deref() {
                Some(text) => Some(timestamp::rfc3339_ms(text)?),
                None => None,
            };
            Some(Contact {
                verified_at_ms: timestamp::rfc3339_ms(&c.verified_at)?,
                expires_at_ms,
                phone: c.phone,
                relationship: c.relationship,
                scope: c.scope,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_contacts() {
        let contacts = parse(
            br#"{"contacts":[
                {"phone":"+15551234567","method":"sms_code","verified_at":"1970-01-02T00:00:00Z","relationship":"self"},
                {"phone":"+15559876543","verified_at":"1970-01-01T00:00:00Z","relationship":"proxy",
                 "scope":["lab_result"],"expires_at":"1970-01-03T00:00:00Z"},
                {"phone":"+15550000000","verified_at":"1970-01-01T00:00:00Z","relationship":"neighbour"}]}"#,
        )
        .expect("valid");
        assert_eq!(contacts.len(), 3);
        assert_eq!(contacts[0].relationship, Relationship::OwnNumber);
        assert_eq!(contacts[0].verified_at_ms, timestamp::MS_PER_DAY);
        assert!(contacts[1].covers("lab_result") && !contacts[1].covers("billing"));
        assert!(contacts[1].is_expired(2 * timestamp::MS_PER_DAY));
        assert!(!contacts[1].is_expired(2 * timestamp::MS_PER_DAY - 1));
        assert_eq!(contacts[2].relationship, Relationship::Other);
    }

    #[test]
    fn rejects_malformed_records() {
        assert_eq!(parse(b"{"), None);
        assert_eq!(parse(br#"{"contacts":{}}"#), None);
        assert_eq!(
            parse(br#"{"contacts":[{"phone":"1","verified_at":"today","relationship":"self"}]}"#),
            None
        );
        assert_eq!(
            parse(br#"{"contacts":[{"phone":"1","verified_at":"1970-01-01T00:00:00Z"}]}"#),
            None
        );
    }
}
