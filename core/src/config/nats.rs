//! `[nats]`: where the NATS servers are (or how to run a local one), how
//! carewire proves who it is to them (one of a credentials file, user and
//! password, a token or an NKey), TLS, and how many copies JetStream keeps.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Secret;
use super::retention::{BucketsConfig, StreamsConfig};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NatsConfig {
    /// NATS server URL, or several separated by commas (the nodes of a
    /// cluster: carewire connects to one and fails over to the others).
    /// When absent, `carewire run` starts and supervises a local nats-server
    /// with JetStream (see `local`). Credentials do not go in the URL (it is
    /// logged): use the keys below.
    #[serde(default)]
    pub url: Option<String>,
    /// Prefix of every subject, stream name stays fixed (`carewire` gives
    /// `carewire.inbound.<tenant>` etc.).
    #[serde(default = "default_prefix")]
    pub subject_prefix: String,
    /// Prefix of the subjects the servers answer carewire on (JetStream API
    /// replies, publish acks, pulled messages, KV reads): carewire's own, so
    /// that the account's other users can be refused it (deploy/nats/accounts.conf
    /// allows `<prefix>.>` to carewire's user alone). The NATS default `_INBOX`
    /// is shared by every client of an account.
    #[serde(default = "default_inbox_prefix")]
    pub inbox_prefix: String,
    /// The managed local server, used only when `url` is absent.
    #[serde(default)]
    pub local: LocalNatsConfig,
    /// How long JetStream remembers a `Nats-Msg-Id` to drop duplicates.
    #[serde(default = "default_duplicate_window_secs")]
    pub duplicate_window_secs: u64,
    /// Copies JetStream keeps of every stream and KV bucket carewire creates
    /// (1 to 5): 3 in a 3-node cluster, so that they survive the loss of a
    /// node. Existing streams and buckets are left as they are.
    #[serde(default = "default_replicas")]
    pub replicas: usize,
    /// How long, and up to how many bytes, each stream is kept
    /// (`[nats.streams.<inbound|dispatch|outbound|delivery|audit|dlq|replies>]`);
    /// applied to existing streams at start.
    #[serde(default)]
    pub streams: StreamsConfig,
    /// The same for the KV buckets
    /// (`[nats.buckets.<consent|contacts|sms_log|sms_numbers|deliveries|decisions>]`).
    #[serde(default)]
    pub buckets: BucketsConfig,
    /// A NATS credentials file (`.creds`: a user JWT and its NKey seed), as
    /// `nsc` writes it (relative to the config file).
    #[serde(default)]
    pub creds_file: Option<PathBuf>,
    /// User name, with `password`.
    #[serde(default)]
    pub user: Option<String>,
    /// Password of `user`; better from `CAREWIRE__NATS__PASSWORD`.
    #[serde(default)]
    pub password: Option<Secret>,
    /// An authentication token; better from `CAREWIRE__NATS__TOKEN`.
    #[serde(default)]
    pub token: Option<Secret>,
    /// A file holding a user NKey seed (`SU…`, as `nk -gen user` writes it;
    /// relative to the config file); the server knows its public key (`U…`).
    #[serde(default)]
    pub nkey_seed_file: Option<PathBuf>,
    /// TLS to the servers; when the table is present, TLS is required.
    #[serde(default)]
    pub tls: Option<NatsTlsConfig>,
}

impl Default for NatsConfig {
    fn default() -> Self {
        Self {
            url: None,
            subject_prefix: default_prefix(),
            inbox_prefix: default_inbox_prefix(),
            local: LocalNatsConfig::default(),
            duplicate_window_secs: default_duplicate_window_secs(),
            replicas: default_replicas(),
            streams: StreamsConfig::default(),
            buckets: BucketsConfig::default(),
            creds_file: None,
            user: None,
            password: None,
            token: None,
            nkey_seed_file: None,
            tls: None,
        }
    }
}

/// `[nats.tls]`: the files are PEM, relative to the config file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NatsTlsConfig {
    /// The CA that signed the servers' certificates; default: the system's roots.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// carewire's client certificate, for servers that verify clients (with `key_file`).
    #[serde(default)]
    pub cert_file: Option<PathBuf>,
    /// The private key of `cert_file`.
    #[serde(default)]
    pub key_file: Option<PathBuf>,
    /// Refuse to talk to a server without TLS (default). `false`: TLS only
    /// when the server asks for it or the URL is `tls://`.
    #[serde(default = "yes")]
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNatsConfig {
    /// Client port of the managed server.
    #[serde(default = "default_local_port")]
    pub port: u16,
    /// JetStream store directory (relative to the config file).
    #[serde(default = "default_local_store")]
    pub store_dir: PathBuf,
    /// The nats-server binary; default: `nats-server` on PATH, then `.tools/nats/bin/nats-server`.
    #[serde(default)]
    pub binary: Option<PathBuf>,
}

impl Default for LocalNatsConfig {
    fn default() -> Self {
        Self {
            port: default_local_port(),
            store_dir: default_local_store(),
            binary: None,
        }
    }
}

fn default_prefix() -> String {
    "carewire".into()
}
fn default_inbox_prefix() -> String {
    "_INBOX_carewire".into()
}
fn default_duplicate_window_secs() -> u64 {
    3600
}
fn default_replicas() -> usize {
    1
}
fn default_local_port() -> u16 {
    4222
}
fn default_local_store() -> PathBuf {
    ".carewire/nats".into()
}
fn yes() -> bool {
    true
}

/// How carewire authenticates to NATS, as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NatsAuth {
    None,
    CredsFile,
    UserPassword,
    Token,
    Nkey,
}

impl NatsAuth {
    /// The config keys of this method, for messages.
    pub fn keys(self) -> &'static str {
        match self {
            NatsAuth::None => "no credentials",
            NatsAuth::CredsFile => "nats.creds_file",
            NatsAuth::UserPassword => "nats.user and nats.password",
            NatsAuth::Token => "nats.token",
            NatsAuth::Nkey => "nats.nkey_seed_file",
        }
    }
}

impl NatsConfig {
    /// How long JetStream remembers a `Nats-Msg-Id`.
    pub fn duplicate_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.duplicate_window_secs)
    }

    /// The configured authentication method (validation allows at most one).
    pub fn auth(&self) -> NatsAuth {
        if self.creds_file.is_some() {
            NatsAuth::CredsFile
        } else if self.user.is_some() || self.password.is_some() {
            NatsAuth::UserPassword
        } else if self.token.is_some() {
            NatsAuth::Token
        } else if self.nkey_seed_file.is_some() {
            NatsAuth::Nkey
        } else {
            NatsAuth::None
        }
    }

    /// Checks `[nats]`; `resolve` turns a configured path into a real one.
    /// Messages name the key and never show a secret.
    pub(super) fn validate(&self, resolve: impl Fn(&Path) -> PathBuf) -> Result<(), String> {
        if !(1..=5).contains(&self.replicas) {
            return Err(format!(
                "nats.replicas is {}: JetStream keeps 1 to 5 copies",
                self.replicas
            ));
        }
        if let Some(url) = &self.url {
            server_urls(url)?;
        }
        check_inbox_prefix(&self.inbox_prefix)?;
        super::retention::validate(&self.streams, &self.buckets, self.duplicate_window())?;
        let methods: Vec<&str> = [
            (self.creds_file.is_some(), "nats.creds_file"),
            (
                self.user.is_some() || self.password.is_some(),
                "nats.user/nats.password",
            ),
            (self.token.is_some(), "nats.token"),
            (self.nkey_seed_file.is_some(), "nats.nkey_seed_file"),
        ]
        .into_iter()
        .filter_map(|(set, key)| set.then_some(key))
        .collect();
        if methods.len() > 1 {
            return Err(format!(
                "{} are all set: carewire authenticates to NATS in one way only, choose one",
                methods.join(" and ")
            ));
        }
        match (&self.user, &self.password) {
            (Some(_), None) => return Err("nats.user is set but nats.password is not".into()),
            (None, Some(_)) => return Err("nats.password is set but nats.user is not".into()),
            (Some(user), Some(password)) => {
                if user.is_empty() {
                    return Err("nats.user is empty".into());
                }
                if password.expose().is_empty() {
                    return Err("nats.password is empty".into());
                }
            }
            (None, None) => {}
        }
        if self.token.as_ref().is_some_and(|t| t.expose().is_empty()) {
            return Err("nats.token is empty".into());
        }
        if self.url.is_none() && (!methods.is_empty() || self.tls.is_some()) {
            let key = methods.first().copied().unwrap_or("[nats.tls]");
            return Err(format!(
                "{key} needs nats.url: the local nats-server carewire starts without one has no authentication or TLS"
            ));
        }
        if let Some(path) = &self.creds_file {
            let path = resolve(path);
            let text = read_file("nats.creds_file", &path)?;
            async_nats::ConnectOptions::with_credentials(&text).map_err(|e| {
                format!(
                    "nats.creds_file {}: not a NATS credentials file ({e})",
                    path.display()
                )
            })?;
        }
        if let Some(path) = &self.nkey_seed_file {
            read_nkey_seed(&resolve(path))?;
        }
        if let Some(tls) = &self.tls {
            if tls.cert_file.is_some() != tls.key_file.is_some() {
                return Err(
                    "nats.tls.cert_file and nats.tls.key_file go together: set both or neither"
                        .into(),
                );
            }
            for (key, path) in [
                ("nats.tls.ca_file", &tls.ca_file),
                ("nats.tls.cert_file", &tls.cert_file),
                ("nats.tls.key_file", &tls.key_file),
            ] {
                if let Some(path) = path {
                    read_file(key, &resolve(path))?;
                }
            }
        }
        Ok(())
    }
}

/// The servers of a `nats.url`: comma-separated, each checked to be a NATS
/// URL without credentials in it. Messages show a URL only when it has no `@`.
pub fn server_urls(url: &str) -> Result<Vec<async_nats::ServerAddr>, String> {
    let mut servers = Vec::new();
    for (n, entry) in url.split(',').map(str::trim).enumerate() {
        let shown = if entry.contains('@') {
            format!("server {} of nats.url", n + 1)
        } else {
            format!("nats.url server {entry:?}")
        };
        if entry.is_empty() {
            return Err("nats.url has an empty entry: separate servers with single commas".into());
        }
        let addr: async_nats::ServerAddr = entry
            .parse()
            .map_err(|_| format!("{shown} is not a NATS URL (nats://host:port)"))?;
        if addr.has_user_pass() || entry.contains('@') {
            return Err(format!(
                "{shown} has credentials in it: give them as nats.user and nats.password, or nats.token (a URL is logged)"
            ));
        }
        servers.push(addr);
    }
    let websocket = servers.iter().filter(|s| s.is_websocket()).count();
    if websocket != 0 && websocket != servers.len() {
        return Err("nats.url mixes ws(s):// and nats:// servers: use one kind".into());
    }
    Ok(servers)
}

/// A subject of literal tokens: the client adds `.<id>` to it for each reply.
fn check_inbox_prefix(prefix: &str) -> Result<(), String> {
    let bad_token = prefix.split('.').any(|token| {
        token.is_empty()
            || token
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '*' || c == '>')
    });
    if bad_token {
        return Err(format!(
            "nats.inbox_prefix {prefix:?}: use dot-separated tokens without spaces or wildcards, e.g. \"_INBOX_carewire\""
        ));
    }
    Ok(())
}

/// Reads a file named by `key`; the error names the key and the path.
fn read_file(key: &str, path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{key} {}: {e}", path.display()))
}

/// Reads a user NKey seed from `path`: the first line that is not empty
/// and not a comment (`#`, `//`). The error never shows the file's content.
pub fn read_nkey_seed(path: &Path) -> Result<String, String> {
    let text = read_file("nats.nkey_seed_file", path)?;
    let seed = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
        .unwrap_or("");
    let pair = nkeys::KeyPair::from_seed(seed).map_err(|e| {
        format!(
            "nats.nkey_seed_file {}: no NKey seed in it ({})",
            path.display(),
            e.kind()
        )
    })?;
    if pair.key_pair_type() != nkeys::KeyPairType::User {
        return Err(format!(
            "nats.nkey_seed_file {}: a {:?} seed, but carewire connects as a user (a seed starting with SU)",
            path.display(),
            pair.key_pair_type()
        ));
    }
    Ok(seed.to_string())
}

#[cfg(test)]
mod tests;
