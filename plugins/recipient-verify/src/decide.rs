//! The verification rules for one message.

use carewire_plugin_sdk::{Channel, Kv, Message, RecipientRole, Verdict, phone, timestamp};

use crate::config::Config;
use crate::record::{self, Contact, Relationship};

/// Decides whether `message` may go to its recipient's phone at `now_ms`.
/// Denies SMS unless the phone is a recently verified contact point of the
/// patient (role patient) or of a proxy authorized for the message's
/// category (roles proxy and caregiver); an unauthorized proxy is denied
/// the portal too. A KV failure is an error (`kv_unavailable`).
pub fn decide(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
) -> Result<Verdict, String> {
    let recipient_phone = message.recipient.phone.as_deref().unwrap_or_default();
    if phone::digits(recipient_phone).is_empty() {
        return Ok(Verdict::deny_sms("no_phone"));
    }
    let stored = kv
        .get(&config.bucket, &message.patient.id)
        .map_err(|_| "kv_unavailable".to_owned())?;
    let Some(bytes) = stored else {
        return Ok(Verdict::deny_sms("unverified"));
    };
    let Some(contacts) = record::parse(&bytes) else {
        return Ok(Verdict::deny_sms("contacts_record_invalid"));
    };
    let matching: Vec<&Contact> = contacts
        .iter()
        .filter(|c| phone::same_number(&c.phone, recipient_phone))
        .collect();
    if matching.is_empty() {
        return Ok(Verdict::deny_sms("number_mismatch"));
    }
    let chosen = match message.recipient.role {
        RecipientRole::Patient => {
            let own: Vec<&Contact> = matching
                .into_iter()
                .filter(|c| c.relationship == Relationship::OwnNumber)
                .collect();
            let Some(chosen) = latest(own.iter().copied().filter(|c| !c.is_expired(now_ms))) else {
                let reason = if own.is_empty() {
                    "relationship_mismatch"
                } else {
                    "contact_expired"
                };
                return Ok(Verdict::deny_sms(reason));
            };
            chosen
        }
        RecipientRole::Proxy | RecipientRole::Caregiver => {
            let authorized = matching.into_iter().filter(|c| {
                c.relationship == Relationship::Proxy
                    && !c.is_expired(now_ms)
                    && c.covers(&message.category)
            });
            let Some(chosen) = latest(authorized) else {
                return Ok(Verdict::pass()
                    .deny(Channel::Sms)
                    .deny(Channel::Portal)
                    .reason("proxy_not_authorized"));
            };
            chosen
        }
    };
    let max_age_ms = i64::from(config.max_age_days) * timestamp::MS_PER_DAY;
    if now_ms.saturating_sub(chosen.verified_at_ms) > max_age_ms {
        return Ok(Verdict::deny_sms("stale_verification"));
    }
    Ok(Verdict::pass().reason("recipient_verified"))
}

/// The most recently verified of `contacts`.
fn latest<'a>(contacts: impl Iterator<Item = &'a Contact>) -> Option<&'a Contact> {
    contacts.max_by_key(|c| c.verified_at_ms)
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::{KvError, MapKv, testing};

    use super::*;

    /// 2024-06-01T00:00:00Z
    const NOW: i64 = 1_717_200_000_000;
    const BUCKET: &str = "carewire_contacts";
    const SELF_FRESH: &str = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self"}"#;
    const PROXY_LABS: &str = r#"{"phone":"+15559876543","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"proxy","scope":["lab_result","appointment_reminder"],"expires_at":"2025-01-01T00:00:00Z"}"#;

    fn record(contacts: &[&str]) -> String {
        format!(r#"{{"contacts":[{}]}}"#, contacts.join(","))
    }

    fn verdict_for(message: &Message, record: Option<&str>) -> Verdict {
        let mut kv = MapKv::new();
        if let Some(record) = record {
            kv.insert(BUCKET, "p-1", record);
        }
        let v = decide(&Config::default(), message, &kv, NOW).expect("a verdict");
        assert!(v.codes_are_valid());
        assert!(!v.denies(Channel::Escalation));
        v
    }

    fn verdict(record: Option<&str>) -> Verdict {
        verdict_for(&testing::message("x"), record)
    }

    fn proxy_message(category: &str) -> Message {
        let mut msg = testing::message("x");
        msg.recipient.role = RecipientRole::Proxy;
        msg.recipient.phone = Some("(555) 987-6543".to_owned());
        msg.category = category.to_owned();
        msg
    }

    #[test]
    fn verified_patient_number_passes() {
        let v = verdict(Some(&record(&[SELF_FRESH])));
        assert!(v.deny.is_empty());
        assert_eq!(v.reasons, vec!["recipient_verified"]);
    }

    #[test]
    fn number_formats_compare_by_digits() {
        for phone in ["5551234567", "1-555-123-4567", "+1 (555) 123.4567"] {
            let mut msg = testing::message("x");
            msg.recipient.phone = Some(phone.to_owned());
            let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
            assert_eq!(v.reasons, vec!["recipient_verified"], "{phone}");
        }
    }

    #[test]
    fn missing_phone_denies_sms() {
        let mut msg = testing::message("x");
        msg.recipient.phone = None;
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
        assert!(v.denies(Channel::Sms) && !v.denies(Channel::Portal));
        assert_eq!(v.reasons, vec!["no_phone"]);
        msg.recipient.phone = Some("  ".to_owned());
        assert_eq!(verdict_for(&msg, None).reasons, vec!["no_phone"]);
    }

    #[test]
    fn no_record_is_unverified() {
        let v = verdict(None);
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["unverified"]);
    }

    #[test]
    fn invalid_record_denies_sms() {
        let v = verdict(Some("{\"contacts\": 5}"));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["contacts_record_invalid"]);
    }

    #[test]
    fn other_number_is_a_mismatch() {
        let mut msg = testing::message("x");
        msg.recipient.phone = Some("+15550001111".to_owned());
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH, PROXY_LABS])));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["number_mismatch"]);
    }

    #[test]
    fn proxy_number_does_not_verify_a_patient_message() {
        let mut msg = testing::message("x");
        msg.recipient.phone = Some("+15559876543".to_owned());
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH, PROXY_LABS])));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["relationship_mismatch"]);
    }

    #[test]
    fn old_verification_is_stale() {
        let stale = r#"{"phone":"+15551234567","verified_at":"2023-05-01T00:00:00Z","relationship":"self"}"#;
        let v = verdict(Some(&record(&[stale])));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["stale_verification"]);
        // A fresher entry for the same number wins.
        let v = verdict(Some(&record(&[stale, SELF_FRESH])));
        assert_eq!(v.reasons, vec!["recipient_verified"]);
        // The limit is configurable.
        let config = Config::parse(r#"{"max_age_days":10}"#).expect("valid");
        let kv = MapKv::new().with(BUCKET, "p-1", record(&[SELF_FRESH]));
        let v = decide(&config, &testing::message("x"), &kv, NOW).expect("verdict");
        assert_eq!(v.reasons, vec!["stale_verification"]);
    }

    #[test]
    fn expired_own_contact_denies_sms() {
        let expired = r#"{"phone":"+15551234567","verified_at":"2024-05-01T00:00:00Z","relationship":"self","expires_at":"2024-05-31T00:00:00Z"}"#;
        let v = verdict(Some(&record(&[expired])));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["contact_expired"]);
    }

    #[test]
    fn authorized_proxy_in_scope_passes() {
        let v = verdict_for(
            &proxy_message("lab_result"),
            Some(&record(&[SELF_FRESH, PROXY_LABS])),
        );
        assert!(v.deny.is_empty());
        assert_eq!(v.reasons, vec!["recipient_verified"]);
        let mut caregiver = proxy_message("appointment_reminder");
        caregiver.recipient.role = RecipientRole::Caregiver;
        let v = verdict_for(&caregiver, Some(&record(&[PROXY_LABS])));
        assert_eq!(v.reasons, vec!["recipient_verified"]);
    }

    #[test]
    fn proxy_out_of_scope_is_denied_sms_and_portal() {
        let v = verdict_for(&proxy_message("billing"), Some(&record(&[PROXY_LABS])));
        assert!(v.denies(Channel::Sms) && v.denies(Channel::Portal));
        assert_eq!(v.reasons, vec!["proxy_not_authorized"]);
    }

    #[test]
    fn expired_or_self_listed_proxy_is_not_authorized() {
        let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[PROXY_LABS])));
        assert_eq!(v.reasons, vec!["recipient_verified"]);
        let late = NOW + 365 * timestamp::MS_PER_DAY;
        let kv = MapKv::new().with(BUCKET, "p-1", record(&[PROXY_LABS]));
        let v =
            decide(&Config::default(), &proxy_message("lab_result"), &kv, late).expect("verdict");
        assert!(v.denies(Channel::Sms) && v.denies(Channel::Portal));
        assert_eq!(v.reasons, vec!["proxy_not_authorized"]);
        // The patient's own number addressed as a proxy is not a proxy.
        let mut msg = proxy_message("lab_result");
        msg.recipient.phone = Some("+15551234567".to_owned());
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
        assert_eq!(v.reasons, vec!["proxy_not_authorized"]);
    }

    #[test]
    fn stale_proxy_verification_denies_sms_only() {
        let stale_proxy = r#"{"phone":"+15559876543","verified_at":"2022-01-01T00:00:00Z","relationship":"proxy","scope":["lab_result"]}"#;
        let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[stale_proxy])));
        assert!(v.denies(Channel::Sms) && !v.denies(Channel::Portal));
        assert_eq!(v.reasons, vec!["stale_verification"]);
    }

    #[test]
    fn kv_failures_are_errors() {
        for error in [KvError::Unavailable, KvError::Denied] {
            let result = decide(
                &Config::default(),
                &testing::message("x"),
                &MapKv::failing(error),
                NOW,
            );
            assert_eq!(result, Err("kv_unavailable".to_owned()));
        }
    }
}
