//! The consent rules for one message.
//!
//! 1. The recipient's consent: the patient's own record, or for a proxy or
//!    caregiver their own record (`<patient>.proxy.<digits>`), where the
//!    patient's do-not-contact or revocation also binds the proxy.
//! 2. Over all records under the key: do-not-contact halts; a revocation
//!    wins over any grant; then an invalid record, a grant in force,
//!    expired, not yet effective, unknown, missing.
//! 3. Granted: the recipient's number must not have opted out (a STOP
//!    reply, kept by carewire per number: `opt_out`).
//! 4. Granted: the SMS carries the original body only with written consent
//!    to PHI over SMS, else the neutral notice. Then the TCPA limits (off by
//!    default): sender named, length, messages per day and per week.
//!
//! Only SMS is ever denied here (do-not-contact halts the chain); portal
//! and escalation never depend on SMS consent.

use carewire_plugin_sdk::{Channel, Kv, Message, RecipientRole, Verdict};

use crate::config::Config;
use crate::opt_out;
use crate::reading::{Phi, Reading, Sms};
use crate::record;
use crate::tcpa;

/// What the records under one key decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    DoNotContact,
    /// No SMS, with this reason code.
    Deny(&'static str),
    /// SMS consented; what may be in its text.
    Granted(Phi),
}

/// Decides what consent allows for `message` at `now_ms`. A KV failure is
/// an error (`kv_unavailable`): the host then fails the message closed.
pub fn decide(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
) -> Result<Verdict, String> {
    let patient = load(kv, &config.bucket, &record::patient_key(message), now_ms)?;
    let resolved = match message.recipient.role {
        RecipientRole::Patient => resolve(&patient),
        RecipientRole::Proxy | RecipientRole::Caregiver => {
            // The patient's refusal binds those who read on their behalf;
            // the patient's consent does not cover them.
            match resolve(&patient) {
                Resolved::DoNotContact => Resolved::DoNotContact,
                Resolved::Deny("consent_revoked") => Resolved::Deny("patient_consent_revoked"),
                Resolved::Deny("consent_record_invalid") => {
                    Resolved::Deny("consent_record_invalid")
                }
                _ => match record::proxy_key(message, &config.default_region) {
                    None => Resolved::Deny("consent_missing"),
                    Some(key) => resolve(&load(kv, &config.bucket, &key, now_ms)?),
                },
            }
        }
    };
    match resolved {
        Resolved::DoNotContact => Ok(Verdict::halt("do_not_contact")),
        Resolved::Deny(code) => Ok(Verdict::deny_sms(code)),
        Resolved::Granted(phi) => match opt_out::denial(config, message, kv)? {
            Some(code) => Ok(Verdict::deny_sms(code)),
            None => granted(config, message, kv, now_ms, phi),
        },
    }
}

/// The readings of the records stored under `key` (none when absent).
fn load(kv: &dyn Kv, bucket: &str, key: &str, now_ms: i64) -> Result<Vec<Reading>, String> {
    let stored = kv
        .get(bucket, key)
        .map_err(|_| "kv_unavailable".to_owned())?;
    Ok(stored
        .map(|bytes| record::readings(&bytes, now_ms))
        .unwrap_or_default())
}

/// Folds the readings of every record under one key.
pub fn resolve(readings: &[Reading]) -> Resolved {
    let any = |sms: Sms| readings.iter().any(|r| r.sms == sms);
    if any(Sms::DoNotContact) {
        return Resolved::DoNotContact;
    }
    if any(Sms::Revoked) {
        return Resolved::Deny("consent_revoked");
    }
    if any(Sms::Invalid) {
        return Resolved::Deny("consent_record_invalid");
    }
    if any(Sms::Granted) {
        let phi = if readings.iter().any(|r| r.phi == Phi::Denied) {
            Phi::Denied
        } else {
            readings
                .iter()
                .filter(|r| r.sms == Sms::Granted)
                .map(|r| r.phi)
                .max()
                .unwrap_or(Phi::NotGranted)
        };
        return Resolved::Granted(phi);
    }
    let code = if any(Sms::Expired) {
        "consent_expired"
    } else if any(Sms::NotYetEffective) {
        "consent_not_yet_effective"
    } else if any(Sms::Unknown) {
        "consent_unknown"
    } else {
        "consent_missing"
    };
    Resolved::Deny(code)
}

/// SMS is consented: what it may carry, then the TCPA limits.
fn granted(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
    phi: Phi,
) -> Result<Verdict, String> {
    let names = config.sender_names_for(message.sender_id.as_deref());
    let mut reasons: Vec<&str> = Vec::new();
    let notice = match phi {
        Phi::Granted => {
            reasons.push("consent_granted");
            None
        }
        Phi::NotGranted | Phi::NotWritten | Phi::Denied => {
            reasons.push("consent_notice_only");
            match phi {
                Phi::NotWritten => reasons.push("phi_consent_not_written"),
                Phi::Denied => reasons.push("phi_consent_denied"),
                _ => {}
            }
            Some(config.notice_for(names.first().map(String::as_str)))
        }
    };

    let mut denials: Vec<&str> = Vec::new();
    let body = notice.as_deref().unwrap_or(&message.body);
    if notice.is_none() && !names.is_empty() && !tcpa::names_sender(body, names) {
        denials.push("tcpa_sender_unidentified");
    }
    if config
        .max_length
        .is_some_and(|max| body.chars().count() > max as usize)
    {
        denials.push("tcpa_too_long");
    }
    if denials.is_empty() && config.counts_sends() {
        denials.extend(frequency(config, message, kv, now_ms)?);
    }

    let mut verdict = Verdict::pass();
    if denials.is_empty() {
        if let Some(notice) = notice {
            verdict = verdict.body(Channel::Sms, notice);
        }
    } else {
        verdict = verdict.deny(Channel::Sms);
    }
    for code in reasons.into_iter().chain(denials) {
        verdict = verdict.reason(code);
    }
    Ok(verdict)
}

/// The frequency limits, from the patient's SMS log.
fn frequency(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
) -> Result<Vec<&'static str>, String> {
    let stored = kv
        .get(&config.sms_log_bucket, &message.patient.id)
        .map_err(|_| "kv_unavailable".to_owned())?;
    let sends = match stored {
        None => tcpa::Sends::default(),
        Some(bytes) => match tcpa::count(&bytes, &message.id, now_ms) {
            Some(sends) => sends,
            None => return Ok(vec!["sms_log_invalid"]),
        },
    };
    let mut denials = Vec::new();
    if config.max_per_day.is_some_and(|max| sends.day >= max) {
        denials.push("tcpa_daily_limit");
    }
    if config.max_per_week.is_some_and(|max| sends.week >= max) {
        denials.push("tcpa_weekly_limit");
    }
    Ok(denials)
}

#[cfg(test)]
mod tests;
