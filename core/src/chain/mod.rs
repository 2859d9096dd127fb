//! The plugin host: loads WebAssembly components, runs them sandboxed, and
//! turns what they answer (or how they fail) into typed verdicts.
//!
//! - `bindings`: the generated WIT types (one `bindgen!`).
//! - `engine`: the wasmtime engine and its epoch ticker.
//! - `loader`: digest pinning and the on-disk compile cache.
//! - `host`: what a plugin may import: granted KV buckets, a PHI-safe log, a clock.
//! - `sandbox`: the WASI a plugin sees: virtual clocks and random, nothing that waits,
//!   no files, environment or network.
//! - `limits`: what an instance may take besides time (memory, tables, handles,
//!   data copied out, the size of a verdict).
//! - `instance`: one live plugin instance with its limits and time budget.
//! - `plugins`: the configured plugins, run in order for one message.
//! - `pool`: worker threads, each owning one chain, fed from async code.

mod bindings;
mod engine;
mod host;
mod instance;
mod limits;
mod loader;
mod plugins;
mod pool;
mod sandbox;
mod verdict;
mod wasi;

pub use crate::common::kv::{JsonKv, KvLookup, KvRead, KvReader, KvUnavailable, NoKv};
/// The WIT types and the host's lifting of a plugin's verdict into a
/// [`Verdict`], for the fuzz targets (fuzz/).
pub use bindings::wit;
pub use engine::PluginEngine;
pub use host::KvGrants;
pub use instance::FailureKind;
pub use instance::check as lift_verdict;
pub use loader::{LoadError, LoadedPlugin, sha256_hex};
pub use plugins::{Chain, ChainSpec, PluginOutcome, PluginReport};
pub use pool::{ChainPool, PoolClosed};
pub use verdict::Verdict;
