//! What every NATS config under deploy/nats must hold beyond parsing:
//!
//! - a server that stores JetStream data encrypts it at rest
//!   (`jetstream { cipher: aes|chachapoly, key: $VAR }`), with the key from
//!   the environment, never written in the file; without the variable
//!   `nats-server -t` must refuse the file (no silent plaintext fallback);
//! - monitoring (`http:`, no authentication) listens on loopback only, and
//!   a client port on any other address needs TLS with client certificates
//!   and the users of accounts.conf;
//! - deploy/nats/single-node.conf, run for real with a throwaway key, stores
//!   a message and reads it back, its files on disk do not contain it (the
//!   same file with the encryption lines taken out does: the search works),
//!   it reads it back after a restart with the key, and not with another key.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail, ensure};

/// The environment variable the configs read the encryption key from.
pub(super) const KEY_VAR: &str = "JS_KEY";

/// The lines of `text` with comments removed, and their indentation.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().filter_map(|line| {
        let code = line.split('#').next().unwrap_or("");
        let trimmed = code.trim();
        (!trimmed.is_empty()).then(|| (code.len() - code.trim_start().len(), trimmed))
    })
}

/// The value of a top-level `key: value` (or `key = value`, `key value`).
fn top_level<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    lines(text)
        .filter(|(indent, _)| *indent == 0)
        .find_map(|(_, line)| setting(line, key))
}

/// `value` of `key: value`, `key = value` or `key value` on one line.
fn setting<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?;
    let first = rest.chars().next()?;
    if !(first == ':' || first == '=' || first.is_whitespace()) {
        return None;
    }
    let rest = rest.trim_start();
    let value = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('='))
        .unwrap_or(rest)
        .trim()
        .trim_matches('"');
    (!value.is_empty()).then_some(value)
}

/// The body of the top-level block `name { ... }`, if there is one.
fn block<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or("");
        let opens = code
            .strip_prefix(name)
            .map(|r| r.trim_start().trim_start_matches(':').trim_start())
            .is_some_and(|r| r.starts_with('{'));
        if opens {
            let start = offset + code.find('{').unwrap_or(0) + 1;
            let mut depth = 1;
            for (i, c) in text[start..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(&text[start..start + i]);
                        }
                    }
                    _ => {}
                }
            }
            return Some(&text[start..]);
        }
        offset += line.len();
    }
    None
}

fn is_loopback(address: &str) -> bool {
    let host = address
        .rsplit_once(':')
        .map_or(address, |(host, _)| host)
        .trim_matches(|c| c == '[' || c == ']');
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

/// The static rules for one config (`name` for messages).
pub(super) fn check_rules(name: &str, text: &str) -> anyhow::Result<()> {
    if let Some(jetstream) = block(text, "jetstream") {
        let mut cipher = None;
        let mut key = None;
        for (_, line) in lines(jetstream) {
            cipher = cipher.or_else(|| setting(line, "cipher"));
            for alias in ["encryption_key", "key", "ek"] {
                key = key.or_else(|| setting(line, alias));
            }
        }
        ensure!(
            matches!(cipher, Some("aes" | "chachapoly")),
            "{name}: JetStream stores PHI here unencrypted: add `cipher: aes` and \
             `key: ${KEY_VAR}` to its jetstream block"
        );
        match key {
            Some(k) if k.starts_with('$') => {}
            Some(_) => bail!(
                "{name}: the JetStream encryption key is written in the file: read it \
                 from the environment (`key: ${KEY_VAR}`)"
            ),
            None => bail!("{name}: jetstream has a cipher but no key (`key: ${KEY_VAR}`)"),
        }
    }
    if let Some(http) = top_level(text, "http") {
        ensure!(
            is_loopback(http),
            "{name}: monitoring (http: {http}) has no authentication: listen on 127.0.0.1"
        );
    }
    // A fragment that other configs include (accounts.conf) starts no server.
    let server = ["listen", "port", "host", "net", "server_name"]
        .iter()
        .any(|key| top_level(text, key).is_some());
    let listen = top_level(text, "listen").unwrap_or("0.0.0.0:4222");
    if server && !is_loopback(listen) {
        let tls = block(text, "tls").unwrap_or("");
        let verified = lines(tls).any(|(_, l)| setting(l, "verify") == Some("true"));
        let users = text.contains("include ./accounts.conf")
            || block(text, "authorization").is_some()
            || block(text, "accounts").is_some();
        ensure!(
            verified && users,
            "{name}: clients may connect from other hosts (listen: {listen}) without TLS \
             client certificates and users: listen on 127.0.0.1, or add a tls block with \
             `verify: true` and `include ./accounts.conf` (as tls.conf does)"
        );
    }
    Ok(())
}

/// `nats-server -t` without the key variable must refuse a config that
/// encrypts (the key comes from the environment only).
pub(super) fn refuses_without_key(
    name: &str,
    nats_server: &Path,
    copy: &Path,
    text: &str,
) -> anyhow::Result<()> {
    if block(text, "jetstream").is_none() {
        return Ok(());
    }
    let out = Command::new(nats_server)
        .arg("-t")
        .arg("-c")
        .arg(copy)
        .current_dir(copy.parent().unwrap_or(Path::new(".")))
        .env_remove(KEY_VAR)
        .output()
        .with_context(|| format!("cannot run {}", nats_server.display()))?;
    ensure!(
        !out.status.success(),
        "{name}: nats-server accepts it without {KEY_VAR}: the encryption key must come \
         from the environment, with no fallback"
    );
    Ok(())
}

// ----------------------------------------------------- a real encrypted store

/// A nats-server started from a config file, stopped on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(binary: &Path, conf: &Path, port: u16, key: Option<&str>) -> anyhow::Result<Self> {
        let log = conf.with_extension("log");
        let mut cmd = Command::new(binary);
        cmd.arg("-c")
            .arg(conf)
            .env_remove(KEY_VAR)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?);
        if let Some(key) = key {
            cmd.env(KEY_VAR, key);
        }
        let mut child = cmd
            .spawn()
            .with_context(|| format!("cannot run {}", binary.display()))?;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            if let Some(status) = child.try_wait()? {
                bail!(
                    "nats-server exited ({status}):\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(Self { child, port });
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        bail!("nats-server did not listen on {port} within 15 s")
    }

    /// SIGTERM, so that it writes what it holds, then waits for it.
    fn stop(mut self) -> anyhow::Result<()> {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status()?;
        ensure!(status.success(), "kill -TERM {pid} failed");
        let started = Instant::now();
        while self.child.try_wait()?.is_none() {
            ensure!(
                started.elapsed() < Duration::from_secs(15),
                "nats-server did not stop within 15 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `text` with its client port, monitoring and store directory moved to
/// scratch places, and (when `encrypted` is false) the encryption lines out.
fn runnable(text: &str, port: u16, store: &Path, encrypted: bool) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent == 0 && setting(trimmed, "listen").is_some() {
            out.push_str(&format!("listen: 127.0.0.1:{port}\n"));
        } else if indent == 0 && setting(trimmed, "http").is_some() {
            // Monitoring is not needed here (and its port may be taken).
        } else if setting(trimmed, "store_dir").is_some() {
            out.push_str(&format!("  store_dir: \"{}\"\n", store.display()));
        } else if !encrypted
            && (setting(trimmed, "cipher").is_some() || setting(trimmed, "key").is_some())
        {
            // The control run: the same file without encryption.
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Whether any file under `dir` contains `needle`.
fn found_on_disk(dir: &Path, needle: &[u8]) -> anyhow::Result<Vec<PathBuf>> {
    let mut hits = Vec::new();
    for file in super::files::files_under(dir)? {
        let bytes = std::fs::read(&file)?;
        if bytes.windows(needle.len()).any(|w| w == needle) {
            hits.push(file);
        }
    }
    Ok(hits)
}

const STREAM: &str = "CHECK_AT_REST";
const SUBJECT: &str = "check.at-rest";

async fn store(port: u16, marker: &str) -> anyhow::Result<()> {
    let js = async_nats::jetstream::new(async_nats::connect(format!("127.0.0.1:{port}")).await?);
    js.create_stream(async_nats::jetstream::stream::Config {
        name: STREAM.into(),
        subjects: vec![SUBJECT.into()],
        ..Default::default()
    })
    .await
    .map_err(|e| anyhow!("create a stream: {e}"))?;
    js.publish(SUBJECT, marker.to_string().into())
        .await?
        .await
        .map_err(|e| anyhow!("store a message: {e}"))?;
    Ok(())
}

async fn read_back(port: u16) -> anyhow::Result<String> {
    let js = async_nats::jetstream::new(async_nats::connect(format!("127.0.0.1:{port}")).await?);
    let stream = js
        .get_stream(STREAM)
        .await
        .map_err(|e| anyhow!("open the stream: {e}"))?;
    let msg = stream
        .get_raw_message(1)
        .await
        .map_err(|e| anyhow!("read the message: {e}"))?;
    Ok(String::from_utf8_lossy(&msg.payload).into_owned())
}

/// Runs `conf` (deploy/nats/single-node.conf) for real: see the module doc.
pub(super) fn check_encrypted_store(
    root: &Path,
    nats_server: &Path,
    conf: &Path,
    scratch: &Path,
) -> anyhow::Result<()> {
    let name = super::files::rel(root, conf);
    let text = super::files::read(root, conf)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let marker = format!("carewire-check-deploy-phi-{nanos:x}");
    let key = format!("check-deploy-key-{nanos:x}-0123456789abcdef0123456789abcdef");
    let dir = scratch.join("at-rest");

    // The control: without the encryption lines the message is on disk as written.
    let plain_store = dir.join("plain");
    let port = carewire::run::nats_server::free_port()?;
    let plain_conf = dir.join("plain.conf");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(&plain_conf, runnable(&text, port, &plain_store, false))?;
    let server = Server::start(nats_server, &plain_conf, port, None)?;
    runtime.block_on(store(server.port, &marker))?;
    server.stop()?;
    ensure!(
        !found_on_disk(&plain_store, marker.as_bytes())?.is_empty(),
        "{name} without encryption: the stored message is not found in the store's files, \
         so this check cannot tell encrypted from plain"
    );

    // Encrypted: stored, read back, not on disk, read back after a restart.
    let store_dir = dir.join("encrypted");
    let port = carewire::run::nats_server::free_port()?;
    let enc_conf = dir.join("encrypted.conf");
    std::fs::write(&enc_conf, runnable(&text, port, &store_dir, true))?;
    let server = Server::start(nats_server, &enc_conf, port, Some(&key))
        .with_context(|| format!("{name} with {KEY_VAR} set"))?;
    runtime.block_on(store(server.port, &marker))?;
    ensure!(
        runtime.block_on(read_back(server.port))? == marker,
        "{name}: the message read back is not the one stored"
    );
    server.stop()?;
    let hits = found_on_disk(&store_dir, marker.as_bytes())?;
    ensure!(
        hits.is_empty(),
        "{name}: the stored message is readable on disk in {hits:?}: JetStream does not encrypt"
    );
    let server = Server::start(nats_server, &enc_conf, port, Some(&key))?;
    let again = runtime.block_on(read_back(server.port))?;
    ensure!(
        again == marker,
        "{name}: after a restart with the key the message reads {again:?}"
    );
    server.stop()?;

    // Another key opens nothing.
    let other = format!("{key}-not-the-same");
    if let Ok(server) = Server::start(nats_server, &enc_conf, port, Some(&other)) {
        let read = runtime.block_on(read_back(server.port));
        ensure!(
            read.as_deref().ok() != Some(marker.as_str()),
            "{name}: the message was read with another key"
        );
        server.stop()?;
    }
    println!(
        "  rest  {name}: stored and read back with {KEY_VAR}, not on disk in the clear \
         (it is without the cipher), read after a restart, unreadable with another key"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unencrypted_jetstream_block_is_refused() {
        let plain = "listen: 127.0.0.1:4222\njetstream {\n  store_dir: /x\n}\n";
        let err = check_rules("a.conf", plain).unwrap_err().to_string();
        assert!(err.contains("cipher: aes"), "{err}");
        let literal = "jetstream {\n  cipher: aes\n  key: \"s3cret\"\n}\n";
        let err = check_rules("a.conf", literal).unwrap_err().to_string();
        assert!(err.contains("written in the file"), "{err}");
        let good = "listen: 127.0.0.1:4222\njetstream {\n  cipher: aes\n  key: $JS_KEY\n  store_dir: /x\n}\n";
        check_rules("a.conf", good).unwrap();
    }

    #[test]
    fn open_listeners_need_tls_and_users() {
        let open = "listen: 0.0.0.0:4222\n";
        let err = check_rules("a.conf", open).unwrap_err().to_string();
        assert!(err.contains("listen on 127.0.0.1"), "{err}");
        let default = "server_name: x\n";
        assert!(check_rules("a.conf", default).is_err());
        // An included fragment (no server settings) is not a listener.
        check_rules("accounts.conf", "accounts {\n  A {}\n}\n").unwrap();
        let monitoring = "listen: 127.0.0.1:4222\nhttp: 0.0.0.0:8222\n";
        let err = check_rules("a.conf", monitoring).unwrap_err().to_string();
        assert!(err.contains("monitoring"), "{err}");
        let tls = "listen: 0.0.0.0:4222\nhttp: 127.0.0.1:8222\ntls {\n  verify: true\n}\ninclude ./accounts.conf\n";
        check_rules("a.conf", tls).unwrap();
        // A cluster block's listen is not the client port.
        let cluster = "listen: 127.0.0.1:4222\ncluster {\n  listen: 0.0.0.0:6222\n}\n";
        check_rules("a.conf", cluster).unwrap();
    }
}
