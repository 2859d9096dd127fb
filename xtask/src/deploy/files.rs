//! Reading and parsing the files under deploy/, examples/ and docs/, and
//! finding the tools this machine has.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, ensure};
use yaml_rust2::{Yaml, YamlLoader};

/// Every file under `dir`, sorted, skipping build output and hidden directories.
pub(super) fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    stack.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

pub(super) fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

pub(super) fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

pub(super) fn read(root: &Path, path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", rel(root, path)))
}

pub(super) fn parse_yaml(root: &Path, path: &Path) -> anyhow::Result<Vec<Yaml>> {
    let text = read(root, path)?;
    let docs = YamlLoader::load_from_str(&text)
        .map_err(|e| anyhow!("{}: YAML does not parse: {e}", rel(root, path)))?;
    ensure!(
        !docs.is_empty(),
        "{}: no YAML document in it",
        rel(root, path)
    );
    println!("  yaml  {} ({} document(s))", rel(root, path), docs.len());
    Ok(docs)
}

pub(super) fn parse_toml(root: &Path, path: &Path) -> anyhow::Result<toml::Table> {
    let text = read(root, path)?;
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("{}: TOML does not parse: {e}", rel(root, path)))?;
    println!("  toml  {}", rel(root, path));
    Ok(table)
}

pub(super) fn parse_json(root: &Path, path: &Path) -> anyhow::Result<()> {
    let text = read(root, path)?;
    serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| anyhow!("{}: JSON does not parse: {e}", rel(root, path)))?;
    println!("  json  {}", rel(root, path));
    Ok(())
}

/// Parses the `*.toml` entries of ConfigMaps as TOML; returns how many.
pub(super) fn check_embedded_toml(
    root: &Path,
    path: &Path,
    docs: &[Yaml],
) -> anyhow::Result<usize> {
    let mut n = 0;
    for doc in docs {
        if doc["kind"].as_str() != Some("ConfigMap") {
            continue;
        }
        let Some(data) = doc["data"].as_hash() else {
            continue;
        };
        for (key, value) in data {
            let (Some(key), Some(text)) = (key.as_str(), value.as_str()) else {
                continue;
            };
            if key.ends_with(".toml") {
                text.parse::<toml::Table>().map_err(|e| {
                    anyhow!("{} (data.{key}): TOML does not parse: {e}", rel(root, path))
                })?;
                println!("  toml  {} data.{key}", rel(root, path));
                n += 1;
            }
        }
    }
    Ok(n)
}

pub(super) fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}
