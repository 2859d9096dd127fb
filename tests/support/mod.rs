//! Shared helpers of carewire's integration tests: a real nats-server, config
//! files pinned to the built plugins, the `carewire` process, KV seeding,
//! publishing requests and reading back everything carewire stored.
//!
//! Every wait has a deadline and fails with a message that says what was
//! awaited and what was seen; nothing here skips a test.
#![allow(dead_code)]

pub mod fhir_r4;
pub mod otlp;
pub mod pki;
pub mod providers;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use async_nats::HeaderMap;
use async_nats::jetstream::{self, kv};
use bytes::Bytes;
use serde_json::Value;
use tempfile::TempDir;

use carewire::run::nats_server::{LocalNatsServer, find_binary, free_port};

/// The deadline of most waits.
pub const WAIT: Duration = Duration::from_secs(30);

/// The durable consumer name every test config uses.
pub const CONSUMER: &str = "carewire-router";

pub const CONSENT_BUCKET: &str = "carewire_consent";
pub const CONTACTS_BUCKET: &str = "carewire_contacts";
/// carewire's per-number opt-out state, read by the consent plugin.
pub const NUMBERS_BUCKET: &str = "carewire_sms_numbers";

// ---------------------------------------------------------------- nats-server

/// A real nats-server with JetStream on a free port, storing in its own
/// temporary directory; killed (and the directory removed) on drop.
pub struct Nats {
    server: LocalNatsServer,
    _store: TempDir,
    name: String,
}

impl Nats {
    pub fn start() -> Self {
        Self::start_with_config("")
    }

    /// Starts nats-server with `config` as its config file (`-c`): TLS,
    /// authorization, a cluster block... The client port, listen address,
    /// JetStream store and server name are given on the command line, which
    /// wins over the file.
    pub fn start_with_config(config: &str) -> Self {
        static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let binary =
            find_binary(None).unwrap_or_else(|e| panic!("{e} (run `cargo xtask setup` first)"));
        let store = TempDir::new().expect("temp dir for the JetStream store");
        let config_file = store.path().join("nats-server.conf");
        std::fs::write(&config_file, config).expect("write the nats-server config");
        let config_file = config_file.display().to_string();
        // A port found free can be taken before the server binds it (by
        // another test's server, say): retry, and make sure the server that
        // answers is this one.
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = free_port().expect("a free port");
            let name = format!(
                "carewire-test-{}-{}",
                std::process::id(),
                STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            );
            let args = ["-c", &config_file, "--server_name", &name];
            match LocalNatsServer::start(&binary, port, store.path(), &args) {
                Ok(server) if server_name_on(port).as_deref() == Some(name.as_str()) => {
                    return Self {
                        server,
                        _store: store,
                        name,
                    };
                }
                Ok(_) => last_error = format!("port {port} is another server's"),
                Err(e) => last_error = e.to_string(),
            }
        }
        panic!(
            "cannot start nats-server {}: {last_error}",
            binary.display()
        );
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The server's name (`server_name`), as JetStream names cluster peers.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A client and its JetStream context.
    pub async fn connect(&self) -> (async_nats::Client, jetstream::Context) {
        let client = async_nats::connect(self.url())
            .await
            .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", self.url()));
        let js = jetstream::new(client.clone());
        (client, js)
    }
}

/// The `server_name` in the INFO line of the NATS server on `port`.
fn server_name_on(port: u16) -> Option<String> {
    use std::io::BufRead;
    let stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line).ok()?;
    let info: Value = serde_json::from_str(line.strip_prefix("INFO ")?.trim()).ok()?;
    info["server_name"].as_str().map(String::from)
}

// ---------------------------------------------------------------- plugins and config

/// The root of the repository (the parent of `core/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("core/ has a parent")
        .to_path_buf()
}

/// The built component `build/plugins/<name>.wasm`.
pub fn plugin(name: &str) -> PathBuf {
    let path = repo_root()
        .join("build/plugins")
        .join(format!("{name}.wasm"));
    assert!(
        path.is_file(),
        "{} is missing: run `cargo xtask plugins` first",
        path.display()
    );
    path
}

/// The sha256 of a built plugin, as carewire computes it.
pub fn plugin_digest(name: &str) -> String {
    let bytes = std::fs::read(plugin(name)).expect("read plugin");
    carewire::chain::sha256_hex(&bytes)
}

/// One `[[plugins]]` entry of a test config.
#[derive(Debug, Clone)]
pub struct PluginSpec {
    /// The name in logs and audit records.
    pub name: String,
    /// The component: `build/plugins/<file>.wasm`.
    pub file: String,
    /// Overrides the computed digest (to test pinning).
    pub sha256: Option<String>,
    pub kv_buckets: Vec<String>,
    pub timeout_ms: u64,
    pub memory_mib: usize,
    pub on_failure: &'static str,
    /// The plugin's own config table (a JSON object; nested objects are
    /// written as inline tables).
    pub config: Value,
}

impl PluginSpec {
    pub fn new(name: &str, file: &str) -> Self {
        Self {
            name: name.into(),
            file: file.into(),
            sha256: None,
            kv_buckets: Vec::new(),
            // Generous for the real plugins: the tests run on a loaded
            // 2-core machine, and a spurious timeout would change a route.
            timeout_ms: 1000,
            memory_mib: 64,
            on_failure: "deny-sms",
            config: Value::Object(Default::default()),
        }
    }

    pub fn kv(mut self, bucket: &str) -> Self {
        self.kv_buckets.push(bucket.into());
        self
    }

    pub fn on_failure(mut self, policy: &'static str) -> Self {
        self.on_failure = policy;
        self
    }

    pub fn config(mut self, config: Value) -> Self {
        self.config = config;
        self
    }

    pub fn sha256(mut self, digest: &str) -> Self {
        self.sha256 = Some(digest.into());
        self
    }

    /// The misbehave test plugin: `mode` only for bodies containing `trigger`.
    /// Small budgets, so a loop or an allocation is stopped quickly.
    pub fn misbehave(name: &str, mode: &str, trigger: &str) -> Self {
        let mut spec = Self::new(name, "misbehave")
            .config(serde_json::json!({"mode": mode, "trigger": trigger}));
        spec.timeout_ms = 100;
        spec.memory_mib = 16;
        spec
    }
}

/// The four clinical plugins in the order and with the settings of
/// examples/carewire.toml (but test-sized time budgets).
pub fn clinical_plugins() -> Vec<PluginSpec> {
    vec![
        PluginSpec::new("urgency-triage", "urgency-triage").on_failure("escalate"),
        PluginSpec::new("recipient-verify", "recipient-verify")
            .kv(CONTACTS_BUCKET)
            .config(serde_json::json!({"bucket": CONTACTS_BUCKET, "max_age_days": 365})),
        PluginSpec::new("phi-redact", "phi-redact").config(serde_json::json!({
            "min_words": 3,
            "notice": "You have a new message from your care team. Please log in to your patient portal to read it."
        })),
        PluginSpec::new("consent", "consent")
            .kv(CONSENT_BUCKET)
            .kv(NUMBERS_BUCKET)
            .config(serde_json::json!({"bucket": CONSENT_BUCKET})),
    ]
}

/// Everything a test config can vary.
#[derive(Debug, Clone)]
pub struct ConfigSpec {
    /// `None`: no `[nats] url` (replay and check need none).
    pub nats_url: Option<String>,
    pub plugins: Vec<PluginSpec>,
    pub max_payload_bytes: usize,
    pub ack_wait_secs: u64,
    pub workers: usize,
    pub batch: usize,
    pub max_in_flight: usize,
    /// Quiet hours on: off by default so that tests do not depend on the hour.
    pub quiet_hours: bool,
    /// `[delivery]`: ack wait (default: the intake's), provider call limit, retries.
    pub delivery_ack_wait_secs: Option<u64>,
    pub request_timeout_ms: u64,
    pub max_attempts: u32,
    pub backoff_initial_ms: u64,
    pub backoff_max_ms: u64,
    /// TOML appended to the config: `[channels.*]`, `[delivery]`, `[http]`.
    pub extra_toml: String,
    /// `nats.replicas`: copies of each stream and bucket (1; 3 in a cluster).
    pub nats_replicas: usize,
    /// `nats.duplicate_window_secs` (600).
    pub duplicate_window_secs: u64,
    /// `[nats]` credentials (at most one kind; carewire refuses more):
    /// `user` + `password`, `token`, `creds_file`, `nkey_seed_file`.
    pub nats_user: Option<String>,
    pub nats_password: Option<String>,
    pub nats_token: Option<String>,
    pub nats_creds_file: Option<PathBuf>,
    pub nats_nkey_seed_file: Option<PathBuf>,
    /// `[nats.tls]`, written when set.
    pub nats_tls: Option<TlsSpec>,
    /// `max_bytes` of every stream and bucket (`[nats.streams.*]`,
    /// `[nats.buckets.*]`); 16 MiB unless set; `None`: carewire's defaults.
    pub max_bytes: Option<u64>,
    /// `intake.max_deliver`; `None`: carewire's default.
    pub max_deliver: Option<i64>,
}

/// The `[nats.tls]` table of a test config.
#[derive(Debug, Clone, Default)]
pub struct TlsSpec {
    pub ca_file: Option<PathBuf>,
    pub cert_file: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
    /// `None`: carewire's default (required).
    pub required: Option<bool>,
}

impl ConfigSpec {
    /// The delivery consumers' ack wait: the intake's, but more than twice
    /// the provider call limit (as carewire's config validation requires).
    pub fn delivery_ack_wait(&self) -> u64 {
        self.delivery_ack_wait_secs
            .unwrap_or(self.ack_wait_secs)
            .max(self.request_timeout_ms * 2 / 1000 + 1)
    }

    pub fn new(nats_url: Option<String>, plugins: Vec<PluginSpec>) -> Self {
        Self {
            nats_url,
            plugins,
            max_payload_bytes: 65536,
            ack_wait_secs: 30,
            workers: 2,
            batch: 64,
            max_in_flight: 64,
            quiet_hours: false,
            delivery_ack_wait_secs: None,
            request_timeout_ms: 2000,
            max_attempts: 4,
            backoff_initial_ms: 200,
            backoff_max_ms: 1000,
            extra_toml: String::new(),
            nats_replicas: 1,
            duplicate_window_secs: 600,
            nats_user: None,
            nats_password: None,
            nats_token: None,
            nats_creds_file: None,
            nats_nkey_seed_file: None,
            nats_tls: None,
            // Test-sized, so that a test server can reserve them whatever
            // the free disk (see carewire::run::nats_server::STORE_LIMIT).
            max_bytes: Some(16 << 20),
            max_deliver: None,
        }
    }

    /// `[nats.streams]` and `[nats.buckets]` as this spec sets them.
    pub fn limits(
        &self,
    ) -> (
        carewire::config::StreamsConfig,
        carewire::config::BucketsConfig,
    ) {
        use carewire::config::{BucketsConfig, LimitsConfig, SizeConfig, StreamsConfig};
        let l = LimitsConfig {
            max_age_days: None,
            max_bytes: self.max_bytes,
        };
        let streams = StreamsConfig {
            inbound: l,
            dispatch: l,
            outbound: l,
            delivery: l,
            audit: l,
            dlq: l,
            replies: l,
        };
        let buckets = BucketsConfig {
            consent: l,
            contacts: l,
            sms_log: l,
            sms_numbers: l,
            deliveries: l,
            reply_ids: l,
            decisions: SizeConfig {
                max_bytes: self.max_bytes,
            },
        };
        (streams, buckets)
    }

    /// The intake's redelivery policy as this spec sets it.
    pub fn redelivery(&self) -> carewire::nats::Redelivery {
        let intake = carewire::config::IntakeConfig::default();
        carewire::nats::Redelivery::after(self.max_deliver.unwrap_or(intake.max_deliver))
    }

    /// Writes `carewire.toml` into `dir`, each plugin pinned to the sha256
    /// of its built file, the compile cache in `dir/cache`.
    pub fn write(&self, dir: &Path) -> PathBuf {
        let mut t = String::new();
        writeln!(
            t,
            "[nats]\nsubject_prefix = \"carewire\"\nduplicate_window_secs = {}",
            self.duplicate_window_secs
        )
        .unwrap();
        if let Some(url) = &self.nats_url {
            writeln!(t, "url = {}", toml_str(url)).unwrap();
        }
        writeln!(t, "replicas = {}", self.nats_replicas).unwrap();
        for (key, value) in [
            ("user", &self.nats_user),
            ("password", &self.nats_password),
            ("token", &self.nats_token),
        ] {
            if let Some(value) = value {
                writeln!(t, "{key} = {}", toml_str(value)).unwrap();
            }
        }
        for (key, path) in [
            ("creds_file", &self.nats_creds_file),
            ("nkey_seed_file", &self.nats_nkey_seed_file),
        ] {
            if let Some(path) = path {
                writeln!(t, "{key} = {}", toml_str(&path.display().to_string())).unwrap();
            }
        }
        if let Some(tls) = &self.nats_tls {
            t.push_str("[nats.tls]\n");
            for (key, path) in [
                ("ca_file", &tls.ca_file),
                ("cert_file", &tls.cert_file),
                ("key_file", &tls.key_file),
            ] {
                if let Some(path) = path {
                    writeln!(t, "{key} = {}", toml_str(&path.display().to_string())).unwrap();
                }
            }
            if let Some(required) = tls.required {
                writeln!(t, "required = {required}").unwrap();
            }
        }
        if let Some(max_bytes) = self.max_bytes {
            for kind in [
                "streams.inbound",
                "streams.dispatch",
                "streams.outbound",
                "streams.delivery",
                "streams.audit",
                "streams.dlq",
                "streams.replies",
                "buckets.consent",
                "buckets.contacts",
                "buckets.sms_log",
                "buckets.sms_numbers",
                "buckets.deliveries",
                "buckets.reply_ids",
                "buckets.decisions",
            ] {
                writeln!(t, "[nats.{kind}]\nmax_bytes = {max_bytes}").unwrap();
            }
        }
        writeln!(
            t,
            "\n[intake]\nconsumer = {}\nbatch = {}\nmax_in_flight = {}\nmax_payload_bytes = {}\nack_wait_secs = {}",
            toml_str(CONSUMER),
            self.batch,
            self.max_in_flight,
            self.max_payload_bytes,
            self.ack_wait_secs
        )
        .unwrap();
        if let Some(n) = self.max_deliver {
            writeln!(t, "max_deliver = {n}").unwrap();
        }
        t.push_str("\n[router]\npreference = [\"sms\", \"portal\"]\n");
        writeln!(
            t,
            "\n[plugin_host]\nworkers = {}\ncache_dir = {}",
            self.workers,
            toml_str(&dir.join("cache").display().to_string())
        )
        .unwrap();
        for p in &self.plugins {
            let digest = p.sha256.clone().unwrap_or_else(|| plugin_digest(&p.file));
            writeln!(t, "\n[[plugins]]").unwrap();
            writeln!(t, "name = {}", toml_str(&p.name)).unwrap();
            writeln!(
                t,
                "path = {}",
                toml_str(&plugin(&p.file).display().to_string())
            )
            .unwrap();
            writeln!(t, "sha256 = {}", toml_str(&digest)).unwrap();
            let buckets: Vec<String> = p.kv_buckets.iter().map(|b| toml_str(b)).collect();
            writeln!(t, "kv_buckets = [{}]", buckets.join(", ")).unwrap();
            writeln!(t, "timeout_ms = {}", p.timeout_ms).unwrap();
            writeln!(t, "memory_mib = {}", p.memory_mib).unwrap();
            writeln!(t, "on_failure = {}", toml_str(p.on_failure)).unwrap();
            let Value::Object(config) = &p.config else {
                panic!("plugin {} config must be a JSON object", p.name);
            };
            if !config.is_empty() {
                writeln!(t, "[plugins.config]").unwrap();
                for (k, v) in config {
                    writeln!(t, "{} = {}", toml_str(k), toml_value(v)).unwrap();
                }
            }
        }
        let ack_wait = self.delivery_ack_wait();
        writeln!(
            t,
            "\n[delivery]\nack_wait_secs = {ack_wait}\nrequest_timeout_ms = {}\nmax_attempts = {}\nbackoff_initial_ms = {}\nbackoff_max_ms = {}",
            self.request_timeout_ms, self.max_attempts, self.backoff_initial_ms, self.backoff_max_ms
        )
        .unwrap();
        if !self.quiet_hours {
            t.push_str("\n[channels.sms.quiet_hours]\nenabled = false\n");
        }
        t.push_str(&self.extra_toml);
        let path = dir.join("carewire.toml");
        std::fs::write(&path, t).expect("write config");
        path
    }
}

/// `s` as a TOML basic string (quoted and escaped).
pub fn toml_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// A JSON value as TOML: strings, numbers and booleans are written alike;
/// arrays and objects (as inline tables) recursively. TOML has no null.
fn toml_value(v: &Value) -> String {
    match v {
        Value::Null => panic!("a test config cannot hold null (TOML has none)"),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} = {}", toml_str(k), toml_value(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------- the carewire process

/// The `carewire` binary under test.
pub fn carewire_bin() -> &'static str {
    env!("CARGO_BIN_EXE_carewire")
}

/// A `carewire run` process, its stderr in a file; killed on drop.
pub struct Carewire {
    child: Child,
    pub stderr_path: PathBuf,
}

impl Carewire {
    /// Starts `carewire run --config <config>` with `envs`, stderr into
    /// `<log_dir>/<log_name>`.
    pub fn start(config: &Path, log_dir: &Path, log_name: &str, envs: &[(&str, &str)]) -> Self {
        Self::spawn(
            Command::new(carewire_bin()),
            config,
            log_dir,
            log_name,
            envs,
        )
    }

    /// [`Carewire::start`] with at most `open_files` file descriptors (the
    /// soft `RLIMIT_NOFILE`, set by the shell before it execs carewire), so
    /// that a test can reach the limit with a few hundred sockets.
    pub fn start_with_open_files(
        config: &Path,
        log_dir: &Path,
        log_name: &str,
        envs: &[(&str, &str)],
        open_files: u32,
    ) -> Self {
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("ulimit -Sn {open_files} && exec \"$0\" \"$@\""))
            .arg(carewire_bin());
        Self::spawn(shell, config, log_dir, log_name, envs)
    }

    fn spawn(
        mut cmd: Command,
        config: &Path,
        log_dir: &Path,
        log_name: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        let stderr_path = log_dir.join(log_name);
        let stderr = std::fs::File::create(&stderr_path).expect("create stderr log");
        cmd.arg("run")
            .arg("--config")
            .arg(config)
            .env("NO_COLOR", "1")
            .env_remove("CAREWIRE_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("spawn carewire");
        Self { child, stderr_path }
    }

    /// Starts carewire and waits until it says it is routing.
    pub fn start_ready(
        config: &Path,
        log_dir: &Path,
        log_name: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        let mut c = Self::start(config, log_dir, log_name, envs);
        c.wait_ready(Duration::from_secs(60));
        c
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything carewire wrote to stderr so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Waits until the log says "carewire is routing" (plugins loaded, consumer bound).
    pub fn wait_ready(&mut self, limit: Duration) {
        let started = Instant::now();
        loop {
            if self.stderr().contains("carewire is routing") {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "carewire exited ({status}) before it was ready; stderr:\n{}",
                    self.stderr()
                );
            }
            if started.elapsed() > limit {
                panic!(
                    "carewire not ready after {limit:?}; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the process is still alive.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Fails, showing its stderr, unless the process is still alive.
    #[track_caller]
    pub fn assert_running(&mut self) {
        assert!(self.is_running(), "carewire died:\n{}", self.stderr());
    }

    /// SIGKILL, then reap.
    pub fn sigkill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait (with a deadline) for a clean exit.
    pub fn sigterm(&mut self, limit: Duration) -> ExitStatus {
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
        self.wait_exit(limit)
    }

    /// Waits for the process to exit by itself.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if started.elapsed() > limit {
                panic!(
                    "carewire still running after {limit:?}; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Carewire {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            // The test failed: show what carewire said (the end of it).
            let log = self.stderr();
            let lines: Vec<&str> = log.lines().collect();
            let shown = if lines.len() <= 80 {
                lines.join("\n")
            } else {
                format!(
                    "{}\n[... {} lines ...]\n{}",
                    lines[..40].join("\n"),
                    lines.len() - 80,
                    lines[lines.len() - 40..].join("\n")
                )
            };
            eprintln!(
                "--- carewire stderr ({}) ---\n{shown}",
                self.stderr_path.display()
            );
        }
    }
}

/// Runs a carewire subcommand to completion: (status, stdout, stderr).
pub fn carewire_cmd(args: &[&str]) -> (ExitStatus, String, String) {
    let out = Command::new(carewire_bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CAREWIRE_LOG")
        .stdin(Stdio::null())
        .output()
        .expect("run carewire");
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---------------------------------------------------------------- KV, streams, publishing

/// Opens `bucket`, creating it (as carewire would) when absent.
pub async fn bucket(js: &jetstream::Context, bucket: &str) -> kv::Store {
    if let Ok(store) = js.get_key_value(bucket).await {
        return store;
    }
    js.create_key_value(kv::Config {
        bucket: bucket.into(),
        history: 5,
        ..Default::default()
    })
    .await
    .unwrap_or_else(|e| panic!("cannot create KV bucket {bucket}: {e}"))
}

/// The tenant of the tests' requests.
pub const TENANT: &str = "acme";

/// A patient's key in the per-patient buckets (consent, contacts, SMS log):
/// carewire keeps them per tenant, `<tenant>.<patient id>`.
pub fn patient_key(patient: &str) -> String {
    format!("{TENANT}.{patient}")
}

/// A message's key within [`TENANT`] (`<tenant>.<message id>`): its
/// idempotency key at the providers, the FHIR `Communication`'s identifier.
pub fn message_key(id: &str) -> String {
    format!("{TENANT}.{id}")
}

/// Puts JSON records of [`TENANT`]'s patients into a per-patient bucket,
/// each under its [`patient_key`].
pub async fn seed(js: &jetstream::Context, bucket_name: &str, records: &[(&str, Value)]) {
    seed_in(js, TENANT, bucket_name, records).await;
}

/// Puts JSON records of `tenant`'s patients into a per-patient bucket, each
/// under `<tenant>.<patient id>`.
pub async fn seed_in(
    js: &jetstream::Context,
    tenant: &str,
    bucket_name: &str,
    records: &[(&str, Value)],
) {
    let store = bucket(js, bucket_name).await;
    for (key, value) in records {
        store
            .put(format!("{tenant}.{key}"), value.to_string().into())
            .await
            .unwrap_or_else(|e| panic!("cannot put {bucket_name}/{key}: {e}"));
    }
}

/// RFC 3339 of now minus `days` days (verification and consent timestamps).
pub fn days_ago(days: i64) -> String {
    (time::OffsetDateTime::now_utc() - time::Duration::days(days))
        .replace_nanosecond(0)
        .expect("valid")
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format")
}

/// A consent record granting SMS, with or without PHI over SMS.
pub fn consent_granted(phi_over_sms: bool) -> Value {
    serde_json::json!({
        "sms": "granted",
        "phi_over_sms": phi_over_sms,
        "obtained_at": days_ago(30),
        "method": if phi_over_sms { "written_form" } else { "verbal" },
    })
}

/// A contacts record with the patient's own, recently verified phone.
pub fn verified_self(phone: &str) -> Value {
    serde_json::json!({"contacts": [{
        "phone": phone,
        "method": "sms_code",
        "verified_at": days_ago(10),
        "relationship": "self",
    }]})
}

/// Creates the streams, buckets and consumer carewire would create, with
/// the settings of `spec` (to publish before carewire first starts).
pub async fn ensure_topology(js: &jetstream::Context, spec: &ConfigSpec) {
    let names = carewire::nats::Names::new("carewire");
    let (streams, buckets) = spec.limits();
    carewire::nats::ensure_topology(
        js,
        carewire::nats::Settings {
            names: &names,
            consumer: CONSUMER,
            ack_wait: Duration::from_secs(spec.ack_wait_secs),
            max_ack_pending: i64::try_from(spec.max_in_flight * 2).expect("fits"),
            duplicate_window: Duration::from_secs(600),
            delivery_ack_wait: Duration::from_secs(spec.delivery_ack_wait()),
            delivery_max_pending: 100_000,
            replicas: spec.nats_replicas,
            streams: &streams,
            buckets: &buckets,
            redelivery: spec.redelivery(),
            delivery_redelivery: carewire::nats::Redelivery::after(
                carewire::config::DeliveryConfig::default().max_deliver,
            ),
        },
    )
    .await
    .expect("create the topology");
}

/// Publishes one request to `carewire.inbound.<tenant>` and waits for the
/// stream's ack; returns its inbound sequence.
pub async fn publish(js: &jetstream::Context, tenant: &str, payload: impl Into<Bytes>) -> u64 {
    js.publish(format!("carewire.inbound.{tenant}"), payload.into())
        .await
        .expect("publish")
        .await
        .expect("publish ack")
        .sequence
}

/// Publishes a JSON envelope.
pub async fn publish_json(js: &jetstream::Context, tenant: &str, envelope: &Value) -> u64 {
    publish(js, tenant, serde_json::to_vec(envelope).expect("encode")).await
}

/// A minimal valid envelope.
pub fn envelope(id: &str, patient: &str, phone: Option<&str>, body: &str) -> Value {
    let mut e = serde_json::json!({
        "id": id,
        "tenant": "acme",
        "category": "appointment_reminder",
        "patient": {"id": patient},
        "recipient": {"role": "patient"},
        "body": body,
    });
    if let Some(phone) = phone {
        e["recipient"]["phone"] = Value::String(phone.into());
    }
    e
}

/// One message as stored in a stream.
#[derive(Debug, Clone)]
pub struct Stored {
    pub seq: u64,
    pub subject: String,
    pub headers: HeaderMap,
    pub payload: Bytes,
    /// The payload parsed as JSON (`Null` when it is not JSON, e.g. a DLQ'd bad payload).
    pub parsed: Value,
}

impl Stored {
    /// The message stored at `seq`, as read with `get_raw_message`.
    pub fn from_raw(seq: u64, msg: jetstream::message::StreamMessage) -> Self {
        Self {
            seq,
            subject: msg.subject.to_string(),
            headers: msg.headers,
            parsed: serde_json::from_slice(&msg.payload).unwrap_or(Value::Null),
            payload: msg.payload,
        }
    }

    /// The payload as JSON; fails when it is not.
    pub fn json(&self) -> Value {
        assert!(
            !self.parsed.is_null(),
            "{} #{} is not JSON: {:?}",
            self.subject,
            self.seq,
            self.payload
        );
        self.parsed.clone()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.as_str().to_string())
    }
}

/// Everything carewire stored: outbound, audit and DLQ messages.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    pub outbound: Vec<Stored>,
    /// Decision and delivery audit records.
    pub audit: Vec<Stored>,
    pub dlq: Vec<Stored>,
    /// Delivery events.
    pub delivery: Vec<Stored>,
}

/// The schema of the one decision record every message gets.
pub const DECISION_AUDIT: &str = "carewire.audit/1";

impl Outputs {
    /// Parsed decision audit records.
    pub fn audits(&self) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["schema"] == DECISION_AUDIT)
            .map(Stored::json)
            .collect()
    }

    /// Decision audit records of message `id`.
    pub fn audits_for(&self, id: &str) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["id"] == id && a.parsed["schema"] == DECISION_AUDIT)
            .map(Stored::json)
            .collect()
    }

    /// Delivery audit records (`carewire.audit.delivery/1`) of message `id`.
    pub fn delivery_audits_for(&self, id: &str) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["id"] == id && a.parsed["schema"] == "carewire.audit.delivery/1")
            .map(Stored::json)
            .collect()
    }

    /// Delivery events of message `id`, in order.
    pub fn events_for(&self, id: &str) -> Vec<Value> {
        self.delivery
            .iter()
            .filter(|e| e.parsed["id"] == id)
            .map(Stored::json)
            .collect()
    }

    /// The statuses of `id`'s delivery events on `channel`, in order.
    pub fn statuses(&self, id: &str, channel: &str) -> Vec<String> {
        self.events_for(id)
            .iter()
            .filter(|e| e["channel"] == channel)
            .map(|e| e["status"].as_str().unwrap_or("?").to_string())
            .collect()
    }

    /// The one audit record of `id` (fails unless there is exactly one).
    pub fn audit(&self, id: &str) -> Value {
        let found = self.audits_for(id);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one audit record for {id}, got {found:#?}"
        );
        found.into_iter().next().expect("one")
    }

    /// Outbound messages of `id`: (subject, message).
    pub fn outbound_for(&self, id: &str) -> Vec<(String, Value)> {
        self.outbound
            .iter()
            .filter(|m| m.parsed["id"] == id)
            .map(|m| (m.subject.clone(), m.json()))
            .collect()
    }

    /// The one outbound message of `id`, checked to be on `carewire.outbound.<channel>`.
    pub fn sent(&self, id: &str, channel: &str) -> Value {
        let found = self.outbound_for(id);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one outbound message for {id}, got {found:#?}"
        );
        let (subject, msg) = found.into_iter().next().expect("one");
        assert_eq!(
            subject,
            format!("carewire.outbound.{channel}"),
            "{id} went out on the wrong subject: {msg:#}"
        );
        assert_eq!(msg["channel"], channel, "{id}: {msg:#}");
        msg
    }

    /// DLQ messages carrying `Carewire-Message-Id: id`.
    pub fn dlq_for(&self, id: &str) -> Vec<&Stored> {
        self.dlq
            .iter()
            .filter(|m| m.header("Carewire-Message-Id").as_deref() == Some(id))
            .collect()
    }

    /// DLQ messages of the inbound request with stream sequence `seq`.
    pub fn dlq_for_seq(&self, seq: u64) -> Vec<&Stored> {
        self.dlq
            .iter()
            .filter(|m| m.header("Carewire-Inbound-Sequence") == Some(seq.to_string()))
            .collect()
    }

    /// Audit records of the inbound request with stream sequence `seq`.
    pub fn audits_for_seq(&self, seq: u64) -> Vec<Value> {
        self.audit
            .iter()
            .filter(|a| a.parsed["inbound_sequence"].as_u64() == Some(seq))
            .map(Stored::json)
            .collect()
    }

    /// Per message id: how many audit records, outbound messages and DLQ
    /// messages name it.
    pub fn counts(&self) -> HashMap<String, Counts> {
        let mut counts: HashMap<String, Counts> = HashMap::new();
        for a in &self.audit {
            if a.parsed["schema"] != DECISION_AUDIT {
                continue;
            }
            if let Some(id) = a.parsed["id"].as_str() {
                counts.entry(id.to_string()).or_default().audit += 1;
            }
        }
        for m in &self.outbound {
            if let Some(id) = m.parsed["id"].as_str() {
                counts.entry(id.to_string()).or_default().outbound += 1;
            }
        }
        for m in &self.dlq {
            if let Some(id) = m.header("Carewire-Message-Id") {
                counts.entry(id).or_default().dlq += 1;
            }
        }
        counts
    }

    /// Whether every id in `ids` has an audit record and an output (outbound or DLQ).
    pub fn all_finished(&self, ids: &[String]) -> bool {
        let counts = self.counts();
        ids.iter().all(|id| {
            counts
                .get(id)
                .is_some_and(|c| c.audit > 0 && c.outbound + c.dlq > 0)
        })
    }

    pub fn summary(&self) -> String {
        let mut by_outcome: BTreeMap<String, usize> = BTreeMap::new();
        for a in self.audits() {
            *by_outcome
                .entry(a["outcome"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
        format!(
            "{} outbound, {} audit {:?}, {} dlq",
            self.outbound.len(),
            self.audit.len(),
            by_outcome,
            self.dlq.len()
        )
    }
}

/// How many records of each kind name one message id.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub audit: usize,
    pub outbound: usize,
    pub dlq: usize,
}

/// Reads carewire's output streams incrementally.
pub struct Collector {
    js: jetstream::Context,
    next: [u64; 4],
    pub out: Outputs,
}

const OUTPUT_STREAMS: [&str; 4] = [
    "CAREWIRE_OUTBOUND",
    "CAREWIRE_AUDIT",
    "CAREWIRE_DLQ",
    "CAREWIRE_DELIVERY",
];

impl Collector {
    pub fn new(js: &jetstream::Context) -> Self {
        Self {
            js: js.clone(),
            next: [1; 4],
            out: Outputs::default(),
        }
    }

    /// Fetches every message stored since the last refresh.
    pub async fn refresh(&mut self) -> &Outputs {
        for (i, name) in OUTPUT_STREAMS.iter().enumerate() {
            let Ok(mut stream) = self.js.get_stream(*name).await else {
                continue; // not created yet
            };
            let last = stream
                .info()
                .await
                .expect("stream info")
                .state
                .last_sequence;
            while self.next[i] <= last {
                let seq = self.next[i];
                let msg = stream
                    .get_raw_message(seq)
                    .await
                    .unwrap_or_else(|e| panic!("{name} #{seq}: {e}"));
                let stored = Stored::from_raw(seq, msg);
                match i {
                    0 => self.out.outbound.push(stored),
                    1 => self.out.audit.push(stored),
                    2 => self.out.dlq.push(stored),
                    _ => self.out.delivery.push(stored),
                }
                self.next[i] += 1;
            }
        }
        &self.out
    }

    /// Refreshes until `done` holds, failing after `limit` with `what` and a summary.
    pub async fn wait_for(
        &mut self,
        what: &str,
        limit: Duration,
        done: impl Fn(&Outputs) -> bool,
    ) -> &Outputs {
        let started = Instant::now();
        loop {
            self.refresh().await;
            if done(&self.out) {
                return &self.out;
            }
            if started.elapsed() > limit {
                panic!(
                    "timed out after {limit:?} waiting for {what}; stored so far: {}",
                    self.out.summary()
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until every id in `ids` has its audit record and output.
    pub async fn wait_finished(&mut self, ids: &[String]) -> &Outputs {
        let what = format!("{} messages to finish", ids.len());
        self.wait_for(&what, WAIT, |o| o.all_finished(ids)).await
    }

    /// Waits until the inbound consumer has acked everything in the inbound
    /// stream (nothing pending, nothing awaiting an ack), then reads the
    /// outputs once more: after this, every stored output is visible.
    pub async fn settle(&mut self) -> &Outputs {
        wait_consumer_idle(&self.js).await;
        self.refresh().await
    }
}

/// The inbound durable consumer's info.
pub async fn consumer_info(js: &jetstream::Context) -> jetstream::consumer::Info {
    let stream = js
        .get_stream("CAREWIRE_INBOUND")
        .await
        .expect("inbound stream");
    stream.consumer_info(CONSUMER).await.expect("consumer info")
}

/// Waits until the inbound consumer and the three delivery consumers have
/// delivered and acked everything (so nothing is deferred either).
pub async fn wait_consumer_idle(js: &jetstream::Context) -> jetstream::consumer::Info {
    let info = wait_inbound_idle(js).await;
    let started = Instant::now();
    let dispatch = js
        .get_stream("CAREWIRE_DISPATCH")
        .await
        .expect("dispatch stream");
    for channel in ["sms", "portal", "escalation"] {
        let name = format!("{CONSUMER}-deliver-{channel}");
        loop {
            let c = dispatch
                .consumer_info(&name)
                .await
                .expect("delivery consumer info");
            if c.num_pending == 0 && c.num_ack_pending == 0 {
                break;
            }
            if started.elapsed() > WAIT {
                panic!(
                    "{name} not idle after {WAIT:?}: num_pending {}, num_ack_pending {}",
                    c.num_pending, c.num_ack_pending
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    info
}

/// Waits until the inbound consumer has delivered and acked every stored request.
pub async fn wait_inbound_idle(js: &jetstream::Context) -> jetstream::consumer::Info {
    let started = Instant::now();
    loop {
        let last = js
            .get_stream("CAREWIRE_INBOUND")
            .await
            .expect("inbound stream")
            .info()
            .await
            .expect("stream info")
            .state
            .last_sequence;
        let info = consumer_info(js).await;
        if info.num_pending == 0
            && info.num_ack_pending == 0
            && info.ack_floor.stream_sequence >= last
        {
            return info;
        }
        if started.elapsed() > WAIT {
            panic!(
                "inbound consumer not idle after {WAIT:?}: num_pending {}, num_ack_pending {}, ack floor {} of {last}",
                info.num_pending, info.num_ack_pending, info.ack_floor.stream_sequence
            );
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Asserts that none of `needles` occurs in `haystack`.
pub fn assert_no_phi(what: &str, haystack: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            !haystack.contains(needle),
            "PHI {needle:?} found in {what}:\n{}",
            excerpt(haystack, needle)
        );
    }
}

fn excerpt(haystack: &str, needle: &str) -> String {
    let at = haystack.find(needle).unwrap_or(0);
    let start = haystack.floor_char_boundary(at.saturating_sub(200));
    let end = haystack.ceil_char_boundary((at + needle.len() + 200).min(haystack.len()));
    haystack[start..end].to_string()
}

// ---------------------------------------------------------------- examples/carewire.toml

/// The `[[plugins]]` entries of examples/carewire.toml, in chain order, as
/// test plugin specs: the same component, KV grants, failure policy, memory
/// cap and plugin config; the digest is computed from the built file and the
/// time budget stays test-sized (see [`PluginSpec::new`]).
pub fn example_plugins() -> Vec<PluginSpec> {
    let examples = repo_root().join("examples");
    let text = std::fs::read_to_string(examples.join("carewire.toml"))
        .expect("read examples/carewire.toml");
    // The pins are recomputed by `ConfigSpec::write`; the example's own may
    // be stale or placeholders, so they must not stop the parse.
    let text: String = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("sha256 = ") {
                format!("sha256 = \"{}\"\n", "0".repeat(64))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let config = carewire::config::Config::from_toml(&text, &examples)
        .unwrap_or_else(|e| panic!("examples/carewire.toml does not parse: {e}"));
    config
        .plugins
        .iter()
        .map(|entry| {
            let file = entry
                .path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_else(|| panic!("plugin {}: bad path {:?}", entry.name, entry.path));
            let mut spec = PluginSpec::new(&entry.name, file)
                .on_failure(entry.on_failure.as_str())
                .config(Value::Object(entry.config.clone()));
            spec.kv_buckets.clone_from(&entry.kv_buckets);
            spec.memory_mib = entry.memory_mib;
            spec
        })
        .collect()
}

/// The entry named `name` of examples/carewire.toml (see [`example_plugins`]).
pub fn example_plugin(name: &str) -> PluginSpec {
    example_plugins()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("examples/carewire.toml has no [[plugins]] entry named {name:?}"))
}

/// Whether `s` is a code of the plugin contract (wit/README.md, "Codes"):
/// `^[a-z0-9]+([_-][a-z0-9]+)*(:[a-z0-9]+([_-][a-z0-9]+)*)?$`, 1 to 64
/// bytes, no more than four digits in a row counting digits joined by
/// `_ - :` (written out here rather than taken from carewire, so that the
/// tests check the contract and not the implementation).
pub fn is_contract_code(s: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    let segment = |seg: &str| seg.split(['_', '-']).all(word);
    let longest_digit_run = s
        .split(|c: char| c.is_ascii_lowercase())
        .map(|run| run.bytes().filter(u8::is_ascii_digit).count())
        .max()
        .unwrap_or(0);
    (1..=64).contains(&s.len())
        && s.split(':').count() <= 2
        && s.split(':').all(segment)
        && longest_digit_run <= 4
}

// ---- two-way helpers

/// The JSON value under `key` in a KV bucket (`None` when absent or deleted).
pub async fn kv_json(store: &kv::Store, key: &str) -> Option<Value> {
    let bytes = store
        .get(key)
        .await
        .unwrap_or_else(|e| panic!("cannot read {}/{key}: {e}", store.name))?;
    if bytes.is_empty() {
        return None;
    }
    Some(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{}/{key} is not JSON ({e}): {}",
            store.name,
            String::from_utf8_lossy(&bytes)
        )
    }))
}

/// Polls `key` until `done` holds for its value; fails after [`WAIT`]
/// saying what was awaited and what was last seen.
pub async fn wait_kv(
    store: &kv::Store,
    key: &str,
    what: &str,
    done: impl Fn(Option<&Value>) -> bool,
) -> Option<Value> {
    let started = Instant::now();
    loop {
        let value = kv_json(store, key).await;
        if done(value.as_ref()) {
            return value;
        }
        if started.elapsed() > WAIT {
            panic!(
                "timed out after {WAIT:?} waiting for {what} in {}/{key}; last value: {value:?}",
                store.name
            );
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Every message stored in `stream` so far, in order (none when the stream
/// does not exist yet).
pub async fn stream_messages(js: &jetstream::Context, stream: &str) -> Vec<Stored> {
    let Ok(mut handle) = js.get_stream(stream).await else {
        return Vec::new();
    };
    let (first, last) = {
        let state = &handle.info().await.expect("stream info").state;
        (state.first_sequence.max(1), state.last_sequence)
    };
    let mut found = Vec::new();
    for seq in first..=last {
        let Ok(msg) = handle.get_raw_message(seq).await else {
            continue; // deleted
        };
        found.push(Stored::from_raw(seq, msg));
    }
    found
}

// ---- delivery helpers

/// The delivery statuses after which a target is done with a message (a
/// provider's status callbacks may still follow an `accepted`).
pub const SETTLED: &[&str] = &["accepted", "delivered", "failed"];

impl Outputs {
    /// `id`'s delivery events on `channel`, from `provider` when one is
    /// named, whose status is one of `statuses`, in order.
    pub fn events_with(
        &self,
        id: &str,
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
    ) -> Vec<Value> {
        self.events_for(id)
            .into_iter()
            .filter(|e| e["channel"] == channel)
            .filter(|e| provider.is_none_or(|p| e["provider"] == p))
            .filter(|e| e["status"].as_str().is_some_and(|s| statuses.contains(&s)))
            .collect()
    }

    /// The ids of `ids` that have no such event (see [`Outputs::events_with`])
    /// or no decision audit record yet. The intake stores the audit record
    /// and the dispatch concurrently, so a delivery event can be stored
    /// before the audit record of its message.
    pub fn missing_events(
        &self,
        ids: &[String],
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
    ) -> Vec<String> {
        ids.iter()
            .filter(|id| {
                self.audits_for(id).is_empty()
                    || self.events_with(id, channel, provider, statuses).is_empty()
            })
            .cloned()
            .collect()
    }
}

impl Collector {
    /// Waits until each of `ids` has a delivery event on `channel` (from
    /// `provider` when one is named) with one of `statuses`; after `limit`,
    /// fails naming the ids still waiting and the events each one has.
    pub async fn wait_events(
        &mut self,
        ids: &[String],
        channel: &str,
        provider: Option<&str>,
        statuses: &[&str],
        limit: Duration,
    ) -> &Outputs {
        let started = Instant::now();
        loop {
            self.refresh().await;
            let missing = self.out.missing_events(ids, channel, provider, statuses);
            if missing.is_empty() {
                return &self.out;
            }
            if started.elapsed() > limit {
                let mut seen = String::new();
                for id in missing.iter().take(20) {
                    let events: Vec<String> = self
                        .out
                        .events_for(id)
                        .iter()
                        .map(|e| {
                            format!(
                                "{}/{}:{}{}",
                                e["channel"].as_str().unwrap_or("?"),
                                e["provider"].as_str().unwrap_or("-"),
                                e["status"].as_str().unwrap_or("?"),
                                e["reason"]
                                    .as_str()
                                    .map(|r| format!("({r})"))
                                    .unwrap_or_default()
                            )
                        })
                        .collect();
                    let _ = write!(seen, "\n  {id}: {events:?}");
                }
                panic!(
                    "timed out after {limit:?} waiting for {} of {} message(s) to get a {channel} \
                     delivery event{} with status in {statuses:?}; {} delivery events stored; \
                     still waiting:{seen}",
                    missing.len(),
                    ids.len(),
                    provider.map(|p| format!(" from {p}")).unwrap_or_default(),
                    self.out.delivery.len(),
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
