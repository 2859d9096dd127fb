//! carewire's configuration: one TOML file, overridable by `CAREWIRE__SECTION__KEY`
//! environment variables. Unknown keys are an error that names the key.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

mod channels;
mod nats;
pub mod quiet_hours;
mod retention;
pub mod telemetry;

pub use channels::{
    ChannelsConfig, DeliveryConfig, EscalationConfig, FhirConfig, HttpConfig, PagerDutyConfig,
    PortalConfig, RateConfig, RepliesConfig, Secret, SmsConfig, Target, TwilioConfig,
    WebhookConfig,
};
pub use nats::{LocalNatsConfig, NatsAuth, NatsConfig, NatsTlsConfig, read_nkey_seed, server_urls};
pub use quiet_hours::QuietHoursConfig;
pub use retention::{BucketsConfig, LimitsConfig, Retention, SizeConfig, StreamsConfig};
pub use telemetry::{OtlpTlsConfig, Protocol, TelemetryConfig};

use crate::common::channel::Channel;
use crate::common::codes::is_name;

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {cause}")]
    Load {
        path: PathBuf,
        cause: config::ConfigError,
    },
    #[error("config {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The whole configuration file. Its default is what an empty file gives
/// (not a valid config: it has no plugins).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where NATS is, or how to run a local one.
    #[serde(default)]
    pub nats: NatsConfig,
    /// How requests are taken from JetStream.
    #[serde(default)]
    pub intake: IntakeConfig,
    /// How the channel is chosen once the plugins have spoken.
    #[serde(default)]
    pub router: RouterConfig,
    /// Settings shared by every plugin instance.
    #[serde(default)]
    pub plugin_host: PluginHostConfig,
    /// The plugin chain, run in this order for every message.
    #[serde(default)]
    pub plugins: Vec<PluginConfig>,
    /// Where each channel's messages go once routed.
    #[serde(default)]
    pub channels: ChannelsConfig,
    /// Retries, time limits and concurrency of the delivery stage.
    #[serde(default)]
    pub delivery: DeliveryConfig,
    /// The listener for providers' webhooks; off when absent.
    #[serde(default)]
    pub http: Option<HttpConfig>,
    /// OpenTelemetry export (traces and metrics over OTLP).
    #[serde(default)]
    pub telemetry: TelemetryConfig,
    /// The directory relative paths are resolved against (the config file's own).
    #[serde(skip)]
    pub base_dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeConfig {
    /// Durable consumer name; routers sharing it share the load.
    #[serde(default = "default_consumer")]
    pub consumer: String,
    /// Messages fetched per pull request.
    #[serde(default = "default_batch")]
    pub batch: usize,
    /// Messages being processed at once (across all worker threads).
    #[serde(default = "default_max_in_flight")]
    pub max_in_flight: usize,
    /// A payload larger than this is invalid (`oversized`).
    #[serde(default = "default_max_payload_bytes")]
    pub max_payload_bytes: usize,
    /// How long JetStream waits for an ack before redelivering.
    #[serde(default = "default_ack_wait_secs")]
    pub ack_wait_secs: u64,
    /// Deliveries of a request (and of an SMS reply) before carewire stores
    /// it in `<prefix>.dlq.max_deliveries`; a failed delivery is tried again
    /// after 1 s, doubling to 60 s (20 take about a quarter of an hour).
    #[serde(default = "default_max_deliver")]
    pub max_deliver: i64,
    /// The identifier system whose value is the patient id when a FHIR
    /// `CommunicationRequest` names its patient by identifier (a contained
    /// Patient, or a logical reference).
    #[serde(default = "default_patient_identifier_system")]
    pub fhir_patient_identifier_system: String,
}

impl IntakeConfig {
    /// What decoding a request needs from this section.
    pub fn decode_rules(&self) -> crate::envelope::DecodeRules {
        crate::envelope::DecodeRules {
            max_payload_bytes: self.max_payload_bytes,
            patient_identifier_system: self.fhir_patient_identifier_system.clone(),
        }
    }
}

fn default_patient_identifier_system() -> String {
    crate::envelope::DEFAULT_PATIENT_IDENTIFIER_SYSTEM.into()
}

impl Default for IntakeConfig {
    fn default() -> Self {
        Self {
            consumer: default_consumer(),
            batch: default_batch(),
            max_in_flight: default_max_in_flight(),
            max_payload_bytes: default_max_payload_bytes(),
            ack_wait_secs: default_ack_wait_secs(),
            max_deliver: default_max_deliver(),
            fhir_patient_identifier_system: default_patient_identifier_system(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RouterConfig {
    /// Channels tried in order for a non-urgent message.
    #[serde(default = "default_preference")]
    pub preference: Vec<Channel>,
}

impl Default for RouterConfig {
    fn default() -> Self {
        Self {
            preference: default_preference(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PluginHostConfig {
    /// Threads that run plugin chains; each owns one instance of every plugin
    /// (default: one per core).
    #[serde(default = "default_workers")]
    pub workers: usize,
    /// Where compiled plugins are cached (relative to the config file).
    #[serde(default = "default_cache_dir")]
    pub cache_dir: PathBuf,
}

impl Default for PluginHostConfig {
    fn default() -> Self {
        Self {
            workers: default_workers(),
            cache_dir: default_cache_dir(),
        }
    }
}

/// What the core does when a plugin traps, times out or returns an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailurePolicy {
    /// No SMS for this message; the chain goes on (the default: fail closed).
    DenySms,
    /// No SMS, and a clinician sees it: the message requires escalation.
    Escalate,
    /// Stop the chain: the message is undeliverable and a person must look.
    Halt,
}

impl FailurePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            FailurePolicy::DenySms => "deny-sms",
            FailurePolicy::Escalate => "escalate",
            FailurePolicy::Halt => "halt",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PluginConfig {
    /// The plugin's name in logs and audit records (a code: `a-z 0-9 _ . : -`).
    pub name: String,
    /// The component file (relative to the config file).
    pub path: PathBuf,
    /// The sha256 of the file, hex; a mismatch refuses to load.
    pub sha256: String,
    /// KV buckets this plugin may read. Empty grants nothing.
    #[serde(default)]
    pub kv_buckets: Vec<String>,
    /// Time budget for one call, in milliseconds.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Memory cap of one instance, in MiB.
    #[serde(default = "default_memory_mib")]
    pub memory_mib: usize,
    /// What a failure of this plugin means for the message.
    #[serde(default = "default_failure_policy")]
    pub on_failure: FailurePolicy,
    /// The plugin's own settings, passed to its `init` as JSON.
    #[serde(default)]
    pub config: serde_json::Map<String, serde_json::Value>,
}

impl PluginConfig {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

fn default_consumer() -> String {
    "carewire-router".into()
}
fn default_batch() -> usize {
    128
}
fn default_max_in_flight() -> usize {
    256
}
fn default_max_payload_bytes() -> usize {
    64 * 1024
}
fn default_ack_wait_secs() -> u64 {
    30
}
fn default_max_deliver() -> i64 {
    20
}
fn default_preference() -> Vec<Channel> {
    vec![Channel::Sms, Channel::Portal]
}
/// One plugin worker per core: a chain's KV records are read ahead of its
/// run, so a worker spends its time on the plugins' own work, and more
/// workers than cores add only memory (about 17 MiB each) and start-up time
/// (BENCHMARKS.md, "Reading KV records ahead").
fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}
fn default_cache_dir() -> PathBuf {
    ".carewire/cache".into()
}
fn default_timeout_ms() -> u64 {
    100
}
fn default_memory_mib() -> usize {
    64
}
fn default_failure_policy() -> FailurePolicy {
    FailurePolicy::DenySms
}

impl Config {
    /// Reads `path`, applies `CAREWIRE__...` overrides and validates the result.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let load_err = |cause| ConfigError::Load {
            path: path.to_path_buf(),
            cause,
        };
        let raw = config::Config::builder()
            .add_source(config::File::from(path).format(config::FileFormat::Toml))
            .add_source(
                config::Environment::with_prefix("CAREWIRE")
                    .separator("__")
                    .try_parsing(false),
            )
            .build()
            .map_err(load_err)?;
        let mut cfg: Config = raw.try_deserialize().map_err(load_err)?;
        cfg.base_dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        cfg.validate().map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(cfg)
    }

    /// Parses a TOML string (no environment overrides), for tests and tools.
    pub fn from_toml(text: &str, base_dir: &Path) -> Result<Config, ConfigError> {
        let path = base_dir.join("<inline>");
        let mut cfg: Config = config::Config::builder()
            .add_source(config::File::from_str(text, config::FileFormat::Toml))
            .build()
            .and_then(config::Config::try_deserialize)
            .map_err(|cause| ConfigError::Load {
                path: path.clone(),
                cause,
            })?;
        cfg.base_dir = base_dir.to_path_buf();
        cfg.validate()
            .map_err(|message| ConfigError::Invalid { path, message })?;
        Ok(cfg)
    }

    /// The config as TOML, every setting written out: loading it gives this
    /// config again.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    /// Resolves a path from the config against the config file's directory.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base_dir.join(path)
        }
    }

    fn validate(&self) -> Result<(), String> {
        if self.plugins.is_empty() {
            return Err("no [[plugins]]: carewire needs at least one plugin in its chain".into());
        }
        if self.router.preference.is_empty() {
            return Err("router.preference is empty: name at least one channel".into());
        }
        if !is_name(&self.nats.subject_prefix) {
            return Err(format!(
                "nats.subject_prefix {:?} must be a code (a-z 0-9 _ -)",
                self.nats.subject_prefix
            ));
        }
        self.nats.validate(|p| self.resolve(p))?;
        if self.intake.batch == 0 || self.intake.max_in_flight == 0 {
            return Err("intake.batch and intake.max_in_flight must be at least 1".into());
        }
        if !(1..=1_000_000).contains(&self.intake.max_deliver)
            || !(1..=1_000_000).contains(&self.delivery.max_deliver)
        {
            return Err(
                "intake.max_deliver and delivery.max_deliver must be between 1 and 1000000".into(),
            );
        }
        if self.plugin_host.workers == 0 {
            return Err("plugin_host.workers must be at least 1".into());
        }
        self.channels.validate(&self.delivery, self.http.as_ref())?;
        self.telemetry.validate(&|p: &Path| self.resolve(p))?;
        if self.channels.sms.targets.contains(&Target::Twilio) && self.http.is_none() {
            tracing::warn!(
                "channels.sms uses twilio but [http] is absent: no status callbacks or replies will reach carewire"
            );
        }
        let mut seen = std::collections::HashSet::new();
        for p in &self.plugins {
            if !is_name(&p.name) {
                return Err(format!(
                    "plugin name {:?} must be a code (a-z 0-9 _ . : -)",
                    p.name
                ));
            }
            if !seen.insert(p.name.as_str()) {
                return Err(format!("plugin {:?} is listed twice", p.name));
            }
            let digest_ok = p.sha256.len() == 64 && p.sha256.bytes().all(|b| b.is_ascii_hexdigit());
            if !digest_ok {
                return Err(format!("plugin {:?}: sha256 must be 64 hex digits", p.name));
            }
            if p.timeout_ms == 0 || p.memory_mib == 0 {
                return Err(format!(
                    "plugin {:?}: timeout_ms and memory_mib must be at least 1",
                    p.name
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[[plugins]]
name = "consent"
path = "consent.wasm"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
"#;

    #[test]
    fn defaults_fill_in() {
        let cfg = Config::from_toml(MINIMAL, Path::new("/etc/carewire")).unwrap();
        assert_eq!(cfg.nats.subject_prefix, "carewire");
        assert_eq!(cfg.router.preference, vec![Channel::Sms, Channel::Portal]);
        assert_eq!(cfg.plugins[0].on_failure, FailurePolicy::DenySms);
        assert_eq!(
            cfg.resolve(&cfg.plugins[0].path),
            PathBuf::from("/etc/carewire/consent.wasm")
        );
    }

    /// Every setting survives being written out: the example config, written
    /// as TOML and loaded again, is the same config.
    #[test]
    fn a_config_written_out_loads_as_itself() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/carewire.toml");
        let text = std::fs::read_to_string(&example).expect("the example config");
        let dir = example.parent().expect("examples/");
        let loaded = Config::from_toml(&text, dir).expect("the example loads");
        let written = loaded.to_toml().expect("serialises");
        let again = Config::from_toml(&written, dir).expect("the written config loads");
        assert_eq!(again.to_toml().expect("serialises"), written);
        assert!(written.contains("max_per_day = 1"), "{written}");
        assert!(written.contains("[channels.sms.quiet_hours]"), "{written}");
    }

    #[test]
    fn unknown_key_is_named() {
        let text = format!("{MINIMAL}\n[intake]\nbatchsize = 3\n");
        let err = Config::from_toml(&text, Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(err.contains("batchsize"), "{err}");
    }

    #[test]
    fn bad_digest_is_refused() {
        let text = MINIMAL.replace("\"000", "\"zz0");
        let err = Config::from_toml(&text, Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(err.contains("sha256"), "{err}");
    }

    /// Held by the tests that set CAREWIRE__* variables: `Config::load`
    /// reads every one of them, so such a test must not run beside another
    /// that loads a config from the environment.
    static ENVIRONMENT: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    #[allow(unsafe_code)]
    fn environment_overrides_file() {
        let _environment = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, MINIMAL).unwrap();
        // SAFETY of the test: ENVIRONMENT keeps the other tests that touch
        // the environment out while it is set.
        unsafe { std::env::set_var("CAREWIRE__INTAKE__ACK_WAIT_SECS", "7") };
        let cfg = Config::load(&path);
        unsafe { std::env::remove_var("CAREWIRE__INTAKE__ACK_WAIT_SECS") };
        assert_eq!(cfg.unwrap().intake.ack_wait_secs, 7);
    }

    #[test]
    #[allow(unsafe_code)]
    fn secrets_come_from_the_environment_verbatim() {
        let _environment = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        let twilio = "[channels.sms]\ntargets = [\"twilio\"]\n[channels.sms.twilio]\naccount_sid = \"AC1\"\nfrom = \"+15550001111\"\n";
        std::fs::write(&path, format!("{MINIMAL}{twilio}")).unwrap();
        // A token of digits with a leading zero must stay a string, unchanged.
        // SAFETY of the test: ENVIRONMENT keeps the other tests that touch
        // the environment out while it is set.
        unsafe { std::env::set_var("CAREWIRE__CHANNELS__SMS__TWILIO__AUTH_TOKEN", "0012345") };
        let cfg = Config::load(&path);
        unsafe { std::env::remove_var("CAREWIRE__CHANNELS__SMS__TWILIO__AUTH_TOKEN") };
        let cfg = cfg.unwrap();
        let token = cfg.channels.sms.twilio.unwrap().auth_token;
        assert_eq!(token.expose(), "0012345");
    }
}
