use carewire_plugin_sdk::{KvError, MapKv, testing, timestamp::MS_PER_DAY};

use super::*;

/// 2024-06-01T00:00:00Z
const NOW: i64 = 1_717_200_000_000;
const BUCKET: &str = "carewire_contacts";
const SELF_FRESH: &str = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self"}"#;
const PROXY_LABS: &str = r#"{"phone":"+15559876543","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"proxy","scope":["lab_result","appointment_reminder"],"expires_at":"2025-01-01T00:00:00Z"}"#;

fn record(contacts: &[&str]) -> String {
    format!(r#"{{"contacts":[{}]}}"#, contacts.join(","))
}

fn run(config: &Config, message: &Message, kv: &MapKv, now: i64) -> Verdict {
    let v = decide(config, message, kv, now).expect("a verdict");
    assert!(v.codes_are_valid());
    assert!(!v.denies(Channel::Escalation) && v.require.is_none() && v.bodies.is_empty());
    assert!(!v.is_halt());
    v
}

fn verdict_for(message: &Message, record: Option<&str>) -> Verdict {
    let mut kv = MapKv::new();
    if let Some(record) = record {
        kv.insert(BUCKET, "p-1", record);
    }
    let v = run(&Config::default(), message, &kv, NOW);
    if message.recipient.role == RecipientRole::Patient {
        assert!(
            !v.denies(Channel::Portal),
            "the patient's portal is never denied"
        );
    }
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

fn sms_only(v: &Verdict) -> bool {
    v.denies(Channel::Sms) && !v.denies(Channel::Portal)
}

fn both(v: &Verdict) -> bool {
    v.denies(Channel::Sms) && v.denies(Channel::Portal)
}

#[test]
fn verified_patient_number_passes() {
    let v = verdict(Some(&record(&[SELF_FRESH])));
    assert!(v.deny.is_empty());
    assert_eq!(v.reasons, vec!["recipient_verified"]);
}

#[test]
fn number_formats_are_normalised() {
    for phone in [
        "5551234567",
        "1-555-123-4567",
        "+1 (555) 123.4567",
        "011 1 555 123 4567",
    ] {
        let mut msg = testing::message("x");
        msg.recipient.phone = Some(phone.to_owned());
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
        assert_eq!(v.reasons, vec!["recipient_verified"], "{phone}");
    }
    // The stored number in national format works too.
    let national = r#"{"phone":"(555) 123-4567","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self"}"#;
    assert_eq!(
        verdict(Some(&record(&[national]))).reasons,
        vec!["recipient_verified"]
    );
}

#[test]
fn the_default_region_reads_national_numbers() {
    let uk = r#"{"phone":"+442079460958","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self"}"#;
    let kv = MapKv::new().with(BUCKET, "p-1", record(&[uk]));
    let mut msg = testing::message("x");
    msg.recipient.phone = Some("020 7946 0958".to_owned());
    let gb = Config::parse(r#"{"default_region":"GB"}"#).expect("valid");
    assert_eq!(run(&gb, &msg, &kv, NOW).reasons, vec!["recipient_verified"]);
    // Read as a US number it is not possible at all.
    assert_eq!(
        run(&Config::default(), &msg, &kv, NOW).reasons,
        vec!["phone_invalid"]
    );
    // The international form matches whatever the region.
    msg.recipient.phone = Some("+44 20 7946 0958".to_owned());
    assert_eq!(
        run(&Config::default(), &msg, &kv, NOW).reasons,
        vec!["recipient_verified"]
    );
}

#[test]
fn numbers_that_only_share_digits_do_not_match() {
    // Same last ten digits, other country.
    let mut msg = testing::message("x");
    msg.recipient.phone = Some("+44 5551234567".to_owned());
    let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
    assert!(v.denies(Channel::Sms));
    assert!(
        v.reasons == vec!["number_mismatch"] || v.reasons == vec!["phone_invalid"],
        "{:?}",
        v.reasons
    );
}

#[test]
fn missing_or_invalid_phone_denies_sms() {
    let mut msg = testing::message("x");
    msg.recipient.phone = None;
    let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["no_phone"]);
    msg.recipient.phone = Some("  ".to_owned());
    assert_eq!(verdict_for(&msg, None).reasons, vec!["no_phone"]);
    for bad in ["12", "555-1234", "+1 555 123 4567 ext. 9", "+999 123"] {
        msg.recipient.phone = Some(bad.to_owned());
        let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
        assert!(sms_only(&v), "{bad}");
        assert_eq!(v.reasons, vec!["phone_invalid"], "{bad}");
    }
}

#[test]
fn no_record_is_unverified() {
    let v = verdict(None);
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["unverified"]);
    assert_eq!(
        verdict(Some(r#"{"contacts":[]}"#)).reasons,
        vec!["unverified"]
    );
}

#[test]
fn invalid_record_denies_sms() {
    for bad in [
        "{\"contacts\": 5}",
        "nope",
        r#"{"contacts":[{"relationship":"self"}]}"#,
    ] {
        let v = verdict(Some(bad));
        assert!(sms_only(&v), "{bad}");
        assert_eq!(v.reasons, vec!["contacts_record_invalid"], "{bad}");
    }
}

#[test]
fn other_number_is_a_mismatch() {
    let mut msg = testing::message("x");
    msg.recipient.phone = Some("+15550001111".to_owned());
    let v = verdict_for(&msg, Some(&record(&[SELF_FRESH, PROXY_LABS])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["number_mismatch"]);
}

#[test]
fn proxy_number_does_not_verify_a_patient_message() {
    let mut msg = testing::message("x");
    msg.recipient.phone = Some("+15559876543".to_owned());
    let v = verdict_for(&msg, Some(&record(&[SELF_FRESH, PROXY_LABS])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["relationship_mismatch"]);
}

#[test]
fn old_verification_is_stale() {
    let stale = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2023-05-01T00:00:00Z","relationship":"self"}"#;
    let v = verdict(Some(&record(&[stale])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["stale_verification"]);
    // A fresher entry for the same number wins.
    let v = verdict(Some(&record(&[stale, SELF_FRESH])));
    assert_eq!(v.reasons, vec!["recipient_verified"]);
    // The limit is configurable, and exact to the millisecond.
    let config = Config::parse(r#"{"max_age_days":31}"#).expect("valid");
    let kv = MapKv::new().with(BUCKET, "p-1", record(&[SELF_FRESH]));
    let verified_at = NOW - 31 * MS_PER_DAY;
    let msg = testing::message("x");
    assert_eq!(
        run(&config, &msg, &kv, verified_at + 31 * MS_PER_DAY).reasons,
        vec!["recipient_verified"]
    );
    assert_eq!(
        run(&config, &msg, &kv, NOW + 1).reasons,
        vec!["stale_verification"]
    );
    let config = Config::parse(r#"{"max_age_days":10}"#).expect("valid");
    assert_eq!(
        run(&config, &msg, &kv, NOW).reasons,
        vec!["stale_verification"]
    );
}

#[test]
fn verification_methods() {
    let reported = r#"{"phone":"+15551234567","method":"self_reported","verified_at":"2024-05-20T00:00:00Z","relationship":"self"}"#;
    let no_method =
        r#"{"phone":"+15551234567","verified_at":"2024-05-20T00:00:00Z","relationship":"self"}"#;
    for entry in [reported, no_method] {
        let v = verdict(Some(&record(&[entry])));
        assert!(sms_only(&v), "{entry}");
        assert_eq!(v.reasons, vec!["method_not_accepted"], "{entry}");
    }
    // A later self-reported entry does not undo an earlier verification.
    let v = verdict(Some(&record(&[SELF_FRESH, reported])));
    assert_eq!(v.reasons, vec!["recipient_verified"]);
    // Operators choose the methods.
    let config = Config::parse(r#"{"accepted_methods":["self_reported"]}"#).expect("valid");
    let kv = MapKv::new().with(BUCKET, "p-1", record(&[reported]));
    assert_eq!(
        run(&config, &testing::message("x"), &kv, NOW).reasons,
        vec!["recipient_verified"]
    );
}

#[test]
fn verification_in_the_future_is_not_believed() {
    let future = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-06-02T00:00:00Z","relationship":"self"}"#;
    let v = verdict(Some(&record(&[future])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["verification_in_future"]);
    // A few seconds of clock skew are fine.
    let skew = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-06-01T00:01:00Z","relationship":"self"}"#;
    assert_eq!(
        verdict(Some(&record(&[skew]))).reasons,
        vec!["recipient_verified"]
    );
}

#[test]
fn expired_own_contact_denies_sms() {
    let expired = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self","expires_at":"2024-05-31T00:00:00Z"}"#;
    let v = verdict(Some(&record(&[expired])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["contact_expired"]);
}

#[test]
fn inactive_numbers_are_never_texted() {
    for status in ["reassigned", "disconnected", "bounced"] {
        let gone = format!(
            r#"{{"phone":"+15551234567","method":"sms_code","verified_at":"2023-01-01T00:00:00Z","relationship":"self","status":"{status}"}}"#
        );
        // Even next to a fresh verification of the same number.
        let v = verdict(Some(&record(&[SELF_FRESH, &gone])));
        assert!(sms_only(&v), "{status}");
        assert_eq!(v.reasons, vec!["contact_inactive"], "{status}");
    }
    let active = r#"{"phone":"+15551234567","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"self","status":"active"}"#;
    assert_eq!(
        verdict(Some(&record(&[active]))).reasons,
        vec!["recipient_verified"]
    );
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
    assert!(both(&v));
    assert_eq!(
        v.reasons,
        vec!["proxy_not_authorized", "proxy_out_of_scope"]
    );
}

#[test]
fn expired_proxy_authorization_is_denied_sms_and_portal() {
    let late = NOW + 365 * MS_PER_DAY;
    let kv = MapKv::new().with(BUCKET, "p-1", record(&[PROXY_LABS]));
    let v = run(&Config::default(), &proxy_message("lab_result"), &kv, late);
    assert!(both(&v));
    assert_eq!(v.reasons, vec!["proxy_not_authorized", "proxy_expired"]);
    // Out of scope and expired: the scope is the first thing wrong.
    let v = run(&Config::default(), &proxy_message("billing"), &kv, late);
    assert_eq!(
        v.reasons,
        vec!["proxy_not_authorized", "proxy_out_of_scope"]
    );
}

#[test]
fn unknown_proxies_get_nothing() {
    // No record at all.
    let v = verdict_for(&proxy_message("lab_result"), None);
    assert!(both(&v));
    assert_eq!(v.reasons, vec!["proxy_not_authorized", "unverified"]);
    // A broken record.
    let v = verdict_for(&proxy_message("lab_result"), Some("{"));
    assert!(both(&v));
    assert_eq!(
        v.reasons,
        vec!["proxy_not_authorized", "contacts_record_invalid"]
    );
    // A number nobody listed.
    let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[SELF_FRESH])));
    assert!(both(&v));
    assert_eq!(v.reasons, vec!["proxy_not_authorized", "proxy_not_listed"]);
    // The patient's own number addressed as a proxy is not a proxy.
    let mut msg = proxy_message("lab_result");
    msg.recipient.phone = Some("+15551234567".to_owned());
    let v = verdict_for(&msg, Some(&record(&[SELF_FRESH])));
    assert!(both(&v));
    assert_eq!(
        v.reasons,
        vec!["proxy_not_authorized", "relationship_mismatch"]
    );
    // No phone and no portal account: cannot be identified.
    msg.recipient.phone = None;
    let v = verdict_for(&msg, Some(&record(&[PROXY_LABS])));
    assert!(both(&v));
    assert_eq!(v.reasons, vec!["proxy_not_authorized", "no_phone"]);
}

#[test]
fn proxies_found_by_portal_account() {
    let portal_proxy = r#"{"portal_account":"cd-17","relationship":"proxy","scope":["lab_result"],"expires_at":"2025-01-01T00:00:00Z"}"#;
    let mut msg = proxy_message("lab_result");
    msg.recipient.phone = None;
    msg.recipient.portal_account = Some("cd-17".to_owned());
    // Authorized for the portal; no phone for SMS.
    let v = verdict_for(&msg, Some(&record(&[portal_proxy])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["no_phone"]);
    // A phone that is not theirs.
    msg.recipient.phone = Some("+15550001111".to_owned());
    let v = verdict_for(&msg, Some(&record(&[portal_proxy])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["number_mismatch"]);
    // Out of scope by portal account: nothing.
    msg.category = "billing".to_owned();
    let v = verdict_for(&msg, Some(&record(&[portal_proxy])));
    assert!(both(&v));
    assert_eq!(
        v.reasons,
        vec!["proxy_not_authorized", "proxy_out_of_scope"]
    );
}

#[test]
fn proxy_sms_needs_a_verified_active_number() {
    let stale_proxy = r#"{"phone":"+15559876543","method":"sms_code","verified_at":"2022-01-01T00:00:00Z","relationship":"proxy","scope":["lab_result"]}"#;
    let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[stale_proxy])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["stale_verification"]);
    let reported = r#"{"phone":"+15559876543","method":"self_reported","verified_at":"2024-05-01T00:00:00Z","relationship":"proxy","scope":["lab_result"]}"#;
    let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[reported])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["method_not_accepted"]);
    let reassigned = r#"{"phone":"+15559876543","method":"sms_code","verified_at":"2024-05-01T00:00:00Z","relationship":"proxy","scope":["lab_result"],"status":"reassigned"}"#;
    let v = verdict_for(&proxy_message("lab_result"), Some(&record(&[reassigned])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["contact_inactive"]);
    let mut msg = proxy_message("lab_result");
    msg.recipient.phone = Some("12".to_owned());
    msg.recipient.portal_account = Some("cd-17".to_owned());
    let by_portal = r#"{"portal_account":"cd-17","relationship":"proxy","scope":["lab_result"]}"#;
    let v = verdict_for(&msg, Some(&record(&[by_portal])));
    assert!(sms_only(&v));
    assert_eq!(v.reasons, vec!["phone_invalid"]);
}

#[test]
fn two_authorizations_for_one_proxy() {
    // Appointments for good, labs until the end of 2024: both count.
    let appts = r#"{"phone":"+15559876543","method":"in_person","verified_at":"2024-05-01T00:00:00Z","relationship":"proxy","scope":["appointment_reminder"]}"#;
    let labs = r#"{"phone":"+15559876543","method":"sms_code","verified_at":"2024-04-01T00:00:00Z","relationship":"proxy","scope":["lab_result"],"expires_at":"2025-01-01T00:00:00Z"}"#;
    for category in ["appointment_reminder", "lab_result"] {
        let v = verdict_for(&proxy_message(category), Some(&record(&[appts, labs])));
        assert_eq!(v.reasons, vec!["recipient_verified"], "{category}");
    }
    let v = verdict_for(&proxy_message("medication"), Some(&record(&[appts, labs])));
    assert!(both(&v));
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

#[test]
fn uses_the_configured_bucket() {
    let config = Config::parse(r#"{"bucket":"acme_contacts"}"#).expect("valid");
    let kv = MapKv::new().with("acme_contacts", "p-1", record(&[SELF_FRESH]));
    assert_eq!(
        run(&config, &testing::message("x"), &kv, NOW).reasons,
        vec!["recipient_verified"]
    );
}
