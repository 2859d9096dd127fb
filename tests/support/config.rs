//! Config files for the `carewire` process, pinned to the built plugins.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::*;

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

    /// The config carewire reads from this spec (written to a scratch
    /// directory and loaded by carewire's own loader). A config needs a
    /// plugin to load; a spec without one gets the clinical plugins here,
    /// which change nothing else.
    pub fn config(&self) -> carewire::config::Config {
        let mut spec = self.clone();
        if spec.plugins.is_empty() {
            spec.plugins = clinical_plugins();
        }
        let dir = TempDir::new().expect("a scratch directory");
        let path = spec.write(dir.path());
        carewire::config::Config::load(&path).expect("the spec's config loads")
    }

    /// The config this spec stands for, built as carewire's own `Config`
    /// (an empty file's defaults, then the spec's settings), each plugin
    /// pinned to the sha256 of its built file, the compile cache in
    /// `dir/cache`. `extra_toml` is not in it (see [`ConfigSpec::write`]).
    pub fn build(&self, dir: &Path) -> carewire::config::Config {
        use carewire::config::{Config, NatsTlsConfig, PluginConfig, Secret};
        let mut c = Config::default();
        c.nats.url = self.nats_url.clone();
        c.nats.duplicate_window_secs = self.duplicate_window_secs;
        c.nats.replicas = self.nats_replicas;
        c.nats.user = self.nats_user.clone();
        c.nats.password = self.nats_password.clone().map(Secret::new);
        c.nats.token = self.nats_token.clone().map(Secret::new);
        c.nats.creds_file = self.nats_creds_file.clone();
        c.nats.nkey_seed_file = self.nats_nkey_seed_file.clone();
        c.nats.tls = self.nats_tls.as_ref().map(|tls| {
            let mut table: NatsTlsConfig = toml::from_str("").expect("[nats.tls] defaults");
            table.ca_file = tls.ca_file.clone();
            table.cert_file = tls.cert_file.clone();
            table.key_file = tls.key_file.clone();
            if let Some(required) = tls.required {
                table.required = required;
            }
            table
        });
        (c.nats.streams, c.nats.buckets) = self.limits();
        c.intake.consumer = CONSUMER.into();
        c.intake.batch = self.batch;
        c.intake.max_in_flight = self.max_in_flight;
        c.intake.max_payload_bytes = self.max_payload_bytes;
        c.intake.ack_wait_secs = self.ack_wait_secs;
        if let Some(n) = self.max_deliver {
            c.intake.max_deliver = n;
        }
        c.router.preference = vec![
            carewire::channels::Channel::Sms,
            carewire::channels::Channel::Portal,
        ];
        c.plugin_host.workers = self.workers;
        c.plugin_host.cache_dir = dir.join("cache");
        c.plugins = self
            .plugins
            .iter()
            .map(|p| {
                let Value::Object(config) = &p.config else {
                    panic!("plugin {} config must be a JSON object", p.name);
                };
                PluginConfig {
                    name: p.name.clone(),
                    path: plugin(&p.file),
                    sha256: p.sha256.clone().unwrap_or_else(|| plugin_digest(&p.file)),
                    kv_buckets: p.kv_buckets.clone(),
                    timeout_ms: p.timeout_ms,
                    memory_mib: p.memory_mib,
                    on_failure: serde_json::from_value(Value::String(p.on_failure.into()))
                        .unwrap_or_else(|e| panic!("on_failure {:?}: {e}", p.on_failure)),
                    config: config.clone(),
                }
            })
            .collect();
        c.delivery.ack_wait_secs = self.delivery_ack_wait();
        c.delivery.request_timeout_ms = self.request_timeout_ms;
        c.delivery.max_attempts = self.max_attempts;
        c.delivery.backoff_initial_ms = self.backoff_initial_ms;
        c.delivery.backoff_max_ms = self.backoff_max_ms;
        c.channels.sms.quiet_hours.enabled = self.quiet_hours;
        c
    }

    /// Writes `carewire.toml` into `dir`: [`ConfigSpec::build`] serialised,
    /// with `extra_toml`'s tables merged over it (its values win).
    pub fn write(&self, dir: &Path) -> PathBuf {
        let mut doc = toml::Table::try_from(self.build(dir)).expect("the config serialises");
        let extra: toml::Table = self
            .extra_toml
            .parse()
            .unwrap_or_else(|e| panic!("extra_toml is not TOML: {e}\n{}", self.extra_toml));
        merge(&mut doc, extra);
        let path = dir.join("carewire.toml");
        std::fs::write(&path, doc.to_string()).expect("write config");
        path
    }
}

/// Merges `over` into `base`: tables key by key, any other value replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// `s` as a TOML basic string (quoted and escaped).
pub fn toml_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}
