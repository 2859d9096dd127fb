//! The consent records stored in the KV bucket, their keys, and what each
//! says about SMS at a given time.
//!
//! A stored value is one record, or a JSON array of records, or a FHIR
//! `Bundle` of `Consent` resources. A record is either carewire's own
//! (`consent-record.schema.json`) or a FHIR R4 `Consent` (see [`crate::fhir`]).

use carewire_plugin_sdk::{Message, RecipientRole, phone};
use serde::Deserialize;
use serde_json::Value;

use crate::fhir;
use crate::reading::{Phi, Reading, Sms, optional_ms};

/// `sms` in carewire's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmsConsent {
    Granted,
    Revoked,
    Unknown,
}

/// carewire's own record (`consent-record.schema.json`). Unknown fields are
/// ignored.
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
    pub revoked_at: Option<String>,
    #[serde(default)]
    pub do_not_contact: bool,
}

/// `method` values that record an opt-out: the record is revoked whatever
/// `sms` says.
pub const OPT_OUT_METHODS: [&str; 2] = ["sms_stop", "opt_out"];

/// `method` values that are not written consent: `phi_over_sms` does not
/// count with them.
pub const NOT_WRITTEN_METHODS: [&str; 6] = [
    "verbal",
    "phone",
    "sms_keyword",
    "sms_reply",
    "implied",
    "unknown",
];

impl ConsentRecord {
    /// The reading at `now_ms`. A revocation wins over everything else in
    /// the record, even a malformed date.
    pub fn reading(&self, now_ms: i64) -> Reading {
        let method = self.method.as_deref().map(str::trim).unwrap_or_default();
        let opted_out = OPT_OUT_METHODS
            .iter()
            .any(|m| method.eq_ignore_ascii_case(m));
        if self.sms == SmsConsent::Revoked || opted_out || self.revoked_at.is_some() {
            return Reading::of(Sms::Revoked);
        }
        if self.sms == SmsConsent::Unknown {
            return Reading::of(Sms::Unknown);
        }
        let (Some(expires), Some(obtained)) = (
            optional_ms(self.expires_at.as_deref()),
            optional_ms(self.obtained_at.as_deref()),
        ) else {
            return Reading::of(Sms::Invalid);
        };
        if expires.is_some_and(|e| e <= now_ms) {
            return Reading::of(Sms::Expired);
        }
        if obtained.is_some_and(|o| o > now_ms) {
            return Reading::of(Sms::NotYetEffective);
        }
        let phi = match self.phi_over_sms {
            false => Phi::NotGranted,
            true if NOT_WRITTEN_METHODS
                .iter()
                .any(|m| method.eq_ignore_ascii_case(m)) =>
            {
                Phi::NotWritten
            }
            true => Phi::Granted,
        };
        Reading {
            sms: Sms::Granted,
            phi,
        }
    }
}

/// Reads a stored value: one reading per record it holds (none for an
/// empty array or bundle).
pub fn readings(bytes: &[u8], now_ms: i64) -> Vec<Reading> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(items)) => items.iter().map(|i| one(i, now_ms, true)).collect(),
        Ok(value) => match resource_type(&value) {
            Some("Bundle") => fhir::bundle(&value, now_ms),
            _ => vec![one(&value, now_ms, false)],
        },
        Err(_) => vec![Reading::of(Sms::Invalid)],
    }
}

fn resource_type(value: &Value) -> Option<&str> {
    value.get("resourceType").and_then(Value::as_str)
}

/// One record: carewire's own, or a FHIR `Consent`. An opt-out
/// (`do_not_contact: true`) is honoured even when the rest is malformed.
fn one(value: &Value, now_ms: i64, in_array: bool) -> Reading {
    if !value.is_object() {
        return Reading::of(Sms::Invalid);
    }
    if value.get("do_not_contact") == Some(&Value::Bool(true)) {
        return Reading::of(Sms::DoNotContact);
    }
    match resource_type(value) {
        Some("Consent") => fhir::consent(value, now_ms),
        Some("Bundle") if in_array => Reading::of(Sms::Invalid),
        Some(_) => Reading::of(Sms::Invalid),
        None => match ConsentRecord::deserialize(value) {
            Ok(record) => record.reading(now_ms),
            Err(_) => Reading::of(Sms::Invalid),
        },
    }
}

/// The KV key of the patient's own record: the patient id.
pub fn patient_key(message: &Message) -> String {
    message.patient.id.clone()
}

/// The KV key for a proxy or caregiver recipient:
/// `<patient_id>.proxy.<digits of the E.164 phone>` (proxies need their own
/// consent); a phone that does not normalise keeps its plain digits. `None`
/// for the patient, or without a phone.
pub fn proxy_key(message: &Message, default_region: &str) -> Option<String> {
    if message.recipient.role == RecipientRole::Patient {
        return None;
    }
    let raw = message.recipient.phone.as_deref().unwrap_or_default();
    let digits = match phone::e164(raw, default_region) {
        Ok(e164) => phone::digits(&e164),
        Err(_) => phone::digits(raw),
    };
    (!digits.is_empty()).then(|| format!("{}.proxy.{digits}", message.patient.id))
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::testing;

    use super::*;
    use carewire_plugin_sdk::timestamp;

    /// 2024-06-01T00:00:00Z
    const NOW: i64 = 1_717_200_000_000;

    fn read(json: &str) -> Vec<Reading> {
        readings(json.as_bytes(), NOW)
    }

    fn sms(json: &str) -> Sms {
        let r = read(json);
        assert_eq!(r.len(), 1, "{json}");
        r[0].sms
    }

    #[test]
    fn keys_by_role() {
        let mut msg = testing::message("x");
        assert_eq!(patient_key(&msg), "p-1");
        assert_eq!(proxy_key(&msg, "US"), None);
        msg.recipient.role = RecipientRole::Proxy;
        msg.recipient.phone = Some("+1 (555) 987-6543".to_owned());
        assert_eq!(
            proxy_key(&msg, "US").as_deref(),
            Some("p-1.proxy.15559876543")
        );
        // National format: the E.164 digits, country code included.
        msg.recipient.phone = Some("(555) 987-6543".to_owned());
        assert_eq!(
            proxy_key(&msg, "US").as_deref(),
            Some("p-1.proxy.15559876543")
        );
        msg.recipient.phone = Some("020 7946 0958".to_owned());
        assert_eq!(
            proxy_key(&msg, "GB").as_deref(),
            Some("p-1.proxy.442079460958")
        );
        // Not a possible number: its plain digits (and most likely no record).
        msg.recipient.phone = Some("12".to_owned());
        assert_eq!(proxy_key(&msg, "US").as_deref(), Some("p-1.proxy.12"));
        msg.recipient.role = RecipientRole::Caregiver;
        msg.recipient.phone = None;
        assert_eq!(proxy_key(&msg, "US"), None);
    }

    #[test]
    fn native_records() {
        let r = read(r#"{"sms":"granted","phi_over_sms":true,"method":"paper"}"#);
        assert_eq!(
            r,
            [Reading {
                sms: Sms::Granted,
                phi: Phi::Granted
            }]
        );
        let r = read(r#"{"sms":"granted"}"#);
        assert_eq!(
            r,
            [Reading {
                sms: Sms::Granted,
                phi: Phi::NotGranted
            }]
        );
        assert_eq!(
            sms(r#"{"sms":"unknown","phi_over_sms":true}"#),
            Sms::Unknown
        );
        assert_eq!(sms(r#"{"sms":"revoked"}"#), Sms::Revoked);
        assert_eq!(sms(r#"{"sms":"maybe"}"#), Sms::Invalid);
        assert_eq!(sms(r#"{"phi_over_sms":true}"#), Sms::Invalid);
        assert_eq!(sms("not json"), Sms::Invalid);
        assert_eq!(sms("7"), Sms::Invalid);
        assert_eq!(sms(r#"{"do_not_contact":true}"#), Sms::DoNotContact);
        assert_eq!(
            sms(r#"{"sms":"granted","future_field":{"x":1}}"#),
            Sms::Granted
        );
    }

    #[test]
    fn opt_out_wins_within_a_record() {
        for json in [
            r#"{"sms":"granted","method":"sms_stop"}"#,
            r#"{"sms":"granted","method":"SMS_STOP","phi_over_sms":true}"#,
            r#"{"sms":"granted","revoked_at":"2024-05-01T00:00:00Z"}"#,
            r#"{"sms":"revoked","expires_at":"not a date"}"#,
            r#"{"sms":"unknown","method":"opt_out"}"#,
        ] {
            assert_eq!(sms(json), Sms::Revoked, "{json}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            sms(r#"{"sms":"granted","expires_at":"2024-06-01T00:00:00Z"}"#),
            Sms::Expired
        );
        assert_eq!(
            sms(r#"{"sms":"granted","expires_at":"2024-06-01T00:00:01Z"}"#),
            Sms::Granted
        );
        assert_eq!(
            sms(r#"{"sms":"granted","obtained_at":"2024-06-02T00:00:00Z"}"#),
            Sms::NotYetEffective
        );
        assert_eq!(
            sms(r#"{"sms":"granted","expires_at":"next week"}"#),
            Sms::Invalid
        );
        assert_eq!(
            sms(r#"{"sms":"granted","obtained_at":"2024"}"#),
            Sms::Invalid
        );
    }

    #[test]
    fn phi_needs_written_consent() {
        for method in ["verbal", "phone", "sms_keyword", "Verbal "] {
            let r = read(&format!(
                r#"{{"sms":"granted","phi_over_sms":true,"method":"{method}"}}"#
            ));
            assert_eq!(r[0].phi, Phi::NotWritten, "{method}");
        }
        for method in ["written_form", "electronic_signature", "portal_form"] {
            let r = read(&format!(
                r#"{{"sms":"granted","phi_over_sms":true,"method":"{method}"}}"#
            ));
            assert_eq!(r[0].phi, Phi::Granted, "{method}");
        }
    }

    #[test]
    fn arrays_hold_several_records() {
        let r = read(r#"[{"sms":"granted","phi_over_sms":true},{"sms":"revoked"}]"#);
        assert_eq!(
            r.iter().map(|r| r.sms).collect::<Vec<_>>(),
            [Sms::Granted, Sms::Revoked]
        );
        assert!(read("[]").is_empty());
        assert_eq!(read("[[]]")[0].sms, Sms::Invalid);
        assert_eq!(
            read(r#"[{"do_not_contact":true}]"#)[0].sms,
            Sms::DoNotContact
        );
        assert_eq!(read(r#"{"resourceType":"Patient"}"#)[0].sms, Sms::Invalid);
        assert_eq!(
            read(r#"[{"resourceType":"Bundle","entry":[]}]"#)[0].sms,
            Sms::Invalid
        );
    }

    #[test]
    fn the_schema_examples_read_as_documented() {
        let schema: Value =
            serde_json::from_str(include_str!("../consent-record.schema.json")).expect("JSON");
        let examples = schema["examples"].as_array().expect("examples");
        let read: Vec<Vec<Reading>> = examples
            .iter()
            .map(|e| readings(e.to_string().as_bytes(), NOW + 700 * timestamp::MS_PER_DAY))
            .collect();
        let granted = |phi| {
            vec![Reading {
                sms: Sms::Granted,
                phi,
            }]
        };
        assert_eq!(read[0], granted(Phi::Granted));
        assert_eq!(read[1], granted(Phi::NotGranted));
        assert_eq!(read[2], vec![Reading::of(Sms::Revoked)]);
        assert_eq!(read[3], granted(Phi::Granted));
        assert_eq!(read.len(), 4);
    }
}
