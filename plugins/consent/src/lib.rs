//! carewire consent plugin: SMS only with recorded consent, PHI over SMS
//! only with written consent, opt-out wins over everything, proxies need
//! their own consent. See README.md for the config, record schema and
//! reason codes.

pub mod config;
pub mod decide;
pub mod record;

use carewire_plugin_sdk::{Guest, HostKv, Message, PluginState, Verdict, now_ms};

use crate::config::Config;

static CONFIG: PluginState<Config> = PluginState::new();

pub struct Consent;

impl Guest for Consent {
    fn init(config: String) -> Result<(), String> {
        CONFIG.set(Config::parse(&config)?);
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        CONFIG.with(|config| decide::decide(config, &message, &HostKv, now_ms()))?
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(Consent with_types_in carewire_plugin_sdk::bindings);
