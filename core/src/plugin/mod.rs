//! The plugin host: loads WebAssembly components, runs them sandboxed, and
//! turns what they answer (or how they fail) into typed verdicts.
//!
//! - `bindings`: the generated WIT types (one `bindgen!`).
//! - `engine`: the wasmtime engine and its epoch ticker.
//! - `loader`: digest pinning and the on-disk compile cache.
//! - `host`: what a plugin may import: granted KV buckets, a PHI-safe log, a clock.
//! - `instance`: one live plugin instance with its memory cap and time budget.
//! - `chain`: the configured plugins, run in order for one message.
//! - `pool`: worker threads, each owning one chain, fed from async code.

mod bindings;
mod chain;
mod engine;
mod host;
mod instance;
mod loader;
mod pool;

/// The WIT types and the host's lifting of a plugin's verdict into a
/// [`crate::decision::Verdict`], for the fuzz targets (fuzz/).
pub use bindings::wit;
pub use chain::{Chain, ChainSpec, PluginOutcome, PluginReport};
pub use engine::PluginEngine;
pub use host::{JsonKv, KvReader, KvUnavailable, NoKv};
pub use instance::FailureKind;
pub use instance::convert as lift_verdict;
pub use loader::{LoadError, LoadedPlugin, sha256_hex};
pub use pool::{ChainPool, PoolClosed};
