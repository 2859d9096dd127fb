//! What carewire's own config loader makes of a config under deploy/, and
//! the values the checks compare.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, anyhow};

use super::nats_configs::Certs;

/// `delivery.ack_wait_secs` of a carewire.toml, or carewire's default.
pub(super) fn ack_wait_secs(config: &toml::Table) -> i64 {
    config
        .get("delivery")
        .and_then(|d| d.get("ack_wait_secs"))
        .and_then(|a| a.as_integer())
        .unwrap_or_else(|| {
            i64::try_from(carewire::config::DeliveryConfig::default().ack_wait_secs)
                .unwrap_or(i64::MAX)
        })
}

/// Points the config's paths under the Secret mounts at throwaway files
/// (an NKey seed for `*.nk`, the throwaway CA for the rest), so carewire's
/// validation, which reads them, can run here.
pub(super) fn stand_in_secret_files(
    text: &str,
    secret_dirs: &[&str],
    certs: &Certs,
    scratch: &Path,
) -> anyhow::Result<String> {
    let dir = scratch.join("secrets");
    std::fs::create_dir_all(&dir)?;
    let mut out = text.to_string();
    for secret_dir in secret_dirs {
        let prefix = format!("\"{}/", secret_dir.trim_end_matches('/'));
        let mut names = BTreeSet::new();
        for piece in text.split(&prefix).skip(1) {
            if let Some(name) = piece.split('"').next() {
                names.insert(name.to_string());
            }
        }
        for name in names {
            let file = dir.join(name.replace('/', "_"));
            if name.ends_with(".nk") || name.ends_with(".seed") {
                std::fs::write(&file, nkeys::KeyPair::new_user().seed()?)?;
            } else {
                std::fs::copy(&certs.ca, &file)?;
            }
            out = out.replace(
                &format!("{prefix}{name}\""),
                &format!("\"{}\"", file.display()),
            );
        }
    }
    Ok(out)
}

/// Sets `keys` (a.b.c) in `table`, making the tables on the way.
pub(super) fn set_path(table: &mut toml::Table, keys: &[String], value: toml::Value) {
    match keys {
        [] => {}
        [last] => {
            table.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let next = table
                .entry(first.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let Some(t) = next.as_table_mut() {
                set_path(t, rest, value);
            }
        }
    }
}

pub(super) fn parse_quiet(path: &Path) -> anyhow::Result<toml::Table> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("{}: {e}", path.display()))
}

/// This build of carewire must take the config, with `env` applied as its
/// `CAREWIRE__SECTION__KEY` overrides are: the deploy files use carewire's
/// real keys.
pub(super) fn carewire_accepts(
    what: &str,
    text: &str,
    env: &[(String, String)],
    base: &Path,
) -> anyhow::Result<()> {
    let mut table = text
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("{what}: {e}"))?;
    for (name, value) in env {
        let Some(path) = name.strip_prefix("CAREWIRE__") else {
            continue;
        };
        let keys: Vec<String> = path.split("__").map(str::to_lowercase).collect();
        set_path(&mut table, &keys, toml::Value::String(value.clone()));
    }
    let text = toml::to_string(&table)?;
    carewire::config::Config::from_toml(&text, base)
        .map_err(|e| anyhow!("{what}: carewire refuses it: {e}"))?;
    println!("  cfg   {what}: carewire takes it");
    Ok(())
}
