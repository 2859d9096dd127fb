//! Loading a plugin: check its sha256 pin, then compile it, or load the
//! compiled form from the on-disk cache so that a restart does not recompile;
//! then link it to what it may import and nothing more.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, HasSelf, Linker};

use super::bindings::{Plugin, PluginPre};
use super::engine::PluginEngine;
use super::host::{HostState, KvGrants};
use super::wasi;
use crate::config::{FailurePolicy, PluginConfig};

/// The imports of the world `carewire:plugin/plugin` this carewire lends,
/// exactly: a plugin built against another version is refused at load.
const CAREWIRE_IMPORTS: [&str; 2] = ["carewire:plugin/types@0.1.0", "carewire:plugin/host@0.1.0"];

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
    pub grants: KvGrants,
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
        numbers_bucket: &Arc<str>,
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

        refuse_foreign_imports(engine, &component).map_err(|detail| LoadError::Compile {
            name: name.clone(),
            detail,
        })?;
        let mut linker: Linker<HostState> = Linker::new(engine.engine());
        wasi::add_to_linker(&mut linker).map_err(compile_err)?;
        Plugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s).map_err(compile_err)?;
        // What is left can only be a `wasi:` interface none of the usual
        // toolchains needs: it links, and traps if called.
        wasi::trap_unlent(&mut linker, &component, engine.engine()).map_err(compile_err)?;
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
            grants: KvGrants {
                buckets: cfg.kv_buckets.clone().into(),
                numbers: numbers_bucket.clone(),
            },
            on_failure: cfg.on_failure,
        })
    }
}

/// Refuses a component that imports anything but WASI and the carewire
/// world this host implements.
fn refuse_foreign_imports(engine: &PluginEngine, component: &Component) -> Result<(), String> {
    let ty = component.component_type();
    for (import, _) in ty.imports(engine.engine()) {
        if !import.starts_with("wasi:") && !CAREWIRE_IMPORTS.contains(&import) {
            return Err(format!(
                "it imports {import}, which carewire does not lend (only WASI and {})",
                CAREWIRE_IMPORTS.join(", ")
            ));
        }
    }
    Ok(())
}

/// Loads the compiled component from the cache, or compiles and caches it.
/// The cache key covers the file's digest and the engine's compatibility
/// (wasmtime version and settings). An entry is native code, so it is used
/// only when its bytes match the sha256 kept beside it (written once the
/// entry is on disk): a truncated, altered or swapped entry is compiled
/// again and replaced, never run.
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
    let name = format!("{digest}-{:016x}.cwasm", hasher.finish());
    let entry = cache_dir.join(&name);
    let sum = cache_dir.join(format!("{name}.sha256"));

    match read_verified(&entry, &sum, &name) {
        Ok(Some(compiled)) => match deserialize(engine, &compiled) {
            Ok(component) => return Ok(component),
            Err(e) => tracing::warn!(error = %e, "compile cache entry unusable; recompiling"),
        },
        Ok(None) => {}
        Err(why) => {
            tracing::warn!(entry = %entry.display(), why, "compile cache entry refused; recompiling")
        }
    }
    let compiled = engine.engine().precompile_component(bytes)?;
    if let Err(e) = write_entry(cache_dir, &entry, &sum, &name, &compiled) {
        tracing::warn!(error = %e, dir = %cache_dir.display(), "cannot write compile cache");
    }
    deserialize(engine, &compiled)
}

/// The entry's bytes when they match the digest beside them; `None` when
/// there is no entry; `Err` with why an entry cannot be trusted.
fn read_verified(entry: &Path, sum: &Path, name: &str) -> Result<Option<Vec<u8>>, &'static str> {
    let compiled = match std::fs::read(entry) {
        Ok(compiled) => compiled,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err("unreadable"),
    };
    let expected = std::fs::read_to_string(sum).map_err(|_| "no digest beside it")?;
    if expected != sum_line(&compiled, name) {
        return Err("its digest does not match");
    }
    Ok(Some(compiled))
}

/// The digest file's content, in `sha256sum` format.
fn sum_line(compiled: &[u8], name: &str) -> String {
    format!("{}  {name}\n", sha256_hex(compiled))
}

#[allow(unsafe_code)]
fn deserialize(engine: &PluginEngine, compiled: &[u8]) -> wasmtime::Result<Component> {
    // SAFETY: the bytes were produced by `precompile_component` on this very
    // engine, or read from carewire's own cache and checked against the
    // digest written beside them, for an engine with the same compatibility
    // hash (part of the file name).
    unsafe { Component::deserialize(engine.engine(), compiled) }
}

/// Writes the entry, then its digest, each durably and atomically.
fn write_entry(
    dir: &Path,
    entry: &Path,
    sum: &Path,
    name: &str,
    compiled: &[u8],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_atomically(dir, entry, compiled)?;
    write_atomically(dir, sum, sum_line(compiled, name).as_bytes())
}

/// Writes `bytes` to a temporary file in `dir`, flushes it to disk, renames
/// it to `file` and flushes the directory.
fn write_atomically(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = tempfile_in(dir);
    let written = (|| {
        let mut out = std::fs::File::create(&tmp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    std::fs::File::open(dir)?.sync_all()
}

fn tempfile_in(dir: &Path) -> PathBuf {
    let unique = format!(".tmp-{}-{}", std::process::id(), rand::random::<u64>());
    dir.join(unique)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_used_only_with_its_own_digest_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (entry, sum) = (
            dir.path().join("a.cwasm"),
            dir.path().join("a.cwasm.sha256"),
        );
        assert_eq!(read_verified(&entry, &sum, "a.cwasm"), Ok(None));
        write_entry(dir.path(), &entry, &sum, "a.cwasm", b"native code").expect("write");
        assert_eq!(
            read_verified(&entry, &sum, "a.cwasm"),
            Ok(Some(b"native code".to_vec()))
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");

        std::fs::write(&entry, b"native codf").expect("tamper");
        assert!(read_verified(&entry, &sum, "a.cwasm").is_err());
        std::fs::write(&entry, b"native").expect("truncate");
        assert!(read_verified(&entry, &sum, "a.cwasm").is_err());
        // Another entry's file with its own digest is still not this entry.
        write_entry(dir.path(), &entry, &sum, "b.cwasm", b"other code").expect("write");
        assert!(read_verified(&entry, &sum, "a.cwasm").is_err());
        std::fs::remove_file(&sum).expect("remove");
        std::fs::write(&entry, b"native code").expect("restore");
        assert!(read_verified(&entry, &sum, "a.cwasm").is_err());
    }
}
