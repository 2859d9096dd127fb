//! carewire recipient-verify plugin: SMS only to a recently verified
//! contact point of the patient, or of a proxy authorized for the message's
//! category. See README.md for the config, record schema and reason codes.

pub mod config;
pub mod decide;
pub mod record;

use carewire_plugin_sdk::{Guest, HostKv, Message, PluginState, Verdict, now_ms};

use crate::config::Config;

static CONFIG: PluginState<Config> = PluginState::new();

pub struct RecipientVerify;

impl Guest for RecipientVerify {
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
carewire_plugin_sdk::export!(RecipientVerify with_types_in carewire_plugin_sdk::bindings);
