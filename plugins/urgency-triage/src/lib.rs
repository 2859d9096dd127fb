//! carewire urgency-triage plugin: flags messages that need a clinician
//! now (stat priority, red-flag symptoms, self-harm, critical results),
//! ignoring negated, past, resolved, conditional and education mentions.
//! See README.md.
//!
//! The flow of one message: `text` (tokens, sentences, clauses, numbers)
//! -> `spelling` (texting style, typos) -> `pattern` (one scan for every
//! rule and cue) -> `cues` (what discounts a mention) -> `rules` +
//! `vitals` (what fires) -> `decide` (the verdict), where the learned
//! `model` (over `features`) may add an escalation the rules missed.

mod concept_index;
pub mod concepts;
mod concepts_es;
pub mod cues;
mod cues_es;
pub mod decide;
mod fasthash;
pub mod features;
pub mod model;
pub mod pattern;
pub mod rule_def;
pub mod rules;
mod rules_es;
pub mod spelling;
pub mod text;
pub mod vitals;

#[cfg(test)]
mod tests;

use carewire_plugin_sdk::{Kv, Message, Plugin, Verdict, is_code};

use crate::decide::{Extra, Triage};

/// Parses the plugin config: empty, or a JSON object with an optional
/// `extra_terms` object mapping a rule code to a list of patterns.
pub fn parse_config(json: &str) -> Result<Vec<Extra>, String> {
    if json.trim().is_empty() {
        return Ok(Vec::new());
    }
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else {
        return Err("urgency-triage: config must be a JSON object".to_owned());
    };
    let mut extra = Vec::new();
    for (key, value) in &map {
        if key != "extra_terms" {
            return Err(format!(
                "urgency-triage: unknown config key (allowed: extra_terms), got {} characters",
                key.len()
            ));
        }
        let serde_json::Value::Object(terms) = value else {
            return Err("urgency-triage: extra_terms must be an object".to_owned());
        };
        for (code, list) in terms {
            if !is_code(&format!("urgent:{code}")) {
                return Err(
                    "urgency-triage: extra_terms keys must be codes (words of a-z 0-9 joined by _ or -)".to_owned(),
                );
            }
            let patterns = list
                .as_array()
                .and_then(|a| {
                    a.iter()
                        .map(|p| p.as_str().map(str::to_lowercase))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| {
                    format!("urgency-triage: extra_terms.{code} must be a list of strings")
                })?;
            extra.push(Extra {
                code: code.clone(),
                patterns,
            });
        }
    }
    Ok(extra)
}

pub struct UrgencyTriage;

impl Plugin for UrgencyTriage {
    type Config = Triage;

    fn configure(config: &str) -> Result<Triage, String> {
        Triage::new(&parse_config(config)?)
    }

    fn decide(triage: &Triage, message: &Message, _: &dyn Kv, _: i64) -> Result<Verdict, String> {
        Ok(triage.decide(message))
    }
}

carewire_plugin_sdk::plugin!(UrgencyTriage);
