//! `cargo xtask check-deploy`: tests the operator-facing files of deploy/
//! with the real tools and parsers this machine has.
//!
//! - every NATS config under deploy/nats goes through `nats-server -t`, with
//!   throwaway certificates (made by openssl) in place of the placeholder
//!   paths under /etc/nats/tls/ and a throwaway JetStream key, and follows
//!   the rules of [`nats_rules`] (encryption at rest with the key from the
//!   environment, loopback or TLS with users); single-node.conf runs for
//!   real and keeps a message encrypted on disk;
//! - the permissions of deploy/nats/accounts.conf are tried on a real
//!   nats-server: carewire's own set-up code (streams, KV buckets, durable
//!   consumers), its publishes, KV writes, pulls and acks as user carewire;
//!   what the health-system and gateway users need; and a few things each
//!   must not do;
//! - every YAML, TOML and JSON file under deploy/ (TOML and JSON also under
//!   examples/ and docs/) is parsed, multi-document YAML and the TOML inside
//!   ConfigMaps included;
//! - the Kubernetes manifests are checked against each other, the
//!   ConfigMap's plugin pins against examples/carewire.toml, and carewire's
//!   own config loader must take the ConfigMap's carewire.toml (with the
//!   example Secret's variables) and the image's carewire.toml;
//! - TLS on every hop and JetStream encryption by default in the
//!   Kubernetes manifests, the Helm values and the collector ([`transport`]);
//! - the collector's pipelines name defined components, and its redaction
//!   allow-list covers every attribute key carewire's source sets;
//! - the systemd unit is read as sections of key=value lines (and given to
//!   `systemd-analyze verify` where there is one), the Dockerfile's inputs
//!   and health check are looked at.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yaml_rust2::Yaml;

mod carewire_config;
mod collector;
mod files;
mod image;
mod k8s;
mod nats_configs;
mod nats_rules;
mod permissions;
mod systemd;
mod transport;

use collector::check_collector;
use files::{check_embedded_toml, extension, files_under, parse_json, parse_toml, parse_yaml};
use image::{check_dockerfile, check_image_config};
use k8s::check_k8s;
use nats_configs::{check_nats_configs, throwaway_certs};
use permissions::check_permissions;
use systemd::check_systemd;

#[derive(Default)]
struct Tally {
    nats: usize,
    yaml: usize,
    yaml_docs: usize,
    toml: usize,
    embedded_toml: usize,
    json: usize,
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let nats_server = match carewire::run::nats_server::find_binary(None) {
        Ok(p) => p,
        Err(_) => {
            crate::setup::run(root)?;
            carewire::run::nats_server::find_binary(None)?
        }
    };
    let scratch = tempfile::tempdir()?;
    let mut tally = Tally::default();

    println!("deploy: NATS configs ({})", nats_server.display());
    let certs = throwaway_certs(&scratch.path().join("tls"))?;
    tally.nats = check_nats_configs(root, &nats_server, scratch.path(), &certs)?;

    println!("deploy: NATS permissions of deploy/nats/accounts.conf");
    check_permissions(root, &nats_server, scratch.path())?;

    println!("deploy: JetStream encryption at rest (deploy/nats/single-node.conf, run)");
    nats_rules::check_encrypted_store(
        root,
        &nats_server,
        &root.join("deploy/nats/single-node.conf"),
        scratch.path(),
    )?;

    println!("deploy: YAML, TOML and JSON files");
    let mut yaml_docs: BTreeMap<PathBuf, Vec<Yaml>> = BTreeMap::new();
    for path in files_under(&root.join("deploy"))? {
        match extension(&path) {
            "yaml" | "yml" => {
                let docs = parse_yaml(root, &path)?;
                tally.yaml += 1;
                tally.yaml_docs += docs.len();
                tally.embedded_toml += check_embedded_toml(root, &path, &docs)?;
                yaml_docs.insert(path, docs);
            }
            "toml" => {
                parse_toml(root, &path)?;
                tally.toml += 1;
            }
            "json" => {
                parse_json(root, &path)?;
                tally.json += 1;
            }
            _ => {}
        }
    }
    for dir in ["examples", "docs"] {
        for path in files_under(&root.join(dir))? {
            match extension(&path) {
                "toml" => {
                    parse_toml(root, &path)?;
                    tally.toml += 1;
                }
                "json" => {
                    parse_json(root, &path)?;
                    tally.json += 1;
                }
                _ => {}
            }
        }
    }

    println!("deploy: Kubernetes manifests against each other");
    check_k8s(root, &yaml_docs, &certs, scratch.path())?;

    println!("deploy: TLS on every hop, JetStream encrypted (Kubernetes, Helm values, collector)");
    transport::check(root, &yaml_docs)?;

    println!("deploy: OpenTelemetry Collector");
    check_collector(root, &yaml_docs)?;

    println!("deploy: container image and systemd unit");
    check_image_config(root)?;
    check_dockerfile(root)?;
    check_systemd(root, scratch.path())?;

    println!(
        "deploy: {} nats configs tested, NATS permissions hold, {} YAML ({} documents), \
         {} TOML (+{} inside ConfigMaps), {} JSON files parse; Kubernetes manifests, \
         Dockerfile and systemd unit checked",
        tally.nats, tally.yaml, tally.yaml_docs, tally.toml, tally.embedded_toml, tally.json
    );
    Ok(())
}
