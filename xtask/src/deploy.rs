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

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, anyhow, bail, ensure};
use async_nats::jetstream::{self, consumer::pull};
use carewire::channel::Channel;
use carewire::nats::{Names, Settings, ensure_topology, publish_stored};
use futures::StreamExt;
use yaml_rust2::{Yaml, YamlLoader};

mod nats_rules;
mod transport;

/// The directory of the placeholder certificate paths in the NATS configs.
const TLS_PLACEHOLDER_DIR: &str = "/etc/nats/tls/";
/// Where the image keeps its plugins (deploy/docker/Dockerfile).
const IMAGE_PLUGIN_DIR: &str = "/usr/share/carewire/plugins/";

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
    let nats_server = match carewire::nats::find_binary(None) {
        Ok(p) => p,
        Err(_) => {
            crate::setup::run(root)?;
            carewire::nats::find_binary(None)?
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

// ------------------------------------------------------------------ files

/// Every file under `dir`, sorted, skipping build output and hidden directories.
fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
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

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(root: &Path, path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", rel(root, path)))
}

fn parse_yaml(root: &Path, path: &Path) -> anyhow::Result<Vec<Yaml>> {
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

fn parse_toml(root: &Path, path: &Path) -> anyhow::Result<toml::Table> {
    let text = read(root, path)?;
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("{}: TOML does not parse: {e}", rel(root, path)))?;
    println!("  toml  {}", rel(root, path));
    Ok(table)
}

fn parse_json(root: &Path, path: &Path) -> anyhow::Result<()> {
    let text = read(root, path)?;
    serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| anyhow!("{}: JSON does not parse: {e}", rel(root, path)))?;
    println!("  json  {}", rel(root, path));
    Ok(())
}

/// Parses the `*.toml` entries of ConfigMaps as TOML; returns how many.
fn check_embedded_toml(root: &Path, path: &Path, docs: &[Yaml]) -> anyhow::Result<usize> {
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

// ------------------------------------------------------------------- NATS

struct Certs {
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

/// A CA and one certificate signed by it (localhost, 127.0.0.1; server and
/// client use), made by openssl in `dir`.
fn throwaway_certs(dir: &Path) -> anyhow::Result<Certs> {
    std::fs::create_dir_all(dir)?;
    let openssl = |args: &[&str]| -> anyhow::Result<()> {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    anyhow!(
                        "openssl is needed to make throwaway certificates for the TLS \
                         configs under deploy/nats, and it is not on PATH \
                         (Debian: apt-get install openssl)"
                    )
                } else {
                    anyhow!("cannot run openssl: {e}")
                }
            })?;
        if !out.status.success() {
            bail!(
                "openssl {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-days",
        "1",
        "-subj",
        "/CN=carewire check-deploy CA",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    openssl(&ca)?;
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend([
        "-subj",
        "/CN=localhost",
        "-keyout",
        "leaf-key.pem",
        "-out",
        "leaf.csr",
    ]);
    openssl(&csr)?;
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n\
         extendedKeyUsage=serverAuth,clientAuth\n\
         keyUsage=digitalSignature\n\
         basicConstraints=CA:FALSE\n",
    )?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-set_serial",
        "1",
        "-days",
        "1",
        "-extfile",
        "leaf.ext",
        "-out",
        "leaf.pem",
    ])?;
    Ok(Certs {
        ca: dir.join("ca.pem"),
        cert: dir.join("leaf.pem"),
        key: dir.join("leaf-key.pem"),
    })
}

/// Replaces each placeholder certificate path (`/etc/nats/tls/<file>.pem`)
/// with a throwaway file: names with `key` get the key, names starting with
/// `ca` the CA, the rest the certificate. Returns the text and the count.
fn substitute_tls_paths(text: &str, certs: &Certs) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut count = 0;
    while let Some(at) = rest.find(TLS_PLACEHOLDER_DIR) {
        let after = &rest[at + TLS_PLACEHOLDER_DIR.len()..];
        let end = after
            .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(after.len());
        let name = &after[..end];
        out.push_str(&rest[..at]);
        if [".pem", ".crt", ".key"].iter().any(|x| name.ends_with(x)) {
            let file = if name.contains("key") {
                &certs.key
            } else if name.starts_with("ca") {
                &certs.ca
            } else {
                &certs.cert
            };
            out.push_str(&file.display().to_string());
            count += 1;
        } else {
            out.push_str(TLS_PLACEHOLDER_DIR);
            out.push_str(name);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    (out, count)
}

/// Copies every `.conf` under deploy/nats into `scratch` (so relative
/// includes still work), with throwaway certificates, checks it against
/// [`nats_rules::check_rules`], and runs `nats-server -t` on each (with a
/// throwaway JetStream key; without it, a config that encrypts must fail).
fn check_nats_configs(
    root: &Path,
    nats_server: &Path,
    scratch: &Path,
    certs: &Certs,
) -> anyhow::Result<usize> {
    let src = root.join("deploy/nats");
    let dst = scratch.join("nats");
    let confs: Vec<PathBuf> = files_under(&src)?
        .into_iter()
        .filter(|p| extension(p) == "conf")
        .collect();
    ensure!(!confs.is_empty(), "no .conf file under deploy/nats");
    let mut copies = Vec::new();
    for conf in &confs {
        let (text, substituted) = substitute_tls_paths(&read(root, conf)?, certs);
        let copy = dst.join(conf.strip_prefix(&src)?);
        if let Some(parent) = copy.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&copy, text)?;
        copies.push((conf, copy, substituted));
    }
    for (conf, copy, substituted) in &copies {
        let text = read(root, conf)?;
        nats_rules::check_rules(&rel(root, conf), &text)?;
        nats_rules::refuses_without_key(&rel(root, conf), nats_server, copy, &text)?;
        let out = Command::new(nats_server)
            .arg("-t")
            .arg("-c")
            .arg(copy)
            .current_dir(copy.parent().unwrap_or(&dst))
            .env(
                nats_rules::KEY_VAR,
                "check-deploy-throwaway-key-0123456789abcdef",
            )
            .output()
            .with_context(|| format!("cannot run {}", nats_server.display()))?;
        if !out.status.success() {
            bail!(
                "{}: `nats-server -t` refuses it:\n{}{}",
                rel(root, conf),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let with = if *substituted > 0 {
            format!(" ({substituted} certificate paths -> throwaway certificates)")
        } else {
            String::new()
        };
        println!("  nats  {}: valid{with}", rel(root, conf));
    }
    Ok(copies.len())
}

/// The users of accounts.conf, by the permissions variable they use.
const ROUTER: &str = "CAREWIRE_ROUTER";
const HEALTH_SYSTEM: &str = "CAREWIRE_HEALTH_SYSTEM";
const GATEWAY: &str = "CAREWIRE_GATEWAY";

/// The inbox prefix accounts.conf gives each user (carewire's is its
/// `nats.inbox_prefix` default).
fn inbox_prefix(user: &str) -> String {
    match user {
        HEALTH_SYSTEM => "_INBOX_health_system".into(),
        GATEWAY => "_INBOX_gateway".into(),
        _ => carewire::config::NatsConfig::default().inbox_prefix,
    }
}

/// accounts.conf with each `{ nkey: U..., permissions: $VAR }` user turned
/// into `{ user: "VAR", password: "pw-VAR", permissions: $VAR }`: the same
/// permissions, with credentials the test knows.
fn accounts_for_test(text: &str) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let var = line.split("permissions: $").nth(1).map(|v| {
            v.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        match (line.find("nkey:"), var) {
            (Some(at), Some(var)) if !line.trim_start().starts_with('#') => {
                let after = &line[at + "nkey:".len()..];
                let key_start = after.len() - after.trim_start().len();
                let key_len = after[key_start..]
                    .find(|c: char| c == ',' || c == '}' || c.is_whitespace())
                    .unwrap_or(after.len() - key_start);
                out.push_str(&line[..at]);
                out.push_str(&format!("user: \"{var}\", password: \"pw-{var}\""));
                out.push_str(&after[key_start + key_len..]);
                seen.insert(var);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    for var in [ROUTER, HEALTH_SYSTEM, GATEWAY] {
        ensure!(
            seen.contains(var),
            "deploy/nats/accounts.conf: no user with `permissions: ${var}` (the check needs \
             the carewire, health-system and gateway users by these variables)"
        );
    }
    Ok(out)
}

fn check_permissions(root: &Path, nats_server: &Path, scratch: &Path) -> anyhow::Result<()> {
    let dir = scratch.join("permissions");
    std::fs::create_dir_all(&dir)?;
    let accounts = accounts_for_test(&read(root, &root.join("deploy/nats/accounts.conf"))?)?;
    std::fs::write(dir.join("accounts.conf"), accounts)?;
    let conf = dir.join("server.conf");
    // Storage for what carewire's default limits reserve, whatever the free disk.
    std::fs::write(
        &conf,
        format!(
            "server_name: check-deploy\ninclude ./accounts.conf\njetstream {{\n  max_file_store: {}\n}}\n",
            carewire::nats::STORE_LIMIT
        ),
    )?;
    let port = carewire::nats::free_port()?;
    let conf_arg = conf.display().to_string();
    let _server = carewire::nats::LocalNatsServer::start(
        nats_server,
        port,
        &dir.join("js"),
        &["-c", &conf_arg],
    )?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(permissions(port))
}

/// One user's connection, and the server's errors for it.
struct User {
    name: &'static str,
    client: async_nats::Client,
    js: jetstream::Context,
    errors: Arc<Mutex<Vec<String>>>,
}

impl User {
    async fn connect(port: u16, name: &'static str) -> anyhow::Result<User> {
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = errors.clone();
        let client = async_nats::ConnectOptions::with_user_and_password(
            name.to_string(),
            format!("pw-{name}"),
        )
        .name(format!("check-deploy {name}"))
        .custom_inbox_prefix(inbox_prefix(name))
        .event_callback(move |event| {
            let sink = sink.clone();
            async move {
                if let async_nats::Event::ServerError(e) = event
                    && let Ok(mut v) = sink.lock()
                {
                    v.push(e.to_string());
                }
            }
        })
        .connect(format!("nats://127.0.0.1:{port}"))
        .await
        .with_context(|| format!("user of {name} cannot connect"))?;
        let mut js = jetstream::new(client.clone());
        js.set_timeout(Duration::from_secs(5));
        Ok(User {
            name,
            client,
            js,
            errors,
        })
    }

    fn violations(&self) -> Vec<String> {
        self.errors
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.to_lowercase().contains("permissions violation"))
            .collect()
    }

    /// Fails when the server refused anything this user sent so far.
    fn no_violations(&self) -> anyhow::Result<()> {
        let v = self.violations();
        ensure!(
            v.is_empty(),
            "deploy/nats/accounts.conf: user of ${} was refused what it needs:\n  {}",
            self.name,
            v.join("\n  ")
        );
        Ok(())
    }

    /// Publishes to `subject` and expects the server to refuse it.
    async fn expect_denied(&self, subject: &str, why: &str) -> anyhow::Result<()> {
        self.client
            .publish(subject.to_string(), "{}".into())
            .await?;
        self.client.flush().await?;
        for _ in 0..50 {
            if self.violations().iter().any(|v| v.contains(subject)) {
                println!("  deny  ${}: {subject} ({why})", self.name);
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bail!(
            "deploy/nats/accounts.conf: user of ${} may publish to {subject}; it must not ({why})",
            self.name
        )
    }

    /// Subscribes to `subject` and expects the server to refuse it.
    async fn expect_subscribe_denied(&self, subject: &str, why: &str) -> anyhow::Result<()> {
        let _subscription = self.client.subscribe(subject.to_string()).await?;
        self.client.flush().await?;
        let refused = format!("Subscription to \"{subject}\"");
        for _ in 0..50 {
            if self.violations().iter().any(|v| v.contains(&refused)) {
                println!("  deny  ${}: subscribe {subject} ({why})", self.name);
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bail!(
            "deploy/nats/accounts.conf: user of ${} may subscribe to {subject}; it must not ({why})",
            self.name
        )
    }
}

/// Takes one message from `consumer` and acks it, waiting for the server's
/// confirmation (so a refused ack shows).
async fn take_and_ack(consumer: &jetstream::consumer::PullConsumer) -> anyhow::Result<String> {
    let mut batch = consumer
        .fetch()
        .max_messages(1)
        .expires(Duration::from_secs(2))
        .messages()
        .await
        .map_err(|e| anyhow!("pull: {e}"))?;
    let msg = batch
        .next()
        .await
        .ok_or_else(|| anyhow!("no message to pull"))?
        .map_err(|e| anyhow!("pull: {e}"))?;
    msg.double_ack().await.map_err(|e| anyhow!("ack: {e}"))?;
    Ok(msg.subject.to_string())
}

fn pull_config(name: &str, filter: &str) -> pull::Config {
    pull::Config {
        durable_name: Some(name.to_string()),
        filter_subject: filter.to_string(),
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ..Default::default()
    }
}

async fn permissions(port: u16) -> anyhow::Result<()> {
    let router = User::connect(port, ROUTER).await?;
    let health = User::connect(port, HEALTH_SYSTEM).await?;
    let gateway = User::connect(port, GATEWAY).await?;
    scenario(&router, &health, &gateway).await.map_err(|e| {
        // A refused publish or request only times out on the client: say
        // what the server refused.
        let refused: Vec<String> = [&router, &health, &gateway]
            .iter()
            .flat_map(|u| {
                u.violations()
                    .into_iter()
                    .map(|v| format!("${}: {v}", u.name))
            })
            .collect();
        if refused.is_empty() {
            e
        } else {
            e.context(format!(
                "deploy/nats/accounts.conf: the server refused\n  {}",
                refused.join("\n  ")
            ))
        }
    })
}

async fn scenario(router: &User, health: &User, gateway: &User) -> anyhow::Result<()> {
    let names = Names::new("carewire");

    // carewire's own set-up: every stream, bucket and durable consumer.
    let buckets = carewire::config::BucketsConfig::default();
    let settings = |streams| Settings {
        names: &names,
        consumer: "carewire-router",
        ack_wait: Duration::from_secs(30),
        max_ack_pending: 1024,
        duplicate_window: Duration::from_secs(120),
        delivery_ack_wait: Duration::from_secs(60),
        delivery_max_pending: 10_000,
        replicas: 1,
        streams,
        buckets: &buckets,
        redelivery: carewire::nats::Redelivery::after(
            carewire::config::IntakeConfig::default().max_deliver,
        ),
        delivery_redelivery: carewire::nats::Redelivery::after(
            carewire::config::DeliveryConfig::default().max_deliver,
        ),
    };
    let refused = |what: &str| {
        format!(
            "carewire's set-up as user of ${ROUTER} ({what}); refused: {:?}",
            router.violations()
        )
    };
    let defaults = carewire::config::StreamsConfig::default();
    let topology = ensure_topology(&router.js, settings(&defaults))
        .await
        .with_context(|| refused("streams, KV buckets, consumers"))?;
    // A later start with other limits updates the existing streams.
    let longer_dlq = carewire::config::StreamsConfig {
        dlq: carewire::config::LimitsConfig {
            max_age_days: Some(31),
            max_bytes: None,
        },
        ..Default::default()
    };
    ensure_topology(&router.js, settings(&longer_dlq))
        .await
        .with_context(|| refused("updating a stream's limits"))?;
    println!(
        "  allow ${ROUTER}: streams, KV buckets and durable consumers created, limits updated"
    );

    // What carewire stores.
    for subject in [
        names.dispatch(Channel::Sms),
        names.outbound(Channel::Sms),
        names.delivery(Channel::Sms),
        names.audit("acme"),
        names.dlq("invalid"),
        names.sms_replies(),
        names.sms_reply_answers(),
    ] {
        publish_stored(
            &router.js,
            subject.clone(),
            &format!("check-{subject}"),
            async_nats::HeaderMap::new(),
            "{}".into(),
        )
        .await
        .with_context(|| format!("user of ${ROUTER} publishes to {subject}"))?;
    }
    println!(
        "  allow ${ROUTER}: publishes dispatch, outbound, delivery, audit, dlq, replies, answers"
    );

    // KV: every bucket it writes (all of its topology's but the contacts,
    // which it only reads), compare-and-set as carewire does.
    for (bucket, store) in topology
        .buckets
        .iter()
        .filter(|(bucket, _)| **bucket != names.contacts_bucket())
    {
        let what = |op: &str| format!("user of ${ROUTER}: KV {op} in {bucket}");
        let rev = store
            .create("check-key", "1".into())
            .await
            .with_context(|| what("create"))?;
        store
            .entry("check-key")
            .await
            .with_context(|| what("read"))?
            .ok_or_else(|| anyhow!("{}: the key just written is missing", what("read")))?;
        let rev = store
            .update("check-key", "2".into(), rev)
            .await
            .with_context(|| what("update"))?;
        store
            .delete_expect_revision("check-key", Some(rev))
            .await
            .with_context(|| what("delete"))?;
    }
    topology.buckets[&names.contacts_bucket()]
        .get("nobody")
        .await
        .with_context(|| format!("user of ${ROUTER}: KV read in carewire_contacts"))?;
    println!("  allow ${ROUTER}: KV reads and compare-and-set writes");

    // The health system: requests, registries, reading the results.
    health
        .js
        .publish(names.inbound("acme"), "{}".into())
        .await?
        .await
        .with_context(|| format!("user of ${HEALTH_SYSTEM} publishes a request"))?;
    for bucket in [names.consent_bucket(), names.contacts_bucket()] {
        let store = health
            .js
            .get_key_value(&bucket)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} opens KV {bucket}"))?;
        store
            .put("p-check", "{}".into())
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} writes KV {bucket}"))?;
        store
            .get("p-check")
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} reads KV {bucket}"))?;
    }
    for (kind, stream) in [
        ("outbound", "CAREWIRE_OUTBOUND"),
        ("delivery", "CAREWIRE_DELIVERY"),
        ("audit", "CAREWIRE_AUDIT"),
        ("dlq", "CAREWIRE_DLQ"),
    ] {
        let consumer = health
            .js
            .get_stream(stream)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} opens {stream}"))?
            .create_consumer(pull_config(&format!("health-system-{kind}"), ""))
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} makes a consumer on {stream}"))?;
        take_and_ack(&consumer)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} reads {stream}"))?;
    }
    println!(
        "  allow ${HEALTH_SYSTEM}: publishes requests, writes consent and contacts, reads outbound, delivery, audit, dlq"
    );

    // The gateway: routed messages out, replies in, answers out.
    gateway
        .js
        .publish(names.sms_replies(), "{}".into())
        .await?
        .await
        .with_context(|| format!("user of ${GATEWAY} hands over an SMS reply"))?;
    let outbound = gateway
        .js
        .get_stream("CAREWIRE_OUTBOUND")
        .await
        .with_context(|| format!("user of ${GATEWAY} opens CAREWIRE_OUTBOUND"))?
        .create_consumer(pull_config("gateway-sms", &names.outbound(Channel::Sms)))
        .await
        .with_context(|| format!("user of ${GATEWAY} makes a consumer on CAREWIRE_OUTBOUND"))?;
    take_and_ack(&outbound)
        .await
        .with_context(|| format!("user of ${GATEWAY} reads carewire.outbound.sms"))?;
    let answers = gateway
        .js
        .get_stream("CAREWIRE_REPLIES")
        .await
        .with_context(|| format!("user of ${GATEWAY} opens CAREWIRE_REPLIES"))?
        .create_consumer(pull_config("gateway-answers", &names.sms_reply_answers()))
        .await
        .with_context(|| format!("user of ${GATEWAY} makes a consumer of the answers"))?;
    take_and_ack(&answers)
        .await
        .with_context(|| format!("user of ${GATEWAY} reads carewire.replies.sms.answer"))?;
    println!("  allow ${GATEWAY}: reads outbound, hands over replies, reads answers");

    // carewire's durable consumers: pulls and acks.
    take_and_ack(&topology.consumer)
        .await
        .with_context(|| format!("user of ${ROUTER} pulls a request from carewire-router"))?;
    take_and_ack(&topology.deliveries[&Channel::Sms])
        .await
        .with_context(|| format!("user of ${ROUTER} pulls from carewire-router-deliver-sms"))?;
    take_and_ack(&topology.replies)
        .await
        .with_context(|| format!("user of ${ROUTER} pulls from carewire-router-replies"))?;
    println!("  allow ${ROUTER}: pulls and acks on its durable consumers");

    for user in [router, health, gateway] {
        user.no_violations()?;
    }

    // What each must not do.
    health
        .expect_denied(&names.dispatch(Channel::Sms), "only carewire routes")
        .await?;
    health
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_DISPATCH.x.carewire.dispatch.sms",
            "the work queue is carewire's",
        )
        .await?;
    health
        .expect_denied(
            "$KV.carewire_sms_numbers.15555550101",
            "STOP state is carewire's",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_AUDIT.x",
            "audit records are the health system's",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_REPLIES.x.carewire.replies.sms",
            "the replies are carewire's to consume",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_REPLIES.carewire-router-replies.carewire.replies.sms.answer",
            "redefining carewire's durable consumer",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.MSG.NEXT.CAREWIRE_REPLIES.carewire-router-replies",
            "carewire's durable consumer",
        )
        .await?;
    gateway
        .expect_denied(&names.inbound("acme"), "only health systems send requests")
        .await?;
    router
        .expect_denied(&names.inbound("acme"), "carewire never makes requests")
        .await?;
    router
        .expect_denied(
            "$KV.carewire_contacts.p-1",
            "contacts are the health system's",
        )
        .await?;

    // Nobody reads another user's replies (pulled messages, KV reads).
    let carewire_inbox = format!("{}.>", inbox_prefix(ROUTER));
    for (user, other) in [
        (health, &carewire_inbox),
        (gateway, &carewire_inbox),
        (gateway, &format!("{}.>", inbox_prefix(HEALTH_SYSTEM))),
        (health, &format!("{}.>", inbox_prefix(GATEWAY))),
        (router, &format!("{}.>", inbox_prefix(HEALTH_SYSTEM))),
    ] {
        user.expect_subscribe_denied(other, "another user's replies")
            .await?;
    }
    for user in [health, gateway] {
        for subject in ["_INBOX.>", ">"] {
            user.expect_subscribe_denied(subject, "every user's replies")
                .await?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------- Kubernetes

fn labels(y: &Yaml) -> BTreeMap<String, String> {
    y.as_hash()
        .map(|h| {
            h.iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

fn subset(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> bool {
    !a.is_empty() && a.iter().all(|(k, v)| b.get(k) == Some(v))
}

/// The carewire.toml pins by plugin name.
fn pins(table: &toml::Table) -> BTreeMap<String, String> {
    table
        .get("plugins")
        .and_then(|p| p.as_array())
        .map(|plugins| {
            plugins
                .iter()
                .filter_map(|p| {
                    Some((
                        p.get("name")?.as_str()?.to_string(),
                        p.get("sha256")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn check_k8s(
    root: &Path,
    docs: &BTreeMap<PathBuf, Vec<Yaml>>,
    certs: &Certs,
    scratch: &Path,
) -> anyhow::Result<()> {
    let k8s = root.join("deploy/k8s");
    let mut objects: Vec<(String, &Yaml)> = Vec::new();
    for (path, ds) in docs {
        if !path.starts_with(&k8s) {
            continue;
        }
        for d in ds {
            if d["kind"].as_str().is_some() {
                objects.push((rel(root, path), d));
            }
        }
    }
    let of_kind = |kind: &str| -> Vec<&(String, &Yaml)> {
        objects
            .iter()
            .filter(|(_, d)| d["kind"].as_str() == Some(kind))
            .collect()
    };
    let named = |kind: &str| -> BTreeSet<String> {
        of_kind(kind)
            .iter()
            .filter_map(|(_, d)| d["metadata"]["name"].as_str().map(str::to_string))
            .collect()
    };

    for (file, d) in &objects {
        let kind = d["kind"].as_str().unwrap_or("");
        if kind == "Kustomization" {
            for r in d["resources"].as_vec().into_iter().flatten() {
                let r = r.as_str().unwrap_or("");
                ensure!(
                    k8s.join(r).is_file(),
                    "{file}: resource {r} does not exist in deploy/k8s"
                );
            }
            continue;
        }
        ensure!(
            d["apiVersion"].as_str().is_some() && d["metadata"]["name"].as_str().is_some(),
            "{file}: a {kind} without apiVersion or metadata.name"
        );
        ensure!(
            d["metadata"]["namespace"].is_badvalue(),
            "{file}: {kind} names a namespace; the manifests are namespace-agnostic"
        );
    }

    let configmaps = named("ConfigMap");
    let secrets = named("Secret");
    // The environment a pod gets from its Secrets (the example's placeholders).
    let secret_env = |name: &str| -> Vec<(String, String)> {
        of_kind("Secret")
            .iter()
            .filter(|(_, d)| d["metadata"]["name"].as_str() == Some(name))
            .flat_map(|(_, d)| d["stringData"].as_hash().cloned().unwrap_or_default())
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
            .collect()
    };
    let deployments = of_kind("Deployment");
    ensure!(!deployments.is_empty(), "deploy/k8s: no Deployment");
    let mut pod_labels = Vec::new();
    let mut configs_checked = 0;
    for (file, d) in &deployments {
        let spec = &d["spec"];
        let pod = &spec["template"]["spec"];
        let selector = labels(&spec["selector"]["matchLabels"]);
        let template = labels(&spec["template"]["metadata"]["labels"]);
        ensure!(
            subset(&selector, &template),
            "{file}: the Deployment's selector does not match its pod labels"
        );
        pod_labels.push(template);

        let volumes = pod["volumes"].as_vec().cloned().unwrap_or_default();
        for v in &volumes {
            if let Some(cm) = v["configMap"]["name"].as_str() {
                ensure!(
                    configmaps.contains(cm),
                    "{file}: volume uses ConfigMap {cm}, which no file in deploy/k8s defines"
                );
            }
            if let Some(s) = v["secret"]["secretName"].as_str() {
                ensure!(
                    secrets.contains(s),
                    "{file}: volume uses Secret {s}, which secret.example.yaml does not show"
                );
            }
        }
        let grace = pod["terminationGracePeriodSeconds"].as_i64().unwrap_or(30);
        for c in pod["containers"].as_vec().into_iter().flatten() {
            let mut env = Vec::new();
            for e in c["envFrom"].as_vec().into_iter().flatten() {
                if let Some(s) = e["secretRef"]["name"].as_str() {
                    ensure!(
                        secrets.contains(s),
                        "{file}: envFrom uses Secret {s}, which secret.example.yaml does not show"
                    );
                    env.extend(secret_env(s));
                }
            }
            let ports: BTreeSet<&str> = c["ports"]
                .as_vec()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str())
                .collect();
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let Some(port) = c[probe]["httpGet"]["port"].as_str() {
                    ensure!(
                        ports.contains(port),
                        "{file}: {probe} uses port {port}, which the container does not name"
                    );
                }
            }
            // carewire.toml from its ConfigMap: pins, cache dir, ack wait.
            let mounts = c["volumeMounts"].as_vec().cloned().unwrap_or_default();
            for m in &mounts {
                let vol = volumes
                    .iter()
                    .find(|v| v["name"].as_str() == m["name"].as_str());
                let Some(cm) = vol.and_then(|v| v["configMap"]["name"].as_str()) else {
                    continue;
                };
                let mount_path = m["mountPath"].as_str().unwrap_or("");
                for (cm_file, cm_doc) in of_kind("ConfigMap") {
                    if cm_doc["metadata"]["name"].as_str() != Some(cm) {
                        continue;
                    }
                    let Some(text) = cm_doc["data"]["carewire.toml"].as_str() else {
                        continue;
                    };
                    let config = text.parse::<toml::Table>()?;
                    check_k8s_config(root, cm_file, &config, grace, &volumes, &mounts)?;
                    // The files the pod reads from Secrets, as stand-ins here.
                    let secret_dirs: Vec<&str> = mounts
                        .iter()
                        .filter(|m| {
                            volumes.iter().any(|v| {
                                v["name"].as_str() == m["name"].as_str()
                                    && !v["secret"].is_badvalue()
                            })
                        })
                        .filter_map(|m| m["mountPath"].as_str())
                        .collect();
                    let text = stand_in_secret_files(text, &secret_dirs, certs, scratch)?;
                    carewire_accepts(
                        &format!("{cm_file} (data.carewire.toml, with the Secrets' variables)"),
                        &text,
                        &env,
                        Path::new(mount_path),
                    )?;
                    configs_checked += 1;
                }
            }
        }
    }
    ensure!(
        configs_checked > 0,
        "deploy/k8s: no Deployment mounts a ConfigMap with a carewire.toml key, so no carewire config was checked"
    );
    for kind in ["Service", "PodDisruptionBudget"] {
        for (file, d) in of_kind(kind) {
            let selector = if kind == "Service" {
                labels(&d["spec"]["selector"])
            } else {
                labels(&d["spec"]["selector"]["matchLabels"])
            };
            ensure!(
                pod_labels.iter().any(|l| subset(&selector, l)),
                "{file}: the {kind}'s selector matches no Deployment's pods"
            );
        }
    }
    let kustomized = match which("kubectl") {
        Some(kubectl) => {
            let out = Command::new(kubectl)
                .arg("kustomize")
                .arg(&k8s)
                .output()
                .context("cannot run kubectl")?;
            ensure!(
                out.status.success(),
                "`kubectl kustomize deploy/k8s` fails:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            "; kubectl kustomize ok"
        }
        None => "; no kubectl here",
    };
    println!(
        "  k8s   {} objects: selectors, ConfigMaps, Secrets, probe ports, plugin pins agree{kustomized}",
        objects.len()
    );
    Ok(())
}

/// The ConfigMap's carewire.toml against the Deployment and the example's pins.
fn check_k8s_config(
    root: &Path,
    file: &str,
    config: &toml::Table,
    grace_secs: i64,
    volumes: &[Yaml],
    mounts: &[Yaml],
) -> anyhow::Result<()> {
    let example = parse_quiet(&root.join("examples/carewire.toml"))?;
    let want = pins(&example);
    let have = pins(config);
    ensure!(!have.is_empty(), "{file}: carewire.toml has no [[plugins]]");
    for (name, sha) in &have {
        match want.get(name) {
            Some(w) if w == sha => {}
            Some(w) => bail!(
                "{file}: plugin {name} is pinned to {sha}, but examples/carewire.toml (the \
                 build of this commit, which the image carries) pins {w}: copy that pin"
            ),
            None => bail!(
                "{file}: plugin {name} is not in examples/carewire.toml, so no pin to compare"
            ),
        }
    }
    for p in config
        .get("plugins")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let path = p.get("path").and_then(|v| v.as_str()).unwrap_or("");
        ensure!(
            path.starts_with(IMAGE_PLUGIN_DIR),
            "{file}: plugin path {path} is not in the image's {IMAGE_PLUGIN_DIR}"
        );
    }
    let cache = config
        .get("plugin_host")
        .and_then(|h| h.get("cache_dir"))
        .and_then(|c| c.as_str())
        .ok_or_else(|| anyhow!("{file}: carewire.toml sets no [plugin_host] cache_dir"))?;
    let writable = mounts.iter().any(|m| {
        m["mountPath"].as_str() == Some(cache)
            && volumes
                .iter()
                .any(|v| v["name"].as_str() == m["name"].as_str() && !v["emptyDir"].is_badvalue())
    });
    ensure!(
        writable,
        "{file}: plugin_host.cache_dir {cache} is not an emptyDir mount (the root filesystem is read-only)"
    );
    let ack_wait = ack_wait_secs(config);
    ensure!(
        grace_secs > ack_wait,
        "{file}: terminationGracePeriodSeconds ({grace_secs}) must stay above delivery.ack_wait_secs ({ack_wait})"
    );
    Ok(())
}

/// `delivery.ack_wait_secs` of a carewire.toml, or carewire's default.
fn ack_wait_secs(config: &toml::Table) -> i64 {
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
fn stand_in_secret_files(
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
fn set_path(table: &mut toml::Table, keys: &[String], value: toml::Value) {
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

fn parse_quiet(path: &Path) -> anyhow::Result<toml::Table> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("{}: {e}", path.display()))
}

/// This build of carewire must take the config, with `env` applied as its
/// `CAREWIRE__SECTION__KEY` overrides are: the deploy files use carewire's
/// real keys.
fn carewire_accepts(
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

// ------------------------------------------------------------- collector

/// The collector's pipelines name defined components, and its redaction
/// allow-list keeps every attribute key carewire's source sets (a key not
/// on it would silently vanish from traces and metrics).
fn check_collector(root: &Path, docs: &BTreeMap<PathBuf, Vec<Yaml>>) -> anyhow::Result<()> {
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

// ------------------------------------------------- image and systemd unit

/// The image's carewire.toml, assembled as the Dockerfile does.
fn check_image_config(root: &Path) -> anyhow::Result<()> {
    let example = read(root, &root.join("examples/carewire.toml"))?;
    let extra = read(root, &root.join("deploy/docker/container.toml"))?;
    let mut text = example
        .replace("\"../build/plugins/", &format!("\"{IMAGE_PLUGIN_DIR}"))
        .replace("\"../.carewire/cache\"", "\"/var/cache/carewire\"");
    text.push_str(&extra);
    let table = text
        .parse::<toml::Table>()
        .map_err(|e| anyhow!("the image's carewire.toml (examples/carewire.toml + deploy/docker/container.toml) does not parse: {e}"))?;
    for p in table
        .get("plugins")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let path = p.get("path").and_then(|v| v.as_str()).unwrap_or("");
        ensure!(
            path.starts_with(IMAGE_PLUGIN_DIR),
            "the image's carewire.toml: plugin path {path} is not rewritten to {IMAGE_PLUGIN_DIR} \
             (deploy/docker/Dockerfile's sed expects \"../build/plugins/...\" in examples/carewire.toml)"
        );
    }
    println!(
        "  toml  image /etc/carewire/carewire.toml (examples/carewire.toml + deploy/docker/container.toml)"
    );
    carewire_accepts(
        "the image's /etc/carewire/carewire.toml",
        &text,
        &[],
        Path::new("/etc/carewire"),
    )?;
    Ok(())
}

fn check_dockerfile(root: &Path) -> anyhow::Result<()> {
    let file = root.join("deploy/docker/Dockerfile");
    let text = read(root, &file)?;
    let mut stages = 0;
    for line in text.lines().map(str::trim) {
        let upper = line.to_uppercase();
        if upper.starts_with("FROM ") {
            stages += 1;
        }
        if let Some(cmd) = line
            .strip_prefix("CMD [")
            .or(line.strip_prefix("ENTRYPOINT ["))
        {
            serde_json::from_str::<Vec<String>>(&format!("[{cmd}")).map_err(|e| {
                anyhow!("deploy/docker/Dockerfile: `{line}` is not a JSON array: {e}")
            })?;
        }
        if let Some(user) = line.strip_prefix("USER ") {
            let user = user.split(':').next().unwrap_or("");
            ensure!(
                user.parse::<u32>().is_ok_and(|u| u != 0),
                "deploy/docker/Dockerfile: USER must be a numeric non-root id (Kubernetes' runAsNonRoot checks it)"
            );
        }
    }
    ensure!(
        stages >= 2,
        "deploy/docker/Dockerfile: expected a multi-stage build"
    );
    let unpinned = base_images_without_digest(&text)?;
    // The health check's exec form, joined across its continuation line.
    let joined = text.replace("\\\n", " ");
    let hc = joined
        .lines()
        .find(|l| l.trim_start().starts_with("HEALTHCHECK"))
        .ok_or_else(|| anyhow!("deploy/docker/Dockerfile: no HEALTHCHECK"))?;
    let array = hc
        .split_once("CMD ")
        .map(|(_, a)| a.trim())
        .ok_or_else(|| anyhow!("deploy/docker/Dockerfile: HEALTHCHECK without CMD"))?;
    serde_json::from_str::<Vec<String>>(array).map_err(|e| {
        anyhow!("deploy/docker/Dockerfile: HEALTHCHECK CMD is not a JSON array: {e}")
    })?;
    for input in [
        "examples/carewire.toml",
        "deploy/docker/container.toml",
        "deploy/docker/Dockerfile.dockerignore",
    ] {
        ensure!(
            root.join(input).is_file(),
            "deploy/docker/Dockerfile needs {input}, which is missing"
        );
    }
    println!(
        "  dock  deploy/docker/Dockerfile: {stages} stages, inputs present, health check well-formed"
    );
    if !unpinned.is_empty() {
        println!(
            "  note  deploy/docker/Dockerfile: base images by tag, not digest: {} \
             (pass --build-arg ...@sha256:<digest> for a build you ship)",
            unpinned.join(", ")
        );
    }
    Ok(())
}

/// The base images of the Dockerfile's stages (ARG defaults resolved) that
/// carry no digest; fails on a digest that is not `sha256:` and 64 hex digits.
fn base_images_without_digest(text: &str) -> anyhow::Result<Vec<String>> {
    let mut args = BTreeMap::new();
    let mut unpinned = Vec::new();
    let stage_names: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("FROM "))
        .filter_map(|f| f.split_whitespace().nth(2).map(str::to_string))
        .collect();
    for line in text.lines().map(str::trim) {
        if let Some((name, value)) = line.strip_prefix("ARG ").and_then(|a| a.split_once('=')) {
            args.insert(format!("${{{}}}", name.trim()), value.trim().to_string());
        }
        let Some(image) = line
            .strip_prefix("FROM ")
            .and_then(|f| f.split_whitespace().next())
        else {
            continue;
        };
        let image = args
            .get(image)
            .cloned()
            .unwrap_or_else(|| image.to_string());
        if stage_names.contains(&image) {
            continue; // an earlier stage, not a base image
        }
        match image.split_once("@sha256:") {
            Some((_, digest)) => ensure!(
                digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
                "deploy/docker/Dockerfile: {image}: a digest is sha256: and 64 hex digits"
            ),
            None => unpinned.push(image),
        }
    }
    Ok(unpinned)
}

/// Sections of key=value lines, with the keys a service needs; and
/// `systemd-analyze verify` when this machine has it.
fn check_systemd(root: &Path, scratch: &Path) -> anyhow::Result<()> {
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

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_placeholders_become_the_throwaway_files() {
        let certs = Certs {
            ca: "/t/ca.pem".into(),
            cert: "/t/leaf.pem".into(),
            key: "/t/leaf-key.pem".into(),
        };
        let text = "# the /etc/nats/tls/ paths\ncert_file: \"/etc/nats/tls/route.pem\"\n\
                    key_file: \"/etc/nats/tls/route-key.pem\"\nca_file: \"/etc/nats/tls/ca.pem\"\n";
        let (out, n) = substitute_tls_paths(text, &certs);
        assert_eq!(n, 3);
        assert!(out.contains("# the /etc/nats/tls/ paths"), "{out}");
        assert!(out.contains("cert_file: \"/t/leaf.pem\""), "{out}");
        assert!(out.contains("key_file: \"/t/leaf-key.pem\""), "{out}");
        assert!(out.contains("ca_file: \"/t/ca.pem\""), "{out}");
    }

    #[test]
    fn nkey_users_become_password_users_with_the_same_permissions() {
        let text = "  { nkey: UABC, permissions: $CAREWIRE_ROUTER }   # carewire\n\
                    { nkey: UDEF, permissions: $CAREWIRE_HEALTH_SYSTEM }\n\
                    { nkey: UGHI, permissions: $CAREWIRE_GATEWAY }\n\
                    { nkey: USYS }\n";
        let out = accounts_for_test(text).unwrap();
        assert!(out.contains(
            "  { user: \"CAREWIRE_ROUTER\", password: \"pw-CAREWIRE_ROUTER\", permissions: $CAREWIRE_ROUTER }   # carewire"
        ), "{out}");
        assert!(out.contains("{ nkey: USYS }"), "{out}");
        assert!(accounts_for_test("{ nkey: UABC }\n").is_err());
    }
}
