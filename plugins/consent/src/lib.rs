//! carewire consent plugin: SMS only with recorded consent, PHI over SMS
//! only with written consent, a number's opt-out (STOP) wins over any
//! grant, proxies need their own consent, and the TCPA healthcare-message
//! limits. Records are
//! carewire's own (`consent-record.schema.json`) or FHIR R4 `Consent`
//! resources. See README.md for the config, record schemas and reason codes.

pub mod config;
pub mod decide;
pub mod fhir;
pub mod opt_out;
pub mod reading;
pub mod record;
pub mod tcpa;

use carewire_plugin_sdk::{Kv, Message, Plugin, Verdict};

use crate::config::Config;

pub struct Consent;

impl Plugin for Consent {
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

carewire_plugin_sdk::plugin!(Consent);
