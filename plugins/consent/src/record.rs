//! The consent record stored in the KV bucket, and its key.

use carewire_plugin_sdk::{Message, RecipientRole, phone};
use serde::Deserialize;

/// The recorded answer to "may we text you?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmsConsent {
    Granted,
    Revoked,
    Unknown,
}

/// `{"sms": "granted"|"revoked"|"unknown", "phi_over_sms": bool,
///   "obtained_at": RFC3339?, "method": string?, "expires_at": RFC3339?,
///   "do_not_contact": bool?}`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConsentRecord {
    pub sms: SmsConsent,
    #[serde(default)]
    pub phi_over_sms: bool,
    #[serde(default)]
    pub obtained_at: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub do_not_contact: bool,
}

/// What a stored value turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// `do_not_contact: true`, whatever else the record says (or fails to say).
    DoNotContact,
    Record(ConsentRecord),
    Invalid,
}

/// Parses a stored record. An opt-out is honoured even when the rest of
/// the record is malformed: opt-out wins over everything.
pub fn parse(bytes: &[u8]) -> Parsed {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Parsed::Invalid;
    };
    if value.get("do_not_contact") == Some(&serde_json::Value::Bool(true)) {
        return Parsed::DoNotContact;
    }
    match serde_json::from_value::<ConsentRecord>(value) {
        Ok(record) => Parsed::Record(record),
        Err(_) => Parsed::Invalid,
    }
}

/// The KV key for this message's recipient: the patient id for the patient;
/// `<patient_id>.proxy.<digits of recipient phone>` for a proxy or caregiver
/// (proxies need their own consent). `None` for a proxy without a phone.
pub fn key_for(message: &Message) -> Option<String> {
    let patient_id = &message.patient.id;
    match message.recipient.role {
        RecipientRole::Patient => Some(patient_id.clone()),
        RecipientRole::Proxy | RecipientRole::Caregiver => {
            let digits = phone::digits(message.recipient.phone.as_deref().unwrap_or_default());
            (!digits.is_empty()).then(|| format!("{patient_id}.proxy.{digits}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::testing;

    use super::*;

    #[test]
    fn keys_by_role() {
        let mut msg = testing::message("x");
        assert_eq!(key_for(&msg).as_deref(), Some("p-1"));
        msg.recipient.role = RecipientRole::Proxy;
        msg.recipient.phone = Some("+1 (555) 987-6543".to_owned());
        assert_eq!(key_for(&msg).as_deref(), Some("p-1.proxy.15559876543"));
        msg.recipient.role = RecipientRole::Caregiver;
        msg.recipient.phone = None;
        assert_eq!(key_for(&msg), None);
    }

    #[test]
    fn parses_records() {
        let Parsed::Record(r) = parse(br#"{"sms":"granted","phi_over_sms":true,"method":"paper"}"#)
        else {
            panic!("expected a record");
        };
        assert_eq!(r.sms, SmsConsent::Granted);
        assert!(r.phi_over_sms);
        assert_eq!(parse(br#"{"sms":"maybe"}"#), Parsed::Invalid);
        assert_eq!(parse(b"not json"), Parsed::Invalid);
        assert_eq!(parse(br#"{"do_not_contact":true}"#), Parsed::DoNotContact);
    }
}
