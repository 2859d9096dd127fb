//! One live plugin instance: its own store, memory cap and per-call time
//! budget. A failed call kills the instance; the next call gets a fresh one.

use std::sync::Arc;
use std::time::Duration;

use wasmtime::Store;

use super::bindings::{Plugin, wit};
use super::engine::PluginEngine;
use super::host::HostState;
use super::limits::{
    HOSTCALL_BUDGET, Hit, MAX_BODIES, MAX_BODY_BYTES, MAX_DENIED, MAX_HANDLES, MAX_LABELS,
    MAX_REASONS,
};
use super::loader::LoadedPlugin;
use super::verdict::Verdict;
use crate::common::channel::Channel;
use crate::common::codes::is_code;
use crate::common::kv::{KvPrefetch, KvRead, KvReader};

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
    /// The instance went over a sandbox limit other than time and memory:
    /// a verdict too large, too many table elements, host resources or
    /// random bytes, or more data than a call may copy out of it.
    Limit,
    /// The verdict broke the contract: a reason, label or halt code that is
    /// not a code (see `crate::common::codes`).
    InvalidVerdict,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Timeout => "timeout",
            FailureKind::OutOfMemory => "out_of_memory",
            FailureKind::Trap => "trap",
            FailureKind::Error => "error",
            FailureKind::Unavailable => "unavailable",
            FailureKind::Limit => "limit",
            FailureKind::InvalidVerdict => "invalid_verdict",
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
        store.set_hostcall_fuel(HOSTCALL_BUDGET);
        store.set_max_component_handles(MAX_HANDLES);
        // `init` runs at no message's time (the Unix epoch), with its own budget.
        let budget = init_budget(p.timeout);
        store
            .data_mut()
            .begin_call("", "", 0, budget, &Arc::default());
        store.set_epoch_deadline(PluginEngine::ticks_for(budget));
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
            Err(e) => Err(match classify(&e, store.data().limits.hit()) {
                FailureKind::OutOfMemory => format!(
                    "init ran out of memory: it needs more than memory_mib = {}",
                    p.memory_bytes / (1024 * 1024)
                ),
                FailureKind::Timeout => format!(
                    "init ran past its time budget ({} ms: ten times timeout_ms, at least {} ms)",
                    budget.as_millis(),
                    INIT_BUDGET_FLOOR.as_millis()
                ),
                _ => format!("init trapped: {e}"),
            }),
        }
    }

    /// Runs `process` within the time budget and memory cap; with the keys
    /// the call read.
    pub fn process(
        &mut self,
        message: &wit::Message,
        now_ms: i64,
        prefetched: &Arc<KvPrefetch>,
    ) -> (Result<Verdict, FailureKind>, Vec<KvRead>) {
        let live = match self.live.take() {
            Some(live) => live,
            None => match self.instantiate() {
                Ok(live) => live,
                Err(_) => return (Err(FailureKind::Unavailable), Vec::new()),
            },
        };
        let Live {
            mut store,
            bindings,
        } = live;
        store.data_mut().begin_call(
            &message.id,
            &message.tenant,
            now_ms,
            self.plugin.timeout,
            prefetched,
        );
        store.set_epoch_deadline(PluginEngine::ticks_for(self.plugin.timeout));
        let result = bindings
            .carewire_plugin_filter()
            .call_process(&mut store, message);
        let reads = store.data_mut().take_reads();
        let verdict = match result {
            Ok(Ok(verdict)) => {
                self.live = Some(Live { store, bindings });
                check(verdict)
            }
            Ok(Err(_plugin_words)) => {
                self.live = Some(Live { store, bindings });
                Err(FailureKind::Error)
            }
            // The instance is dead after any trap; `live` stays empty and the
            // next call instantiates afresh from the cached pre-instance.
            Err(e) => Err(classify(&e, store.data().limits.hit())),
        };
        (verdict, reads)
    }
}

/// The least time `init` gets, whatever the plugin's `timeout_ms`.
pub const INIT_BUDGET_FLOOR: Duration = Duration::from_secs(2);

/// The time budget of `init`: ten times the plugin's `timeout_ms`, and at
/// least [`INIT_BUDGET_FLOOR`]. It runs once per instance (at start-up, or
/// for the next message after a failed call) and builds what the calls use;
/// a loaded machine must not keep carewire from starting, and a message's
/// own call keeps its `timeout_ms`.
fn init_budget(timeout: Duration) -> Duration {
    (timeout * 10).max(INIT_BUDGET_FLOOR)
}

fn classify(error: &wasmtime::Error, hit: Option<Hit>) -> FailureKind {
    if error.downcast_ref::<wasmtime::Trap>() == Some(&wasmtime::Trap::Interrupt) {
        return FailureKind::Timeout;
    }
    match hit {
        Some(Hit::Memory) => FailureKind::OutOfMemory,
        Some(Hit::Sandbox) => FailureKind::Limit,
        None if wasmtime_refused(error) => FailureKind::Limit,
        None => FailureKind::Trap,
    }
}

/// Whether wasmtime itself refused: to copy more than the store's hostcall
/// fuel out of the plugin (a flooded verdict), to let it hold more handles
/// than its limit, or to add to a full resource table. The first two are
/// errors of private types, known only by their text.
fn wasmtime_refused(error: &wasmtime::Error) -> bool {
    if matches!(
        error.downcast_ref::<wasmtime::component::ResourceTableError>(),
        Some(wasmtime::component::ResourceTableError::Full)
    ) {
        return true;
    }
    let text = format!("{error:?}");
    text.contains("fuel allocated for hostcalls has been exhausted")
        || text.contains("store handle limit exceeded")
}

fn channel(c: wit::Channel) -> Channel {
    match c {
        wit::Channel::Sms => Channel::Sms,
        wit::Channel::Portal => Channel::Portal,
        wit::Channel::Escalation => Channel::Escalation,
    }
}

/// The WIT verdict as a core value, if it keeps to the contract: within
/// the limits of [`super::limits`] (else [`FailureKind::Limit`]), and every
/// reason, label and halt a code (else [`FailureKind::InvalidVerdict`]).
/// Public (as `plugin::lift_verdict`) for the fuzz target `verdict_lift`.
pub fn check(v: wit::Verdict) -> Result<Verdict, FailureKind> {
    if v.reasons.len() > MAX_REASONS
        || v.labels.len() > MAX_LABELS
        || v.deny.len() > MAX_DENIED
        || v.bodies.len() > MAX_BODIES
        || v.bodies.iter().any(|b| b.body.len() > MAX_BODY_BYTES)
    {
        return Err(FailureKind::Limit);
    }
    let halt_ok = match &v.flow {
        wit::Flow::Continue => true,
        wit::Flow::Halt(code) => is_code(code),
    };
    let codes_ok = halt_ok
        && v.reasons.iter().all(|r| is_code(r))
        && v.labels
            .iter()
            .all(|l| is_code(&l.key) && is_code(&l.value));
    if !codes_ok {
        return Err(FailureKind::InvalidVerdict);
    }
    Ok(Verdict {
        halt: match v.flow {
            wit::Flow::Continue => None,
            wit::Flow::Halt(code) => Some(code),
        },
        deny: v.deny.into_iter().map(channel).collect(),
        require: v.require.map(channel),
        bodies: v
            .bodies
            .into_iter()
            .map(|b| (channel(b.channel), b.body))
            .collect(),
        labels: v.labels.into_iter().map(|l| (l.key, l.value)).collect(),
        reasons: v.reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict() -> wit::Verdict {
        wit::Verdict {
            flow: wit::Flow::Continue,
            deny: vec![wit::Channel::Sms],
            require: None,
            bodies: vec![wit::BodyReplacement {
                channel: wit::Channel::Sms,
                body: "hello".into(),
            }],
            labels: vec![wit::Label {
                key: "urgency".into(),
                value: "urgent".into(),
            }],
            reasons: vec!["urgent:chest_pain".into()],
        }
    }

    #[test]
    fn init_gets_ten_times_the_budget_and_at_least_two_seconds() {
        assert_eq!(init_budget(Duration::from_millis(50)), INIT_BUDGET_FLOOR);
        assert_eq!(
            init_budget(Duration::from_millis(500)),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn a_verdict_within_the_contract_is_kept() {
        let v = check(verdict()).expect("valid");
        assert_eq!(v.deny, vec![Channel::Sms]);
        assert_eq!(v.bodies, vec![(Channel::Sms, "hello".to_string())]);
        assert_eq!(v.labels, vec![("urgency".into(), "urgent".into())]);
        assert_eq!(v.reasons, vec!["urgent:chest_pain".to_string()]);
    }

    #[test]
    fn a_verdict_over_its_limits_fails() {
        let mut v = verdict();
        v.reasons = vec!["r".into(); MAX_REASONS + 1];
        assert_eq!(check(v).err(), Some(FailureKind::Limit));
        let mut v = verdict();
        v.labels = (0..=MAX_LABELS)
            .map(|n| wit::Label {
                key: format!("k{n}"),
                value: "v".into(),
            })
            .collect();
        assert_eq!(check(v).err(), Some(FailureKind::Limit));
        let mut v = verdict();
        v.deny = vec![wit::Channel::Sms; MAX_DENIED + 1];
        assert_eq!(check(v).err(), Some(FailureKind::Limit));
        let mut v = verdict();
        v.bodies = vec![v.bodies[0].clone(); MAX_BODIES + 1];
        assert_eq!(check(v).err(), Some(FailureKind::Limit));
        let mut v = verdict();
        v.bodies[0].body = "x".repeat(MAX_BODY_BYTES + 1);
        assert_eq!(check(v).err(), Some(FailureKind::Limit));
    }

    #[test]
    fn a_verdict_with_a_non_code_fails() {
        for bad in ["15555550101", "maria.lopez", "mrn:4471902", "Maria Lopez"] {
            let mut v = verdict();
            v.reasons.push(bad.into());
            assert_eq!(check(v).err(), Some(FailureKind::InvalidVerdict));
            let mut v = verdict();
            v.labels[0].value = bad.into();
            assert_eq!(check(v).err(), Some(FailureKind::InvalidVerdict));
            let mut v = verdict();
            v.labels[0].key = bad.into();
            assert_eq!(check(v).err(), Some(FailureKind::InvalidVerdict));
            let mut v = verdict();
            v.flow = wit::Flow::Halt(bad.into());
            assert_eq!(check(v).err(), Some(FailureKind::InvalidVerdict));
        }
    }
}
