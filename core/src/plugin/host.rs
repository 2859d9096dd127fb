//! What a plugin may import, and nothing more: reads of the KV buckets its
//! config grants (deny-all by default), a PHI-safe log, and a clock.

use std::collections::HashMap;
use std::sync::Arc;

use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

use super::bindings::{KvError, LogLevel, carewire};
use crate::codes::{INVALID_CODE, is_code};

/// A bucket could not be read right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("key-value store unavailable")]
pub struct KvUnavailable;

/// Read-only access to KV buckets, blocking (called from plugin worker threads).
pub trait KvReader: Send + Sync {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvUnavailable>;
}

/// No buckets at all: every lookup finds nothing.
pub struct NoKv;

impl KvReader for NoKv {
    fn get(&self, _: &str, _: &str) -> Result<Option<Vec<u8>>, KvUnavailable> {
        Ok(None)
    }
}

/// Buckets held in memory, loaded from a JSON file `{"<bucket>": {"<key>": <value>}}`
/// (what `carewire replay --kv` uses). A string value is stored as its text,
/// any other value as its JSON.
#[derive(Default)]
pub struct JsonKv {
    buckets: HashMap<String, HashMap<String, Vec<u8>>>,
}

impl JsonKv {
    pub fn from_json(value: serde_json::Value) -> Result<Self, String> {
        let serde_json::Value::Object(buckets) = value else {
            return Err("the KV file must hold a JSON object of buckets".into());
        };
        let mut out = HashMap::new();
        for (bucket, entries) in buckets {
            let serde_json::Value::Object(entries) = entries else {
                return Err(format!(
                    "KV bucket {bucket:?} must be a JSON object of keys"
                ));
            };
            let entries = entries
                .into_iter()
                .map(|(k, v)| {
                    let bytes = match v {
                        serde_json::Value::String(s) => s.into_bytes(),
                        other => other.to_string().into_bytes(),
                    };
                    (k, bytes)
                })
                .collect();
            out.insert(bucket, entries);
        }
        Ok(Self { buckets: out })
    }
}

impl KvReader for JsonKv {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvUnavailable> {
        Ok(self.buckets.get(bucket).and_then(|b| b.get(key)).cloned())
    }
}

/// The data of one plugin instance's store.
pub struct HostState {
    wasi: WasiCtx,
    table: ResourceTable,
    pub(super) limits: MemoryCap,
    plugin: Arc<str>,
    grants: Arc<[String]>,
    kv: Arc<dyn KvReader>,
    pub(super) now_ms: i64,
}

impl HostState {
    pub fn new(
        plugin: Arc<str>,
        grants: Arc<[String]>,
        kv: Arc<dyn KvReader>,
        memory_bytes: usize,
    ) -> Self {
        // An empty WASI context grants nothing: no preopened files, no
        // environment, no arguments, no stdin; stdout and stderr are discarded.
        let wasi = WasiCtx::builder()
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        Self {
            wasi,
            table: ResourceTable::new(),
            limits: MemoryCap::new(memory_bytes),
            plugin,
            grants,
            kv,
            now_ms: 0,
        }
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl carewire::plugin::types::Host for HostState {}

impl carewire::plugin::host::Host for HostState {
    fn kv_get(&mut self, bucket: String, key: String) -> Result<Option<Vec<u8>>, KvError> {
        if !self.grants.contains(&bucket) {
            tracing::warn!(plugin = %self.plugin, bucket = %code_or_invalid(&bucket), "kv bucket not granted");
            return Err(KvError::Denied);
        }
        self.kv
            .get(&bucket, &key)
            .map_err(|KvUnavailable| KvError::Unavailable)
    }

    fn log(&mut self, level: LogLevel, event: String, fields: Vec<(String, i64)>) {
        let event = code_or_invalid(&event);
        let fields: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={v}", code_or_invalid(k)))
            .collect();
        let fields = fields.join(" ");
        let plugin = &*self.plugin;
        match level {
            LogLevel::Debug => tracing::debug!(plugin, event, fields, "plugin log"),
            LogLevel::Info => tracing::info!(plugin, event, fields, "plugin log"),
            LogLevel::Warn => tracing::warn!(plugin, event, fields, "plugin log"),
            LogLevel::Error => tracing::error!(plugin, event, fields, "plugin log"),
        }
    }

    fn now_ms(&mut self) -> i64 {
        self.now_ms
    }
}

fn code_or_invalid(s: &str) -> &str {
    if is_code(s) { s } else { INVALID_CODE }
}

/// A per-instance memory cap that remembers whether it was hit, so a failure
/// can be reported as `out_of_memory` rather than a plain trap.
pub(super) struct MemoryCap {
    max_bytes: usize,
    pub(super) hit: bool,
}

impl MemoryCap {
    fn new(max_bytes: usize) -> Self {
        Self {
            max_bytes,
            hit: false,
        }
    }
}

impl wasmtime::ResourceLimiter for MemoryCap {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.max_bytes {
            self.hit = true;
            return Ok(false);
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= 100_000)
    }
}
