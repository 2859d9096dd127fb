//! carewire consent plugin: SMS only with recorded consent, PHI over SMS
//! only with written consent, a number's opt-out (STOP) wins over any grant, proxies need
//! their own consent, and the TCPA healthcare-message limits. Records are
//! carewire's own (`consent-record.schema.json`) or FHIR R4 `Consent`
//! resources. See README.md for the config, record schemas and reason codes.

pub mod config;
pub mod decide;
pub mod fhir;
pub mod opt_out;
pub mod record;
pub mod tcpa;

use carewire_plugin_sdk::{Guest, HostKv, Message, PluginState, Verdict, now_ms};

use crate::config::Config;

static CONFIG: PluginState<Config> = PluginState::new();

pub struct Consent;

impl Guest for Consent {
    fn init(config: String) -> Result<(), String> {
        CONFIG.set(Config::parse(&config)?);
        // Load the phone metadata now, not within the first message's budget.
        carewire_plugin_sdk::phone::warm_up();
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        CONFIG.with(|config| decide::decide(config, &message, &HostKv, now_ms()))?
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(Consent with_types_in carewire_plugin_sdk::bindings);
