//! Opt-out by number: a STOP reply (or the carrier's refusal) opts the
//! phone number out of SMS, whoever it was texted for. carewire keeps that
//! state per number in its SMS numbers bucket (`<sms_numbers_bucket>`, key
//! = the E.164 digits, read in every tenant alike); this plugin is the one
//! that decides with it, and carewire never writes consent records.

use carewire_plugin_sdk::{Kv, Message, phone};
use serde::Deserialize;

use crate::config::Config;

/// What this plugin reads of a number's record (carewire writes more).
#[derive(Deserialize)]
struct NumberState {
    #[serde(default)]
    opted_out: bool,
}

/// Why SMS to the recipient's number is denied by its opt-out state, if it
/// is: `sms_opted_out`, or `sms_number_record_invalid` for a record that
/// cannot be read (no SMS on a guess). A recipient without a readable phone
/// has no number to opt out (the router never texts it). A KV failure is
/// an error (`kv_unavailable`).
pub fn denial(
    config: &Config,
    message: &Message,
    kv: &dyn Kv,
) -> Result<Option<&'static str>, String> {
    let Some(e164) = message
        .recipient
        .phone
        .as_deref()
        .and_then(|raw| phone::e164(raw, &config.default_region).ok())
    else {
        return Ok(None);
    };
    let stored = kv
        .get(&config.sms_numbers_bucket, &phone::digits(&e164))
        .map_err(|_| "kv_unavailable".to_owned())?;
    Ok(stored.and_then(
        |bytes| match serde_json::from_slice::<NumberState>(&bytes) {
            Ok(state) => state.opted_out.then_some("sms_opted_out"),
            Err(_) => Some("sms_number_record_invalid"),
        },
    ))
}
