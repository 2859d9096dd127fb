//! carewire phi-redact plugin: replaces the HIPAA Safe Harbor identifiers
//! in the SMS body with kind tokens (`[NAME]`, `[DATE]`, `[PHONE]`, ...), or
//! sends a neutral notice when too little is left. The organisation's own
//! facilities (config `facilities`) are not PHI. See README.md.

pub mod casing;
pub mod config;
pub mod detectors;
pub mod finding;
pub mod known;
pub mod lexicon;
pub mod profile;
pub mod redact;
pub mod short;
pub mod words;

#[cfg(test)]
mod tests;

use carewire_plugin_sdk::{Guest, Message, PluginState, Verdict};

use crate::config::Config;
use crate::redact::Redactor;

static REDACTOR: PluginState<Redactor> = PluginState::new();

pub struct PhiRedact;

impl Guest for PhiRedact {
    fn init(config: String) -> Result<(), String> {
        REDACTOR.set(Redactor::new(Config::parse(&config)?)?);
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        REDACTOR.with(|redactor| redactor.decide(&message))
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(PhiRedact with_types_in carewire_plugin_sdk::bindings);
