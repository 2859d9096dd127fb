//! The OpenTelemetry Collector's config: pipelines name defined components,
//! and the redaction allow-list keeps every attribute key carewire sets.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, ensure};
use yaml_rust2::Yaml;

use super::files::{extension, files_under, read, rel};

/// The collector's pipelines name defined components, and its redaction
/// allow-list keeps every attribute key carewire's source sets (a key not
/// on it would silently vanish from traces and metrics).
pub(super) fn check_collector(
    root: &Path,
    docs: &BTreeMap<PathBuf, Vec<Yaml>>,
) -> anyhow::Result<()> {
    let path = root.join("deploy/otel/collector.yaml");
    let file = rel(root, &path);
    let doc = docs
        .get(&path)
        .and_then(|d| d.first())
        .ok_or_else(|| anyhow!("{file} is missing"))?;
    let defined = |section: &str| -> BTreeSet<String> {
        doc[section]
            .as_hash()
            .map(|h| {
                h.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let pipelines = doc["service"]["pipelines"]
        .as_hash()
        .ok_or_else(|| anyhow!("{file}: no service.pipelines"))?;
    for (name, pipeline) in pipelines {
        let name = name.as_str().unwrap_or("?");
        for section in ["receivers", "processors", "exporters"] {
            let have = defined(section);
            for c in pipeline[section].as_vec().into_iter().flatten() {
                let c = c.as_str().unwrap_or("");
                ensure!(
                    have.contains(c),
                    "{file}: pipeline {name} uses {section} {c}, which is not defined"
                );
            }
        }
    }
    let extensions = defined("extensions");
    for e in doc["service"]["extensions"].as_vec().into_iter().flatten() {
        let e = e.as_str().unwrap_or("");
        ensure!(
            extensions.contains(e),
            "{file}: extension {e} is not defined"
        );
    }

    let allowed: BTreeSet<&str> = doc["processors"]["redaction"]["allowed_keys"]
        .as_vec()
        .ok_or_else(|| anyhow!("{file}: processors.redaction.allowed_keys is missing"))?
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    let mut used = BTreeSet::new();
    for src in files_under(&root.join("core/src"))? {
        if extension(&src) != "rs" {
            continue;
        }
        let text = read(root, &src)?;
        // The key may be on the next line when rustfmt wraps the call.
        for opener in ["KeyValue::new(", "kv("] {
            for piece in text.split(opener).skip(1) {
                if let Some(rest) = piece.trim_start().strip_prefix('"')
                    && let Some(key) = rest.split('"').next()
                    && !key.is_empty()
                    && !key.contains(char::is_whitespace)
                {
                    used.insert((key.to_string(), rel(root, &src)));
                }
            }
        }
    }
    ensure!(
        !used.is_empty(),
        "found no attribute keys in core/src: the scan for KeyValue::new(\"…\") is out of date"
    );
    for (key, src) in &used {
        ensure!(
            allowed.contains(key.as_str()),
            "{file}: carewire sets the attribute `{key}` ({src}), but the redaction \
             processor's allowed_keys does not list it, so the collector would delete it: \
             add it if it is an id or a code (never PHI)"
        );
    }
    println!(
        "  otel  {file}: {} pipelines; the allow-list ({} keys) covers the {} attribute keys in core/src",
        pipelines.len(),
        allowed.len(),
        used.iter().map(|(k, _)| k).collect::<BTreeSet<_>>().len()
    );
    Ok(())
}
