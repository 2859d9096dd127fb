//! The systemd unit, read as sections of key=value lines (and given to
//! `systemd-analyze verify` where there is one).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, anyhow, bail, ensure};

use super::carewire_config::{ack_wait_secs, parse_quiet};
use super::files::{read, rel, which};

/// Sections of key=value lines, with the keys a service needs; and
/// `systemd-analyze verify` when this machine has it.
pub(super) fn check_systemd(root: &Path, scratch: &Path) -> anyhow::Result<()> {
    let unit = root.join("deploy/systemd/carewire.service");
    let text = read(root, &unit)?;
    let name = rel(root, &unit);
    let mut sections: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut continued = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let was_continued = continued;
        continued = line.ends_with('\\');
        if was_continued || line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(section.to_string());
            sections.entry(section.to_string()).or_default();
            continue;
        }
        let Some(section) = &current else {
            bail!("{name}:{}: a setting before any [section]", n + 1);
        };
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| anyhow!("{name}:{}: not key=value: {line}", n + 1))?;
        let key = key.trim();
        ensure!(
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}:{}: bad key {key:?}",
            n + 1
        );
        sections
            .entry(section.clone())
            .or_default()
            .push((key.to_string(), value.trim().to_string()));
    }
    let get = |section: &str, key: &str| -> Option<&str> {
        sections
            .get(section)?
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    for section in ["Unit", "Service", "Install"] {
        ensure!(
            sections.contains_key(section),
            "{name}: no [{section}] section"
        );
    }
    for key in [
        "ExecStart",
        "ExecReload",
        "KillSignal",
        "TimeoutStopSec",
        "Restart",
    ] {
        ensure!(
            get("Service", key).is_some(),
            "{name}: [Service] has no {key}"
        );
    }
    let stop: u64 = get("Service", "TimeoutStopSec")
        .and_then(|v| v.trim_end_matches('s').parse().ok())
        .ok_or_else(|| anyhow!("{name}: TimeoutStopSec is not a number of seconds"))?;
    let ack_wait = ack_wait_secs(&parse_quiet(&root.join("examples/carewire.toml"))?);
    ensure!(
        stop > u64::try_from(ack_wait).unwrap_or(0),
        "{name}: TimeoutStopSec ({stop}) must stay above delivery.ack_wait_secs ({ack_wait})"
    );
    let keys: usize = sections.values().map(Vec::len).sum();
    let verified = match which("systemd-analyze") {
        Some(analyze) => {
            // verify wants the binaries to exist: point them at /bin/true.
            let dir = scratch.join("systemd");
            std::fs::create_dir_all(&dir)?;
            let copy = dir.join("carewire.service");
            let exec = get("Service", "ExecStart")
                .and_then(|v| v.split_whitespace().next())
                .unwrap_or("");
            std::fs::write(&copy, text.replace(exec, "/bin/true"))?;
            let out = Command::new(analyze)
                .arg("verify")
                .arg(&copy)
                .output()
                .context("cannot run systemd-analyze")?;
            let complaints: String = String::from_utf8_lossy(&out.stderr)
                .lines()
                .filter(|l| l.contains("carewire.service"))
                .collect::<Vec<_>>()
                .join("\n");
            ensure!(
                out.status.success() && complaints.is_empty(),
                "{name}: systemd-analyze verify complains:\n{complaints}{}",
                String::from_utf8_lossy(&out.stdout)
            );
            ", systemd-analyze verify ok"
        }
        None => ", systemd-analyze not here",
    };
    println!(
        "  unit  {name}: {} sections, {keys} settings{verified}",
        sections.len()
    );
    Ok(())
}
