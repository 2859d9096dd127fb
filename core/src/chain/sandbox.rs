//! The state behind the virtual WASI a plugin sees ([`super::wasi`]): the
//! message's `now` its clocks answer, and a random generator seeded by the
//! plugin's name, the message id and `now` (so `carewire replay --now` gives
//! the same answers every run); and the empty WASI context and bounded
//! resource table each instance starts with.

use std::hash::{DefaultHasher, Hash, Hasher};

use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use wasmtime::component::ResourceTable;
use wasmtime_wasi::WasiCtx;

use super::limits::{MAX_HOST_RESOURCES, MAX_RANDOM_BYTES};

/// The per-instance state of the virtual clocks and random source.
pub struct Sandbox {
    /// The plugin's name, hashed: part of every seed.
    plugin_seed: u64,
    /// The time this call is about (ms since the Unix epoch).
    now_ms: i64,
    /// This call's seed (plugin, message id, `now`).
    seed: u64,
    /// The generator, created on the call's first random request.
    rng: Option<StdRng>,
}

impl Sandbox {
    pub fn new(plugin: &str) -> Self {
        let mut hasher = DefaultHasher::new();
        plugin.hash(&mut hasher);
        let plugin_seed = hasher.finish();
        Self {
            plugin_seed,
            now_ms: 0,
            seed: plugin_seed,
            rng: None,
        }
    }

    /// Starts a call about `message_id` at `now_ms`: the clocks answer
    /// `now_ms`, and random numbers start over from a seed of their own.
    pub fn begin_call(&mut self, message_id: &str, now_ms: i64) {
        let mut hasher = DefaultHasher::new();
        self.plugin_seed.hash(&mut hasher);
        message_id.hash(&mut hasher);
        now_ms.hash(&mut hasher);
        self.seed = hasher.finish();
        self.now_ms = now_ms;
        self.rng = None;
    }

    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// `now` in nanoseconds since the Unix epoch (0 before it).
    pub(super) fn now_ns(&self) -> u64 {
        u64::try_from(self.now_ms)
            .unwrap_or(0)
            .saturating_mul(1_000_000)
    }

    pub(super) fn rng(&mut self) -> &mut StdRng {
        self.rng
            .get_or_insert_with(|| StdRng::seed_from_u64(self.seed))
    }

    pub(super) fn random_bytes(&mut self, len: u64) -> wasmtime::Result<Vec<u8>> {
        if len > MAX_RANDOM_BYTES {
            wasmtime::bail!("a plugin asked for {len} random bytes (at most {MAX_RANDOM_BYTES})");
        }
        let mut bytes = vec![0; usize::try_from(len)?];
        self.rng().fill_bytes(&mut bytes);
        Ok(bytes)
    }
}

/// A WASI context that grants nothing: no preopened directories, no
/// environment, no arguments, an empty stdin, discarded stdout and stderr,
/// and no network use of any kind.
pub fn empty_context() -> WasiCtx {
    WasiCtx::builder()
        .allow_tcp(false)
        .allow_udp(false)
        .allow_ip_name_lookup(false)
        .build()
}

/// A resource table no bigger than [`MAX_HOST_RESOURCES`].
pub fn resource_table() -> ResourceTable {
    let mut table = ResourceTable::new();
    table.set_max_capacity(MAX_HOST_RESOURCES);
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_is_the_same_for_the_same_message_and_now() {
        let draw = |plugin: &str, id: &str, now: i64| {
            let mut s = Sandbox::new(plugin);
            s.begin_call(id, now);
            (s.rng().next_u64(), s.random_bytes(16).unwrap())
        };
        assert_eq!(draw("p", "m-1", 5), draw("p", "m-1", 5));
        assert_ne!(draw("p", "m-1", 5), draw("p", "m-2", 5));
        assert_ne!(draw("p", "m-1", 5), draw("p", "m-1", 6));
        assert_ne!(draw("p", "m-1", 5), draw("q", "m-1", 5));
        // A new call starts over, whatever the last one drew.
        let mut s = Sandbox::new("p");
        s.begin_call("m-1", 5);
        let first = s.rng().next_u64();
        s.rng().next_u64();
        s.begin_call("m-1", 5);
        assert_eq!(s.rng().next_u64(), first);
    }

    #[test]
    fn random_requests_are_bounded() {
        let mut s = Sandbox::new("p");
        assert!(s.random_bytes(MAX_RANDOM_BYTES).is_ok());
        assert!(s.random_bytes(MAX_RANDOM_BYTES + 1).is_err());
        assert!(s.random_bytes(u64::MAX).is_err());
    }

    #[test]
    fn clocks_read_now() {
        let mut s = Sandbox::new("p");
        assert_eq!(s.now_ns(), 0);
        s.begin_call("m", 1_700_000_000_123);
        assert_eq!(s.now_ms(), 1_700_000_000_123);
        assert_eq!(s.now_ns(), 1_700_000_000_123_000_000);
        s.begin_call("m", -5);
        assert_eq!(s.now_ns(), 0);
    }
}
