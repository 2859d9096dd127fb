//! carewire recipient-verify plugin: SMS only to a recently verified
//! contact point of the patient, or of a proxy authorized for the message's
//! category. See README.md for the config, record schema and reason codes.

pub mod config;
pub mod decide;
pub mod record;

use carewire_plugin_sdk::{Kv, Message, Plugin, Verdict};

use crate::config::Config;

pub struct RecipientVerify;

impl Plugin for RecipientVerify {
    type Config = Config;

    fn configure(config: &str) -> Result<Config, String> {
        let config = Config::parse(config)?;
        // Load the phone metadata now, not within the first message's budget.
        carewire_plugin_sdk::phone::warm_up();
        Ok(config)
    }

    fn decide(
        config: &Config,
        message: &Message,
        kv: &dyn Kv,
        now_ms: i64,
    ) -> Result<Verdict, String> {
        decide::decide(config, message, kv, now_ms)
    }
}

carewire_plugin_sdk::plugin!(RecipientVerify);
