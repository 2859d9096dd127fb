//! What one plugin instance may take from the host besides time: linear
//! memory (all of its memories together), tables, core instances, host
//! resources, data copied out of it, and the size of its answers. Going over
//! a limit fails the call (`out_of_memory` for memory, `limit` for the rest);
//! it never makes the host allocate more. The numbers are documented in
//! wit/README.md ("Limits").

/// Core wasm instances per plugin instance. A Rust plugin has about 4;
/// a componentize-py or componentize-js one about 20.
pub const MAX_INSTANCES: usize = 64;
/// Linear memories per plugin instance (a component has one per core
/// module that keeps one; together they share `memory_mib`).
pub const MAX_MEMORIES: usize = 16;
/// Tables per plugin instance.
pub const MAX_TABLES: usize = 64;
/// Table elements, all tables together (a pointer of host memory each).
pub const MAX_TABLE_ELEMENTS: usize = 100_000;
/// Entries in the host's resource table (WASI streams, pollables...).
pub const MAX_HOST_RESOURCES: usize = 1_000;
/// Component-model handles the plugin may hold at once.
pub const MAX_HANDLES: usize = 10_000;
/// Bytes one `wasi:random` call may ask for.
pub const MAX_RANDOM_BYTES: u64 = 64 * 1024;

/// Reason codes in one verdict.
pub const MAX_REASONS: usize = 64;
/// Labels in one verdict.
pub const MAX_LABELS: usize = 64;
/// Entries of `deny` in one verdict (there are three channels).
pub const MAX_DENIED: usize = 3;
/// Body replacements in one verdict (one per channel).
pub const MAX_BODIES: usize = 3;
/// Bytes of one body replacement: the most a body carewire can send takes
/// ([`crate::envelope::fields::MAX_BODY_CHARS`] characters of up to 4 bytes;
/// a longer one within this bound denies its channel).
pub const MAX_BODY_BYTES: usize = crate::envelope::fields::MAX_BODY_CHARS * 4;

/// Events one call may log; later ones are dropped.
pub const MAX_LOG_EVENTS: u32 = 16;
/// Fields one log event may carry; later ones are dropped.
pub const MAX_LOG_FIELDS: usize = 8;
/// The largest magnitude a log field may show: four digits, like a code,
/// so a field cannot carry a phone number, a date or an MRN.
pub const MAX_LOG_VALUE: i64 = 9_999;

/// Bytes the host copies out of a plugin in one call (a verdict, or the
/// arguments of one host call): the largest verdict and some room. Past it
/// wasmtime stops copying, so a flood costs the host nothing.
pub const HOSTCALL_BUDGET: usize = MAX_BODIES * (MAX_BODY_BYTES + 32)
    + (MAX_REASONS + 2 * MAX_LABELS + 1) * (crate::common::codes::MAX_CODE_BYTES + 32)
    + 64 * 1024;

// The copy budget fits the largest verdict, and not much more.
const _: () = assert!(HOSTCALL_BUDGET > MAX_BODIES * MAX_BODY_BYTES);
const _: () = assert!(HOSTCALL_BUDGET < 512 * 1024);

/// Which limit stopped a plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Its memories would have grown past `memory_mib`.
    Memory,
    /// Any other limit of this module.
    Sandbox,
}

/// The store's [`wasmtime::ResourceLimiter`], remembering the first limit
/// that was hit so a failure can be reported by its cause rather than as a
/// plain trap.
pub struct Limits {
    max_memory_bytes: usize,
    memory_bytes: usize,
    table_elements: usize,
    hit: Option<Hit>,
}

impl Limits {
    pub fn new(max_memory_bytes: usize) -> Self {
        Self {
            max_memory_bytes,
            memory_bytes: 0,
            table_elements: 0,
            hit: None,
        }
    }

    /// The first limit hit since the instance was created.
    pub fn hit(&self) -> Option<Hit> {
        self.hit
    }

    /// Records that a limit of this module was hit (by a host function).
    pub fn refuse(&mut self) {
        self.hit.get_or_insert(Hit::Sandbox);
    }
}

impl wasmtime::ResourceLimiter for Limits {
    /// Memories share one cap: a component with several memories cannot
    /// take `memory_mib` for each.
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let total = self
            .memory_bytes
            .saturating_add(desired.saturating_sub(current));
        if total > self.max_memory_bytes {
            self.hit.get_or_insert(Hit::Memory);
            return Ok(false);
        }
        self.memory_bytes = total;
        Ok(true)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let total = self
            .table_elements
            .saturating_add(desired.saturating_sub(current));
        if total > MAX_TABLE_ELEMENTS {
            self.refuse();
            return Ok(false);
        }
        self.table_elements = total;
        Ok(true)
    }

    fn instances(&self) -> usize {
        MAX_INSTANCES
    }

    fn tables(&self) -> usize {
        MAX_TABLES
    }

    fn memories(&self) -> usize {
        MAX_MEMORIES
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmtime::ResourceLimiter;

    const MIB: usize = 1024 * 1024;

    #[test]
    fn memories_share_one_cap() {
        let mut limits = Limits::new(4 * MIB);
        assert!(limits.memory_growing(0, 3 * MIB, None).unwrap());
        // A second memory may not take another 4 MiB: only what is left.
        assert!(!limits.memory_growing(0, 2 * MIB, None).unwrap());
        assert_eq!(limits.hit(), Some(Hit::Memory));
        assert!(limits.memory_growing(0, MIB, None).unwrap());
        assert!(!limits.memory_growing(3 * MIB, 3 * MIB + 1, None).unwrap());
    }

    #[test]
    fn tables_share_one_cap_and_other_limits_are_reported() {
        let mut limits = Limits::new(MIB);
        assert!(limits.table_growing(0, MAX_TABLE_ELEMENTS, None).unwrap());
        assert_eq!(limits.hit(), None);
        assert!(!limits.table_growing(0, 1, None).unwrap());
        assert_eq!(limits.hit(), Some(Hit::Sandbox));
        // The first limit hit is the one reported.
        let mut limits = Limits::new(MIB);
        limits.refuse();
        assert!(!limits.memory_growing(0, 2 * MIB, None).unwrap());
        assert_eq!(limits.hit(), Some(Hit::Sandbox));
    }
}
