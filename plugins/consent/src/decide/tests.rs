use carewire_plugin_sdk::{KvError, MapKv, RecipientRole, testing};
use serde_json::json;

use super::*;
use crate::config::DEFAULT_NOTICE;
use crate::fhir::CAREWIRE_SYSTEM;
use crate::tcpa::{DAY_MS, WEEK_MS};

/// 2024-06-01T00:00:00Z
const NOW: i64 = 1_717_200_000_000;
const BUCKET: &str = "carewire_consent";
const LOG: &str = "carewire_sms_log";
const PHI: &str = r#"{"sms":"granted","phi_over_sms":true,"method":"written_form"}"#;

fn check(v: Verdict) -> Verdict {
    assert!(v.codes_are_valid());
    assert!(!v.denies(Channel::Portal) && !v.denies(Channel::Escalation));
    assert!(v.require.is_none());
    v
}

fn run(config: &Config, message: &Message, kv: &MapKv) -> Verdict {
    check(decide(config, message, kv, NOW).expect("a verdict"))
}

fn verdict(record: Option<&str>) -> Verdict {
    let mut kv = MapKv::new();
    if let Some(record) = record {
        kv.insert(BUCKET, "p-1", record);
    }
    run(
        &Config::default(),
        &testing::message("Your A1C is 6.1"),
        &kv,
    )
}

fn proxy_message() -> Message {
    let mut msg = testing::message("x");
    msg.recipient.role = RecipientRole::Proxy;
    msg.recipient.phone = Some("+1 555 987 6543".to_owned());
    msg
}

fn config(json: &str) -> Config {
    Config::parse(json).expect("valid config")
}

fn log(sent: &[i64]) -> String {
    json!({"sent_ms": sent}).to_string()
}

#[test]
fn no_record_denies_sms() {
    let v = verdict(None);
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["consent_missing"]);
    // An empty array, or a bundle of voided consents, is no record either.
    assert_eq!(verdict(Some("[]")).reasons, vec!["consent_missing"]);
    let void = json!({"resourceType": "Consent", "status": "entered-in-error"}).to_string();
    assert_eq!(verdict(Some(&void)).reasons, vec!["consent_missing"]);
}

#[test]
fn granted_with_phi_passes_body_unchanged() {
    let v = verdict(Some(PHI));
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
fn phi_flag_without_written_consent_is_notice_only() {
    let v = verdict(Some(
        r#"{"sms":"granted","phi_over_sms":true,"method":"verbal"}"#,
    ));
    assert!(!v.denies(Channel::Sms));
    assert_eq!(v.body_for(Channel::Sms), Some(DEFAULT_NOTICE));
    assert_eq!(
        v.reasons,
        vec!["consent_notice_only", "phi_consent_not_written"]
    );
}

#[test]
fn custom_notice_is_used() {
    let kv = MapKv::new().with(BUCKET, "p-1", r#"{"sms":"granted"}"#);
    let v = run(
        &config(r#"{"notice":"See the portal."}"#),
        &testing::message("x"),
        &kv,
    );
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
fn stop_wins_over_any_other_grant() {
    // A STOP recorded next to a written grant, in either order.
    for records in [
        format!(r#"[{PHI},{{"sms":"granted","method":"sms_stop"}}]"#),
        format!(r#"[{{"sms":"revoked","method":"sms_stop"}},{PHI}]"#),
        format!(r#"[{PHI},{{"sms":"revoked"}},"garbage"]"#),
    ] {
        let v = verdict(Some(&records));
        assert!(v.denies(Channel::Sms), "{records}");
        assert_eq!(v.reasons, vec!["consent_revoked"], "{records}");
    }
    // A FHIR deny next to a carewire grant.
    let deny = json!({"resourceType": "Consent", "status": "active",
        "provision": {"type": "deny", "action": [{"coding": [{"system": CAREWIRE_SYSTEM, "code": "sms"}]}]}});
    let v = verdict(Some(&format!("[{PHI},{deny}]")));
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
    // An expired record next to one in force: the one in force counts.
    let v = verdict(Some(&format!(
        r#"[{{"sms":"granted","expires_at":"2024-01-01T00:00:00Z"}},{PHI}]"#
    )));
    assert_eq!(v.reasons, vec!["consent_granted"]);
}

#[test]
fn not_yet_effective_denies_sms() {
    let v = verdict(Some(
        r#"{"sms":"granted","phi_over_sms":true,"obtained_at":"2024-06-02T00:00:00Z"}"#,
    ));
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["consent_not_yet_effective"]);
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
    let v = verdict(Some(&format!(r#"[{PHI},{{"do_not_contact":true}}]"#)));
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
        r#"{"resourceType":"Observation"}"#,
        r#"{"resourceType":"Consent","status":"active","provision":"permit"}"#,
        "7",
    ] {
        let v = verdict(Some(bad));
        assert!(v.denies(Channel::Sms), "{bad}");
        assert_eq!(v.reasons, vec!["consent_record_invalid"], "{bad}");
    }
    // An invalid record next to a grant: no SMS (it might have been a revocation).
    let v = verdict(Some(&format!(r#"[{PHI},{{"sms":"maybe"}}]"#)));
    assert_eq!(v.reasons, vec!["consent_record_invalid"]);
}

#[test]
fn fhir_consent_records() {
    let sms_phi = json!({"coding": [{"system": CAREWIRE_SYSTEM, "code": "sms-phi"}]});
    let sms = json!({"coding": [{"system": CAREWIRE_SYSTEM, "code": "sms"}]});
    let fhir = |status: &str, provision: serde_json::Value| {
        json!({"resourceType": "Consent", "status": status, "dateTime": "2024-01-05T10:00:00Z",
               "provision": provision})
        .to_string()
    };
    let v = verdict(Some(&fhir(
        "active",
        json!({"type": "permit", "action": [sms_phi]}),
    )));
    assert_eq!(v.reasons, vec!["consent_granted"]);
    assert!(v.bodies.is_empty());
    let v = verdict(Some(&fhir(
        "active",
        json!({"type": "permit", "action": [sms]}),
    )));
    assert_eq!(v.reasons, vec!["consent_notice_only"]);
    assert_eq!(v.body_for(Channel::Sms), Some(DEFAULT_NOTICE));
    let v = verdict(Some(&fhir(
        "active",
        json!({"type": "permit", "action": [sms], "provision": [{"type": "deny", "action": [sms_phi]}]}),
    )));
    assert_eq!(v.reasons, vec!["consent_notice_only", "phi_consent_denied"]);
    let v = verdict(Some(&fhir(
        "inactive",
        json!({"type": "permit", "action": [sms_phi]}),
    )));
    assert_eq!(v.reasons, vec!["consent_revoked"]);
    let v = verdict(Some(&fhir(
        "rejected",
        json!({"type": "permit", "action": [sms_phi]}),
    )));
    assert_eq!(v.reasons, vec!["consent_revoked"]);
    let v = verdict(Some(&fhir(
        "active",
        json!({"type": "permit", "action": [sms_phi], "period": {"end": "2024-05-31T00:00:00Z"}}),
    )));
    assert_eq!(v.reasons, vec!["consent_expired"]);
    let v = verdict(Some(&fhir(
        "draft",
        json!({"type": "permit", "action": [sms_phi]}),
    )));
    assert_eq!(v.reasons, vec!["consent_unknown"]);
    // A FHIR denial of PHI wins over a carewire record's written PHI consent.
    let deny_phi = fhir("active", json!({"type": "deny", "action": [sms_phi]}));
    let v = verdict(Some(&format!("[{PHI},{deny_phi}]")));
    assert_eq!(v.reasons, vec!["consent_notice_only", "phi_consent_denied"]);
}

#[test]
fn proxies_need_their_own_consent() {
    let mut msg = proxy_message();
    // The patient's own consent does not cover the proxy.
    let kv = MapKv::new().with(BUCKET, "p-1", PHI);
    let v = run(&Config::default(), &msg, &kv);
    assert_eq!(v.reasons, vec!["consent_missing"]);
    let kv = kv.with(BUCKET, "p-1.proxy.15559876543", PHI);
    let v = run(&Config::default(), &msg, &kv);
    assert_eq!(v.reasons, vec!["consent_granted"]);
    // The number in national format finds the same record.
    msg.recipient.phone = Some("(555) 987-6543".to_owned());
    assert_eq!(
        run(&Config::default(), &msg, &kv).reasons,
        vec!["consent_granted"]
    );
    msg.recipient.phone = None;
    let v = run(&Config::default(), &msg, &kv);
    assert_eq!(v.reasons, vec!["consent_missing"]);
    // A caregiver likewise.
    let mut caregiver = proxy_message();
    caregiver.recipient.role = RecipientRole::Caregiver;
    assert_eq!(
        run(&Config::default(), &caregiver, &kv).reasons,
        vec!["consent_granted"]
    );
}

#[test]
fn the_patients_refusal_binds_proxies() {
    let msg = proxy_message();
    let proxy = MapKv::new().with(BUCKET, "p-1.proxy.15559876543", PHI);
    let v = run(
        &Config::default(),
        &msg,
        &proxy.clone().with(BUCKET, "p-1", r#"{"sms":"revoked"}"#),
    );
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["patient_consent_revoked"]);
    let v = run(
        &Config::default(),
        &msg,
        &proxy
            .clone()
            .with(BUCKET, "p-1", r#"{"do_not_contact":true}"#),
    );
    assert!(v.is_halt());
    let v = run(
        &Config::default(),
        &msg,
        &proxy.clone().with(BUCKET, "p-1", "{oops"),
    );
    assert_eq!(v.reasons, vec!["consent_record_invalid"]);
    // The patient's unknown or expired consent does not: the proxy's own counts.
    for patient in [
        r#"{"sms":"unknown"}"#,
        r#"{"sms":"granted","expires_at":"2020-01-01T00:00:00Z"}"#,
    ] {
        let v = run(
            &Config::default(),
            &msg,
            &proxy.clone().with(BUCKET, "p-1", patient),
        );
        assert_eq!(v.reasons, vec!["consent_granted"], "{patient}");
    }
    // The proxy's own revocation.
    let kv = MapKv::new().with(BUCKET, "p-1.proxy.15559876543", r#"{"sms":"revoked"}"#);
    assert_eq!(
        run(&Config::default(), &msg, &kv).reasons,
        vec!["consent_revoked"]
    );
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
    let kv = MapKv::new().with("other", "p-1", PHI);
    let v = run(
        &config(r#"{"bucket":"other"}"#),
        &testing::message("x"),
        &kv,
    );
    assert_eq!(v.reasons, vec!["consent_granted"]);
}

#[test]
fn daily_and_weekly_limits() {
    let cfg = config(r#"{"max_per_day":1,"max_per_week":3}"#);
    let msg = testing::message("Your visit is on Monday.");
    let with_log = |sent: &[i64]| {
        MapKv::new()
            .with(BUCKET, "p-1", PHI)
            .with(LOG, "p-1", log(sent))
    };
    // No log yet: allowed.
    let v = run(&cfg, &msg, &MapKv::new().with(BUCKET, "p-1", PHI));
    assert_eq!(v.reasons, vec!["consent_granted"]);
    // One in the last 24 h.
    let v = run(&cfg, &msg, &with_log(&[NOW - DAY_MS + 60_000]));
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["consent_granted", "tcpa_daily_limit"]);
    // Just over 24 h ago: the day is free.
    let v = run(&cfg, &msg, &with_log(&[NOW - DAY_MS]));
    assert_eq!(v.reasons, vec!["consent_granted"]);
    // Three in the week.
    let week = [NOW - 6 * DAY_MS, NOW - 4 * DAY_MS, NOW - 2 * DAY_MS];
    let v = run(&cfg, &msg, &with_log(&week));
    assert_eq!(v.reasons, vec!["consent_granted", "tcpa_weekly_limit"]);
    // Both at once.
    let v = run(
        &cfg,
        &msg,
        &with_log(&[NOW - 6 * DAY_MS, NOW - 4 * DAY_MS, NOW - 3_600_000]),
    );
    assert_eq!(
        v.reasons,
        vec!["consent_granted", "tcpa_daily_limit", "tcpa_weekly_limit"]
    );
    // Older than a week: not counted.
    let v = run(
        &cfg,
        &msg,
        &with_log(&[NOW - WEEK_MS, NOW - WEEK_MS - 1, NOW - 2 * WEEK_MS]),
    );
    assert_eq!(v.reasons, vec!["consent_granted"]);
    // The notice counts as an SMS too, and is denied with no body.
    let kv = MapKv::new()
        .with(BUCKET, "p-1", r#"{"sms":"granted"}"#)
        .with(LOG, "p-1", log(&[NOW - 1000]));
    let v = run(&cfg, &msg, &kv);
    assert_eq!(v.reasons, vec!["consent_notice_only", "tcpa_daily_limit"]);
    assert!(v.denies(Channel::Sms) && v.bodies.is_empty());
}

#[test]
fn the_log_is_read_only_when_needed() {
    let msg = testing::message("x");
    // Limits off: the log bucket is never touched (it may not be granted).
    let kv = MapKv::new()
        .with(BUCKET, "p-1", PHI)
        .with(LOG, "p-1", "{broken");
    assert_eq!(
        run(&Config::default(), &msg, &kv).reasons,
        vec!["consent_granted"]
    );
    // Not granted: not read either.
    let cfg = config(r#"{"max_per_day":1}"#);
    let kv = MapKv::new().with(LOG, "p-1", "{broken");
    assert_eq!(run(&cfg, &msg, &kv).reasons, vec!["consent_missing"]);
    // Granted and limited: read, and a broken log denies SMS.
    let kv = kv.with(BUCKET, "p-1", PHI);
    let v = run(&cfg, &msg, &kv);
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["consent_granted", "sms_log_invalid"]);
}

#[test]
fn a_redelivered_message_is_not_counted_against_itself() {
    let cfg = config(r#"{"max_per_day":1}"#);
    let msg = testing::message("x");
    let log = json!({"sent_ms": [NOW - 5000], "ids": [msg.id.clone()]}).to_string();
    let kv = MapKv::new().with(BUCKET, "p-1", PHI).with(LOG, "p-1", log);
    assert_eq!(run(&cfg, &msg, &kv).reasons, vec!["consent_granted"]);
}

#[test]
fn sms_log_failures_are_errors() {
    struct LogDown;
    impl Kv for LogDown {
        fn get(&self, bucket: &str, _: &str) -> Result<Option<Vec<u8>>, KvError> {
            match bucket {
                LOG => Err(KvError::Denied),
                _ => Ok(Some(PHI.as_bytes().to_vec())),
            }
        }
    }
    let cfg = config(r#"{"max_per_week":5}"#);
    let result = decide(&cfg, &testing::message("x"), &LogDown, NOW);
    assert_eq!(result, Err("kv_unavailable".to_owned()));
}

#[test]
fn log_bucket_and_key() {
    let cfg = config(r#"{"max_per_day":1,"sms_log_bucket":"acme_sms_log"}"#);
    let mut msg = proxy_message();
    msg.patient.id = "p-9".to_owned();
    // Counted per patient, also for a proxy.
    let kv = MapKv::new()
        .with(BUCKET, "p-9.proxy.15559876543", PHI)
        .with("acme_sms_log", "p-9", log(&[NOW - 1000]));
    assert_eq!(
        run(&cfg, &msg, &kv).reasons,
        vec!["consent_granted", "tcpa_daily_limit"]
    );
}

#[test]
fn maximum_length() {
    let cfg = config(r#"{"max_length":160}"#);
    let kv = MapKv::new().with(BUCKET, "p-1", PHI);
    let short = "é".repeat(160);
    assert_eq!(
        run(&cfg, &testing::message(&short), &kv).reasons,
        vec!["consent_granted"]
    );
    let long = "a".repeat(161);
    let v = run(&cfg, &testing::message(&long), &kv);
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["consent_granted", "tcpa_too_long"]);
    // Without PHI consent the notice is what is measured: a long body is fine.
    let kv = MapKv::new().with(BUCKET, "p-1", r#"{"sms":"granted"}"#);
    let v = run(&cfg, &testing::message(&long), &kv);
    assert!(!v.denies(Channel::Sms));
    assert_eq!(v.body_for(Channel::Sms), Some(DEFAULT_NOTICE));
}

#[test]
fn sender_identification() {
    let cfg = config(
        r#"{"sender_name":"Oak Valley Health",
            "sender_names":[["peds","Oak Valley Pediatrics","OVP"]]}"#,
    );
    let kv = MapKv::new().with(BUCKET, "p-1", PHI);
    // The body names the sender: as is.
    let v = run(
        &cfg,
        &testing::message("Oak Valley Health: your visit is Monday."),
        &kv,
    );
    assert_eq!(v.reasons, vec!["consent_granted"]);
    assert!(v.bodies.is_empty());
    // It does not: no SMS.
    let v = run(&cfg, &testing::message("Your visit is Monday."), &kv);
    assert!(v.denies(Channel::Sms));
    assert_eq!(
        v.reasons,
        vec!["consent_granted", "tcpa_sender_unidentified"]
    );
    // Per sender id, any of its names.
    let mut msg = testing::message("OVP: your visit is Monday.");
    msg.sender_id = Some("peds".to_owned());
    assert_eq!(run(&cfg, &msg, &kv).reasons, vec!["consent_granted"]);
    msg.body = "Oak Valley Health: your visit is Monday.".to_owned();
    assert!(run(&cfg, &msg, &kv).has_reason("tcpa_sender_unidentified"));
    // The notice always names the sender.
    let kv = MapKv::new().with(BUCKET, "p-1", r#"{"sms":"granted"}"#);
    let v = run(&cfg, &msg, &kv);
    assert!(!v.denies(Channel::Sms));
    assert_eq!(
        v.body_for(Channel::Sms),
        Some(format!("Oak Valley Pediatrics: {DEFAULT_NOTICE}").as_str())
    );
    // Off by default.
    let kv = MapKv::new().with(BUCKET, "p-1", PHI);
    let v = run(
        &Config::default(),
        &testing::message("Your visit is Monday."),
        &kv,
    );
    assert_eq!(v.reasons, vec!["consent_granted"]);
}

#[test]
fn tcpa_denials_are_reported_together_but_skip_the_log() {
    let cfg = config(
        r#"{"max_length":30,"max_per_day":1,"sender_name":"OVH","notice":"{sender}: see portal"}"#,
    );
    // The log would be unreadable; it is not read once SMS is denied anyway.
    let kv = MapKv::new()
        .with(BUCKET, "p-1", PHI)
        .with(LOG, "p-1", "{broken");
    let v = run(
        &cfg,
        &testing::message("A body that is much too long for thirty."),
        &kv,
    );
    assert_eq!(
        v.reasons,
        vec![
            "consent_granted",
            "tcpa_sender_unidentified",
            "tcpa_too_long"
        ]
    );
}

#[test]
fn no_phi_in_codes_or_errors() {
    // Whatever the record and message hold, codes stay codes.
    let mut msg = testing::message("Maria Lopez, MRN 4471902");
    msg.patient.id = "Maria Lopez".to_owned();
    let kv = MapKv::new().with(
        BUCKET,
        "Maria Lopez",
        r#"{"sms":"granted","method":"Maria"}"#,
    );
    let v = run(&Config::default(), &msg, &kv);
    assert!(v.codes_are_valid());
    let err =
        Config::parse(r#"{"sender_name":"Maria Lopez","max_length":3}"#).expect_err("too short");
    assert!(!err.contains("Maria"), "{err}");
}

const NUMBERS: &str = "carewire_sms_numbers";

#[test]
fn a_stopped_number_gets_no_sms_whatever_the_consent() {
    let mut msg = testing::message("Your A1C is 6.1");
    msg.recipient.phone = Some("(555) 010-0001".to_owned());
    let granted = MapKv::new().with(BUCKET, "p-1", PHI);
    assert_eq!(
        run(&Config::default(), &msg, &granted).reasons,
        vec!["consent_granted"]
    );
    // STOP: the number, by its E.164 digits, is opted out.
    let stopped = granted.clone().with(
        NUMBERS,
        "15550100001",
        r#"{"opted_out":true,"keyword":"stop","changed_ms":1}"#,
    );
    let v = run(&Config::default(), &msg, &stopped);
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["sms_opted_out"]);
    // START clears it.
    let started = granted
        .clone()
        .with(NUMBERS, "15550100001", r#"{"opted_out":false}"#);
    assert_eq!(
        run(&Config::default(), &msg, &started).reasons,
        vec!["consent_granted"]
    );
    // A record that cannot be read denies: no SMS on a guess.
    let broken = granted.with(NUMBERS, "15550100001", "opted out?");
    let v = run(&Config::default(), &msg, &broken);
    assert!(v.denies(Channel::Sms));
    assert_eq!(v.reasons, vec!["sms_number_record_invalid"]);
}

#[test]
fn a_proxys_stop_binds_the_proxys_number_only() {
    let msg = proxy_message();
    let kv = MapKv::new()
        .with(BUCKET, "p-1", PHI)
        .with(BUCKET, "p-1.proxy.15559876543", PHI)
        .with(NUMBERS, "15550100001", r#"{"opted_out":true}"#);
    assert_eq!(
        run(&Config::default(), &msg, &kv).reasons,
        vec!["consent_granted"]
    );
    let kv = kv.with(NUMBERS, "15559876543", r#"{"opted_out":true}"#);
    assert_eq!(
        run(&Config::default(), &msg, &kv).reasons,
        vec!["sms_opted_out"]
    );
}

/// Consent readable, the numbers bucket not (not granted, or down).
struct NumbersFail(MapKv, KvError);

impl Kv for NumbersFail {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        if bucket == NUMBERS {
            return Err(self.1);
        }
        self.0.get(bucket, key)
    }
}

#[test]
fn an_unreadable_numbers_bucket_fails_closed() {
    let mut msg = testing::message("x");
    msg.recipient.phone = Some("+15550100001".to_owned());
    for error in [KvError::Denied, KvError::Unavailable] {
        let kv = NumbersFail(MapKv::new().with(BUCKET, "p-1", PHI), error);
        assert_eq!(
            decide(&Config::default(), &msg, &kv, NOW).err().as_deref(),
            Some("kv_unavailable")
        );
    }
}
