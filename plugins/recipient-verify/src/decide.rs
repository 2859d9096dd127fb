//! The verification rules for one message.
//!
//! Role `patient`: SMS only to a number the patient's own (`self`) entry
//! lists, active, unexpired, verified by an accepted method within
//! `max_age_days`. The portal is not this plugin's concern.
//!
//! Roles `proxy` and `caregiver`: first the authorization. The recipient is
//! found among the `proxy` entries by phone or portal account; an
//! unexpired one whose `scope` has the message category authorizes it.
//! Without that, neither SMS nor portal (a proxy never receives what its
//! scope does not cover). Then SMS as for the patient, on the authorizing
//! entries with the recipient's number.

use carewire_plugin_sdk::{Channel, Kv, Message, RecipientRole, Verdict};

use crate::config::Config;
use crate::record::{self, Contact, Relationship, Status};

/// How far in the future a `verified_at` may be (clock skew) before it is
/// not believed.
pub const FUTURE_SKEW_MS: i64 = 5 * 60 * 1000;

/// Decides whether `message` may go to its recipient at `now_ms`. A KV
/// failure is an error (`kv_unavailable`): the host then fails the message
/// closed.
pub fn decide(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
    now_ms: i64,
) -> Result<Verdict, String> {
    let phone = recipient_phone(config, message);
    let stored = kv
        .get(&config.bucket, &message.patient.id)
        .map_err(|_| "kv_unavailable".to_owned())?;
    let contacts = match stored {
        None => Err("unverified"),
        Some(bytes) => {
            record::parse(&bytes, &config.default_region).ok_or("contacts_record_invalid")
        }
    };
    Ok(match message.recipient.role {
        RecipientRole::Patient => for_patient(config, phone, contacts, now_ms),
        RecipientRole::Proxy | RecipientRole::Caregiver => {
            for_proxy(config, message, phone, contacts, now_ms)
        }
    })
}

/// The recipient's phone in E.164, or why there is none to text.
fn recipient_phone(config: &Config, message: &Message) -> Result<String, &'static str> {
    let raw = message.recipient.phone.as_deref().unwrap_or_default();
    if carewire_plugin_sdk::phone::digits(raw).is_empty() {
        return Err("no_phone");
    }
    carewire_plugin_sdk::phone::e164(raw, &config.default_region).map_err(|_| "phone_invalid")
}

fn for_patient(
    config: &Config,
    phone: Result<String, &'static str>,
    contacts: Result<Vec<Contact>, &'static str>,
    now_ms: i64,
) -> Verdict {
    let phone = match phone {
        Ok(phone) => phone,
        Err(code) => return Verdict::deny_sms(code),
    };
    let contacts = match contacts {
        Ok(contacts) if contacts.is_empty() => return Verdict::deny_sms("unverified"),
        Ok(contacts) => contacts,
        Err(code) => return Verdict::deny_sms(code),
    };
    let matching: Vec<&Contact> = contacts.iter().filter(|c| c.has_phone(&phone)).collect();
    if matching.is_empty() {
        return Verdict::deny_sms("number_mismatch");
    }
    if matching.iter().any(|c| c.status == Status::Inactive) {
        return Verdict::deny_sms("contact_inactive");
    }
    let own: Vec<&Contact> = matching
        .into_iter()
        .filter(|c| c.relationship == Relationship::OwnNumber)
        .collect();
    if own.is_empty() {
        return Verdict::deny_sms("relationship_mismatch");
    }
    match verified(config, &own, now_ms) {
        Ok(()) => Verdict::pass().reason("recipient_verified"),
        Err(code) => Verdict::deny_sms(code),
    }
}

fn for_proxy(
    config: &Config,
    message: &Message,
    phone: Result<String, &'static str>,
    contacts: Result<Vec<Contact>, &'static str>,
    now_ms: i64,
) -> Verdict {
    let contacts = match contacts {
        Ok(contacts) => contacts,
        Err(code) => return not_authorized(&[code]),
    };
    let portal = message
        .recipient
        .portal_account
        .as_deref()
        .filter(|a| !a.trim().is_empty());
    let identified: Vec<&Contact> = contacts
        .iter()
        .filter(|c| c.relationship == Relationship::Proxy)
        .filter(|c| {
            phone.as_deref().is_ok_and(|p| c.has_phone(p))
                || portal.is_some_and(|a| c.has_portal_account(a))
        })
        .collect();
    if identified.is_empty() {
        let detail = match &phone {
            _ if contacts.is_empty() => "unverified",
            Err(code) => code,
            Ok(p) if contacts.iter().any(|c| c.has_phone(p)) => "relationship_mismatch",
            Ok(_) => "proxy_not_listed",
        };
        return not_authorized(&[detail]);
    }
    let category = message.category.as_str();
    let authorizing: Vec<&Contact> = identified
        .iter()
        .copied()
        .filter(|c| !c.is_expired(now_ms) && c.covers(category))
        .collect();
    if authorizing.is_empty() {
        let detail = if identified.iter().any(|c| c.covers(category)) {
            "proxy_expired"
        } else {
            "proxy_out_of_scope"
        };
        return not_authorized(&[detail]);
    }

    // Authorized for this category: the portal may carry it. Now SMS.
    let phone = match phone {
        Ok(phone) => phone,
        Err(code) => return Verdict::deny_sms(code),
    };
    let by_phone: Vec<&Contact> = authorizing
        .into_iter()
        .filter(|c| c.has_phone(&phone))
        .collect();
    if by_phone.is_empty() {
        return Verdict::deny_sms("number_mismatch");
    }
    if contacts
        .iter()
        .any(|c| c.has_phone(&phone) && c.status == Status::Inactive)
    {
        return Verdict::deny_sms("contact_inactive");
    }
    match verified(config, &by_phone, now_ms) {
        Ok(()) => Verdict::pass().reason("recipient_verified"),
        Err(code) => Verdict::deny_sms(code),
    }
}

/// Neither SMS nor portal: `proxy_not_authorized` and what explains it.
fn not_authorized(details: &[&str]) -> Verdict {
    let mut verdict = Verdict::pass()
        .deny(Channel::Sms)
        .deny(Channel::Portal)
        .reason("proxy_not_authorized");
    for detail in details {
        verdict = verdict.reason(detail);
    }
    verdict
}

/// Whether the phone of `entries` (all for the same number) counts as
/// verified: the most recently verified entry with an accepted method
/// decides.
fn verified(config: &Config, entries: &[&Contact], now_ms: i64) -> Result<(), &'static str> {
    let latest = entries
        .iter()
        .filter(|c| config.accepts(c.method.as_deref()))
        .filter_map(|c| c.verified_at_ms.map(|at| (at, *c)))
        .max_by_key(|(at, _)| *at);
    let Some((verified_at, contact)) = latest else {
        return Err("method_not_accepted");
    };
    if contact.is_expired(now_ms) {
        return Err("contact_expired");
    }
    if verified_at > now_ms.saturating_add(FUTURE_SKEW_MS) {
        return Err("verification_in_future");
    }
    let max_age_ms = i64::from(config.max_age_days) * carewire_plugin_sdk::timestamp::MS_PER_DAY;
    if now_ms.saturating_sub(verified_at) > max_age_ms {
        return Err("stale_verification");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
