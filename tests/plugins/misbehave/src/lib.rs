//! TEST ONLY. A carewire plugin that misbehaves on demand (trap, endless
//! loop, unbounded allocation, error, KV probe, failing init, sleeps,
//! probes of the clocks, random, files, environment and network, floods,
//! non-codes, PHI in logs) so the host's integration tests can prove
//! containment. Never deploy it.

pub mod behaviour;
pub mod config;
#[cfg(target_arch = "wasm32")]
mod probes;

use carewire_plugin_sdk::{Guest, HostKv, Message, PluginState, Verdict};

use crate::config::Config;

static CONFIG: PluginState<Config> = PluginState::new();

pub struct Misbehave;

impl Guest for Misbehave {
    fn init(config: String) -> Result<(), String> {
        CONFIG.set(Config::parse(&config)?);
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        let action = CONFIG.with(|config| behaviour::decide(config, &message, &HostKv))?;
        behaviour::run(action)
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(Misbehave with_types_in carewire_plugin_sdk::bindings);
