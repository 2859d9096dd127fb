//! The wasmtime engine shared by every plugin, and the thread that advances
//! its epoch so that per-call deadlines fire.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wasmtime::{Config, Engine, OptLevel};

/// How often the epoch advances; time budgets are rounded up to this.
pub const EPOCH_TICK: Duration = Duration::from_millis(2);

/// Set to `1`, plugins' compiled code is named in `/tmp/perf-<pid>.map`,
/// so `perf report` shows a plugin's own functions (built unstripped).
const PERF_MAP_VAR: &str = "CAREWIRE_WASM_PERFMAP";

/// The engine plus its epoch ticker, stopped when the last clone is dropped.
#[derive(Clone)]
pub struct PluginEngine {
    engine: Engine,
    _ticker: Arc<Ticker>,
}

struct Ticker {
    stop: Arc<AtomicBool>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl PluginEngine {
    pub fn new() -> anyhow::Result<Self> {
        let mut config = Config::new();
        config
            .epoch_interruption(true)
            .cranelift_opt_level(OptLevel::Speed)
            // Per-call overhead drops ~3x without the component-model async machinery.
            .concurrency_support(false);
        if std::env::var_os(PERF_MAP_VAR).is_some_and(|v| v == "1") {
            config.profiler(wasmtime::ProfilingStrategy::PerfMap);
        }
        let engine = Engine::new(&config).map_err(anyhow::Error::from)?;
        let stop = Arc::new(AtomicBool::new(false));
        let ticking = engine.clone();
        let flag = stop.clone();
        std::thread::Builder::new()
            .name("carewire-epoch".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(EPOCH_TICK);
                    ticking.increment_epoch();
                }
            })?;
        Ok(Self {
            engine,
            _ticker: Arc::new(Ticker { stop }),
        })
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Epoch ticks that cover `budget` (at least two, so a call never starts expired).
    pub fn ticks_for(budget: Duration) -> u64 {
        let tick = EPOCH_TICK.as_micros().max(1);
        (budget.as_micros().div_ceil(tick) as u64).max(1) + 1
    }
}
