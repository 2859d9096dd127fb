//! One live plugin instance: its own store, memory cap and per-call time
//! budget. A failed call kills the instance; the next call gets a fresh one.

use std::sync::Arc;

use wasmtime::Store;

use super::bindings::{Plugin, wit};
use super::engine::PluginEngine;
use super::host::{HostState, KvReader};
use super::loader::LoadedPlugin;
use crate::channel::Channel;
use crate::codes::sanitize;
use crate::decision::Verdict;

/// How a plugin call failed. Never carries the plugin's own words, which
/// could hold PHI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The call ran past its time budget.
    Timeout,
    /// The instance tried to grow past its memory cap.
    OutOfMemory,
    /// The instance trapped (panic, unreachable, bad memory access...).
    Trap,
    /// The plugin returned an error.
    Error,
    /// No instance could be created (instantiation or `init` failed).
    Unavailable,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Timeout => "timeout",
            FailureKind::OutOfMemory => "out_of_memory",
            FailureKind::Trap => "trap",
            FailureKind::Error => "error",
            FailureKind::Unavailable => "unavailable",
        }
    }
}

struct Live {
    store: Store<HostState>,
    bindings: Plugin,
}

/// A plugin slot in one worker's chain.
pub struct PluginInstance {
    pub plugin: Arc<LoadedPlugin>,
    engine: PluginEngine,
    kv: Arc<dyn KvReader>,
    name: Arc<str>,
    live: Option<Live>,
}

impl PluginInstance {
    /// Creates the slot and its first instance, running `init`.
    pub fn new(
        engine: &PluginEngine,
        plugin: Arc<LoadedPlugin>,
        kv: Arc<dyn KvReader>,
    ) -> Result<Self, String> {
        let mut slot = Self {
            name: plugin.name.as_str().into(),
            plugin,
            engine: engine.clone(),
            kv,
            live: None,
        };
        slot.live = Some(slot.instantiate()?);
        Ok(slot)
    }

    fn instantiate(&self) -> Result<Live, String> {
        let p = &self.plugin;
        let state = HostState::new(
            self.name.clone(),
            p.grants.clone(),
            self.kv.clone(),
            p.memory_bytes,
        );
        let mut store = Store::new(self.engine.engine(), state);
        store.limiter(|s| &mut s.limits);
        store.set_epoch_deadline(PluginEngine::ticks_for(p.timeout * 10));
        let bindings = p
            .pre
            .instantiate(&mut store)
            .map_err(|e| format!("instantiation failed: {e}"))?;
        match bindings
            .carewire_plugin_filter()
            .call_init(&mut store, &p.init_config)
        {
            Ok(Ok(())) => Ok(Live { store, bindings }),
            // The plugin's own words: shown to the operator at start-up, where
            // the contract says they must hold no PHI.
            Ok(Err(message)) => Err(message),
            Err(e) => Err(match classify(&e, store.data().limits.hit) {
                FailureKind::OutOfMemory => format!(
                    "init ran out of memory: it needs more than memory_mib = {}",
                    p.memory_bytes / (1024 * 1024)
                ),
                FailureKind::Timeout => format!(
                    "init ran past its time budget ({} ms, ten times timeout_ms)",
                    (p.timeout * 10).as_millis()
                ),
                _ => format!("init trapped: {e}"),
            }),
        }
    }

    /// Runs `process` within the time budget and memory cap.
    pub fn process(&mut self, message: &wit::Message, now_ms: i64) -> Result<Verdict, FailureKind> {
        let live = match self.live.take() {
            Some(live) => live,
            None => match self.instantiate() {
                Ok(live) => live,
                Err(_) => return Err(FailureKind::Unavailable),
            },
        };
        let Live {
            mut store,
            bindings,
        } = live;
        store.data_mut().now_ms = now_ms;
        store.set_epoch_deadline(PluginEngine::ticks_for(self.plugin.timeout));
        let result = bindings
            .carewire_plugin_filter()
            .call_process(&mut store, message);
        match result {
            Ok(Ok(verdict)) => {
                self.live = Some(Live { store, bindings });
                Ok(convert(verdict))
            }
            Ok(Err(_plugin_words)) => {
                self.live = Some(Live { store, bindings });
                Err(FailureKind::Error)
            }
            // The instance is dead after any trap; `live` stays empty and the
            // next call instantiates afresh from the cached pre-instance.
            Err(e) => Err(classify(&e, store.data().limits.hit)),
        }
    }
}

fn classify(error: &wasmtime::Error, memory_cap_hit: bool) -> FailureKind {
    if error.downcast_ref::<wasmtime::Trap>() == Some(&wasmtime::Trap::Interrupt) {
        FailureKind::Timeout
    } else if memory_cap_hit {
        FailureKind::OutOfMemory
    } else {
        FailureKind::Trap
    }
}

fn channel(c: wit::Channel) -> Channel {
    match c {
        wit::Channel::Sms => Channel::Sms,
        wit::Channel::Portal => Channel::Portal,
        wit::Channel::Escalation => Channel::Escalation,
    }
}

/// The WIT verdict as a core value, with every code checked. Public (as
/// `plugin::lift_verdict`) for the fuzz target `verdict_lift` (fuzz/).
pub fn convert(v: wit::Verdict) -> Verdict {
    Verdict {
        halt: match v.flow {
            wit::Flow::Continue => None,
            wit::Flow::Halt(code) => Some(sanitize(code)),
        },
        deny: v.deny.into_iter().map(channel).collect(),
        require: v.require.map(channel),
        bodies: v
            .bodies
            .into_iter()
            .map(|b| (channel(b.channel), b.body))
            .collect(),
        labels: v
            .labels
            .into_iter()
            .map(|l| (sanitize(l.key), sanitize(l.value)))
            .collect(),
        reasons: v.reasons.into_iter().map(sanitize).collect(),
    }
}
