//! Acknowledged means on disk: every nats-server carewire ships a config
//! for, and the one `carewire run` starts by itself, flushes each JetStream
//! write to disk before acknowledging it (`sync_interval: always`), instead
//! of nats-server's default of every two minutes, which loses acknowledged
//! writes to a power loss or an OS crash (docs/operations.md, "Durability").

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use carewire::run::nats_server::free_port;
use support::*;

/// The lines of the server-level `jetstream { ... }` block of a NATS
/// config, if it has one (comments and account-level `jetstream: enabled`
/// are not it).
fn jetstream_block(text: &str) -> Option<Vec<&str>> {
    let mut lines = text.lines().map(str::trim);
    lines.find(|l| l.starts_with("jetstream {"))?;
    Some(lines.take_while(|l| *l != "}").collect())
}

fn nats_configs(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read deploy/nats") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            nats_configs(&path, found);
        } else if path.extension().is_some_and(|e| e == "conf") {
            found.push(path);
        }
    }
}

#[test]
fn every_deploy_config_flushes_writes_before_acknowledging_them() {
    let mut configs = Vec::new();
    nats_configs(&repo_root().join("deploy/nats"), &mut configs);
    let mut with_jetstream = 0;
    for path in &configs {
        let text = std::fs::read_to_string(path).expect("read a NATS config");
        let Some(block) = jetstream_block(&text) else {
            continue; // accounts.conf: included by the others
        };
        with_jetstream += 1;
        assert!(
            block.contains(&"sync_interval: always"),
            "{} does not set `sync_interval: always` in its jetstream block: {block:?}",
            path.display()
        );
    }
    assert!(
        with_jetstream >= 5,
        "expected the single-node, TLS and three cluster configs, found {with_jetstream} with JetStream in {configs:?}"
    );
    let values = std::fs::read_to_string(repo_root().join("deploy/k8s/nats-values.yaml"))
        .expect("read nats-values.yaml");
    let jetstream = &values[values.find("  jetstream:").expect("a jetstream section")..];
    let merge = &jetstream[jetstream.find("    merge:").expect("jetstream.merge")..];
    // The merge block: the lines indented deeper than `    merge:`.
    let block: Vec<&str> = merge
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("      "))
        .map(str::trim)
        .collect();
    assert!(
        block.contains(&"sync_interval: always"),
        "deploy/k8s/nats-values.yaml: config.jetstream.merge does not set sync_interval: always: {block:?}"
    );
}

/// The process ids of `parent`'s children named `name`.
fn children_named(parent: u32, name: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid ...
        let Some((comm, rest)) = stat.split_once(" (").and_then(|(_, r)| r.rsplit_once(") "))
        else {
            continue;
        };
        let ppid = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok());
        if comm == name && ppid == Some(parent) {
            found.push(pid);
        }
    }
    found
}

#[test]
fn the_local_server_carewire_starts_flushes_writes_before_acknowledging_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port().expect("a free port");
    let mut spec = ConfigSpec::new(None, clinical_plugins());
    spec.extra_toml = format!("\n[nats.local]\nport = {port}\nstore_dir = \"nats\"\n");
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);

    let servers = children_named(carewire.pid(), "nats-server");
    assert_eq!(servers.len(), 1, "carewire's children: {servers:?}");
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", servers[0])).expect("cmdline");
    let args: Vec<String> = cmdline
        .split(|&b| b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let config_arg = args
        .iter()
        .position(|a| a == "-c")
        .and_then(|i| args.get(i + 1))
        .unwrap_or_else(|| panic!("the local nats-server has no config file: {args:?}"));
    let text = std::fs::read_to_string(config_arg).expect("the local server's config");
    let block = jetstream_block(&text).unwrap_or_else(|| panic!("no jetstream block: {text}"));
    assert!(
        block.contains(&"sync_interval: always"),
        "{config_arg}:\n{text}"
    );
    carewire.assert_running();
    // Stopped as an operator would, so that carewire stops its server too
    // (a SIGKILL would leave the server running after the test).
    assert!(carewire.sigterm(Duration::from_secs(30)).success());
    let stopped = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{}", servers[0])).exists()
        && stopped.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !std::path::Path::new(&format!("/proc/{}", servers[0])).exists(),
        "the local nats-server outlived carewire"
    );
}
