//! carewire urgency-triage plugin: flags messages that need a clinician
//! now (stat priority, red-flag symptoms, self-harm, critical results),
//! ignoring negated, historical and instructional mentions. See README.md.

pub mod cues;
pub mod decide;
pub mod pattern;
pub mod rules;
pub mod text;

#[cfg(test)]
mod tests;

use carewire_plugin_sdk::{Guest, Message, PluginState, Verdict};

use crate::decide::Triage;

static TRIAGE: PluginState<Triage> = PluginState::new();

/// The plugin takes no settings: its config must be empty or a JSON object.
pub fn check_config(json: &str) -> Result<(), String> {
    if json.trim().is_empty() {
        return Ok(());
    }
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        _ => Err("urgency-triage: config must be a JSON object".to_owned()),
    }
}

pub struct UrgencyTriage;

impl Guest for UrgencyTriage {
    fn init(config: String) -> Result<(), String> {
        check_config(&config)?;
        TRIAGE.set(Triage::default());
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        TRIAGE.with(|triage| triage.decide(&message))
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(UrgencyTriage with_types_in carewire_plugin_sdk::bindings);
