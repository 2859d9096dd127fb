//! The consent rules for one message.

use carewire_plugin_sdk::{Channel, Kv, Message, Verdict, timestamp};

use crate::config::Config;
use crate::record::{self, ConsentRecord, Parsed, SmsConsent};

/// Decides what consent allows for `message` at `now_ms`. Only SMS is ever
/// denied; portal and escalation are never denied by consent. A KV failure
/// is an error (`kv_unavailable`): the host then fails the message closed.
pub fn decide(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
) -> Result<Verdict, String> {
    let Some(key) = record::key_for(message) else {
        return Ok(Verdict::deny_sms("consent_missing"));
    };
    let stored = kv
        .get(&config.bucket, &key)
        .map_err(|_| "kv_unavailable".to_owned())?;
    let Some(bytes) = stored else {
        return Ok(Verdict::deny_sms("consent_missing"));
    };
    Ok(match record::parse(&bytes) {
        Parsed::DoNotContact => Verdict::halt("do_not_contact"),
        Parsed::Invalid => Verdict::deny_sms("consent_record_invalid"),
        Parsed::Record(record) => apply(config, &record, now_ms),
    })
}

fn apply(config: &Config, record: &ConsentRecord, now_ms: i64) -> Verdict {
    match record.sms {
        SmsConsent::Revoked => Verdict::deny_sms("consent_revoked"),
        SmsConsent::Unknown => Verdict::deny_sms("consent_unknown"),
        SmsConsent::Granted => {
            if let Some(expires_at) = &record.expires_at {
                match timestamp::rfc3339_ms(expires_at) {
                    None => return Verdict::deny_sms("consent_record_invalid"),
                    Some(expiry) if expiry <= now_ms => {
                        return Verdict::deny_sms("consent_expired");
                    }
                    Some(_) => {}
                }
            }
            if record.phi_over_sms {
                Verdict::pass().reason("consent_granted")
            } else {
                Verdict::pass()
                    .body(Channel::Sms, config.notice.as_str())
                    .reason("consent_notice_only")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::{KvError, MapKv, RecipientRole, testing};

    use super::*;
    use crate::config::DEFAULT_NOTICE;

    /// 2024-06-01T00:00:00Z
    const NOW: i64 = 1_717_200_000_000;
    const BUCKET: &str = "carewire_consent";

    fn run_with(record: Option<&str>) -> Result<Verdict, String> {
        let mut kv = MapKv::new();
        if let Some(record) = record {
            kv.insert(BUCKET, "p-1", record);
        }
        decide(
            &Config::default(),
            &testing::message("Your A1C is 6.1"),
            &kv,
            NOW,
        )
    }

    fn verdict(record: Option<&str>) -> Verdict {
        let v = run_with(record).expect("a verdict");
        assert!(v.codes_are_valid());
        assert!(!v.denies(Channel::Portal) && !v.denies(Channel::Escalation));
        v
    }

    #[test]
    fn no_record_denies_sms() {
        let v = verdict(None);
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["consent_missing"]);
    }

    #[test]
    fn granted_with_phi_passes_body_unchanged() {
        let v = verdict(Some(r#"{"sms":"granted","phi_over_sms":true}"#));
        assert!(!v.denies(Channel::Sms));
        assert!(v.bodies.is_empty());
        assert_eq!(v.reasons, vec!["consent_granted"]);
    }

    #[test]
    fn granted_without_phi_sends_the_notice() {
        let v = verdict(Some(
            r#"{"sms":"granted","phi_over_sms":false,"method":"verbal"}"#,
        ));
        assert!(!v.denies(Channel::Sms));
        assert_eq!(v.body_for(Channel::Sms), Some(DEFAULT_NOTICE));
        assert_eq!(v.reasons, vec!["consent_notice_only"]);
        // phi_over_sms missing means no.
        let v = verdict(Some(r#"{"sms":"granted"}"#));
        assert!(v.has_reason("consent_notice_only"));
    }

    #[test]
    fn custom_notice_is_used() {
        let config = Config::parse(r#"{"notice":"See the portal."}"#).expect("valid");
        let kv = MapKv::new().with(BUCKET, "p-1", r#"{"sms":"granted"}"#);
        let v = decide(&config, &testing::message("x"), &kv, NOW).expect("verdict");
        assert_eq!(v.body_for(Channel::Sms), Some("See the portal."));
    }

    #[test]
    fn unknown_and_revoked_deny_sms() {
        let v = verdict(Some(r#"{"sms":"unknown","phi_over_sms":true}"#));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["consent_unknown"]);
        let v = verdict(Some(r#"{"sms":"revoked","phi_over_sms":true}"#));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.reasons, vec!["consent_revoked"]);
    }

    #[test]
    fn revoked_wins_over_expiry_and_bad_dates() {
        let v = verdict(Some(
            r#"{"sms":"revoked","phi_over_sms":true,"expires_at":"not a date"}"#,
        ));
        assert_eq!(v.reasons, vec!["consent_revoked"]);
        let v = verdict(Some(
            r#"{"sms":"revoked","expires_at":"2020-01-01T00:00:00Z"}"#,
        ));
        assert_eq!(v.reasons, vec!["consent_revoked"]);
    }

    #[test]
    fn expiry_is_checked_against_now() {
        let expired = verdict(Some(
            r#"{"sms":"granted","phi_over_sms":true,"expires_at":"2024-06-01T00:00:00Z"}"#,
        ));
        assert!(expired.denies(Channel::Sms));
        assert_eq!(expired.reasons, vec!["consent_expired"]);
        let valid = verdict(Some(
            r#"{"sms":"granted","phi_over_sms":true,"expires_at":"2024-06-01T00:00:01Z"}"#,
        ));
        assert_eq!(valid.reasons, vec!["consent_granted"]);
    }

    #[test]
    fn do_not_contact_halts_even_with_consent() {
        let v = verdict(Some(
            r#"{"sms":"granted","phi_over_sms":true,"do_not_contact":true}"#,
        ));
        assert!(v.is_halt());
        assert!(v.has_reason("do_not_contact"));
        let v = verdict(Some(r#"{"sms":"bogus","do_not_contact":true}"#));
        assert!(v.is_halt());
        let v = verdict(Some(
            r#"{"sms":"granted","phi_over_sms":true,"do_not_contact":false}"#,
        ));
        assert!(!v.is_halt());
    }

    #[test]
    fn invalid_records_deny_sms() {
        for bad in [
            "{not json",
            r#"{"phi_over_sms":true}"#,
            r#"{"sms":"GRANTED"}"#,
            r#"{"sms":"granted","expires_at":"next week"}"#,
            "[]",
        ] {
            let v = verdict(Some(bad));
            assert!(v.denies(Channel::Sms), "{bad}");
            assert_eq!(v.reasons, vec!["consent_record_invalid"], "{bad}");
        }
    }

    #[test]
    fn proxies_need_their_own_consent() {
        let mut msg = testing::message("x");
        msg.recipient.role = RecipientRole::Proxy;
        msg.recipient.phone = Some("+1 555 987 6543".to_owned());
        // The patient's own consent does not cover the proxy.
        let kv = MapKv::new().with(BUCKET, "p-1", r#"{"sms":"granted","phi_over_sms":true}"#);
        let v = decide(&Config::default(), &msg, &kv, NOW).expect("verdict");
        assert_eq!(v.reasons, vec!["consent_missing"]);
        let kv = kv.with(
            BUCKET,
            "p-1.proxy.15559876543",
            r#"{"sms":"granted","phi_over_sms":true}"#,
        );
        let v = decide(&Config::default(), &msg, &kv, NOW).expect("verdict");
        assert_eq!(v.reasons, vec!["consent_granted"]);
        msg.recipient.phone = None;
        let v = decide(&Config::default(), &msg, &kv, NOW).expect("verdict");
        assert_eq!(v.reasons, vec!["consent_missing"]);
    }

    #[test]
    fn kv_failures_are_errors() {
        let msg = testing::message("x");
        for error in [KvError::Unavailable, KvError::Denied] {
            let result = decide(&Config::default(), &msg, &MapKv::failing(error), NOW);
            assert_eq!(result, Err("kv_unavailable".to_owned()));
        }
    }

    #[test]
    fn uses_the_configured_bucket() {
        let config = Config::parse(r#"{"bucket":"other"}"#).expect("valid");
        let kv = MapKv::new().with("other", "p-1", r#"{"sms":"granted","phi_over_sms":true}"#);
        let v = decide(&config, &testing::message("x"), &kv, NOW).expect("verdict");
        assert_eq!(v.reasons, vec!["consent_granted"]);
    }
}
