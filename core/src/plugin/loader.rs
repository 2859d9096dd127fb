//! Loading a plugin: check its sha256 pin, then compile it, or load the
//! compiled form from the on-disk cache so that a restart does not recompile.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, HasSelf, Linker};

use super::bindings::{Plugin, PluginPre};
use super::engine::PluginEngine;
use super::host::HostState;
use crate::config::{FailurePolicy, PluginConfig};

/// Why a plugin could not be loaded. Always names the plugin.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("plugin {name}: cannot read {path}: {source}")]
    Read {
        name: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("plugin {name}: sha256 mismatch for {path}: config pins {expected}, file is {actual}")]
    DigestMismatch {
        name: String,
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error("plugin {name}: not a valid carewire plugin component: {detail}")]
    Compile { name: String, detail: String },
    #[error("plugin {name}: init failed: {detail}")]
    Init { name: String, detail: String },
}

/// A plugin ready to be instantiated: compiled, linked, configured.
pub struct LoadedPlugin {
    pub name: String,
    pub digest: String,
    pub pre: PluginPre<HostState>,
    pub init_config: String,
    pub timeout: Duration,
    pub memory_bytes: usize,
    pub grants: Arc<[String]>,
    pub on_failure: FailurePolicy,
}

/// The sha256 of a file's bytes, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl LoadedPlugin {
    /// Reads, verifies, compiles (or loads from `cache_dir`) and links one plugin.
    pub fn load(
        engine: &PluginEngine,
        cfg: &PluginConfig,
        path: &Path,
        cache_dir: &Path,
    ) -> Result<Self, LoadError> {
        let name = cfg.name.clone();
        let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
            name: name.clone(),
            path: path.to_path_buf(),
            source,
        })?;
        let digest = sha256_hex(&bytes);
        if !digest.eq_ignore_ascii_case(&cfg.sha256) {
            return Err(LoadError::DigestMismatch {
                name,
                path: path.to_path_buf(),
                expected: cfg.sha256.to_lowercase(),
                actual: digest,
            });
        }
        let compile_err = |e: wasmtime::Error| LoadError::Compile {
            name: name.clone(),
            detail: format!("{e:#}"),
        };
        let component =
            cached_component(engine, &bytes, &digest, cache_dir).map_err(compile_err)?;

        let mut linker: Linker<HostState> = Linker::new(engine.engine());
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(compile_err)?;
        Plugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s).map_err(compile_err)?;
        let pre = linker
            .instantiate_pre(&component)
            .and_then(PluginPre::new)
            .map_err(compile_err)?;

        let init_config = serde_json::Value::Object(cfg.config.clone()).to_string();
        Ok(Self {
            name,
            digest,
            pre,
            init_config,
            timeout: cfg.timeout(),
            memory_bytes: cfg.memory_mib.saturating_mul(1024 * 1024),
            grants: cfg.kv_buckets.clone().into(),
            on_failure: cfg.on_failure,
        })
    }
}

/// Loads the compiled component from the cache, or compiles and caches it.
/// The cache key covers the file's digest and the engine's compatibility
/// (wasmtime version and settings), and only files this function wrote are
/// ever deserialised.
fn cached_component(
    engine: &PluginEngine,
    bytes: &[u8],
    digest: &str,
    cache_dir: &Path,
) -> wasmtime::Result<Component> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    engine
        .engine()
        .precompile_compatibility_hash()
        .hash(&mut hasher);
    let file = cache_dir.join(format!("{digest}-{:016x}.cwasm", hasher.finish()));

    if file.is_file() {
        match deserialize_cached(engine, &file) {
            Ok(component) => return Ok(component),
            Err(e) => tracing::warn!(error = %e, "compile cache entry unusable; recompiling"),
        }
    }
    let compiled = engine.engine().precompile_component(bytes)?;
    if let Err(e) = write_atomically(cache_dir, &file, &compiled) {
        tracing::warn!(error = %e, dir = %cache_dir.display(), "cannot write compile cache");
    }
    deserialize_bytes(engine, &compiled)
}

#[allow(unsafe_code)]
fn deserialize_cached(engine: &PluginEngine, file: &Path) -> wasmtime::Result<Component> {
    // SAFETY: the file is in carewire's own cache directory, written by
    // `write_atomically` from `precompile_component` for an engine with the
    // same compatibility hash (part of the file name).
    unsafe { Component::deserialize_file(engine.engine(), file) }
}

#[allow(unsafe_code)]
fn deserialize_bytes(engine: &PluginEngine, compiled: &[u8]) -> wasmtime::Result<Component> {
    // SAFETY: the bytes were produced by `precompile_component` on this very engine.
    unsafe { Component::deserialize(engine.engine(), compiled) }
}

fn write_atomically(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile_in(dir)?;
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, file)
}

fn tempfile_in(dir: &Path) -> std::io::Result<PathBuf> {
    let unique = format!(".tmp-{}-{}", std::process::id(), rand::random::<u64>());
    Ok(dir.join(unique))
}
