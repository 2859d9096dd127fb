//! A real nats-server per test, on a free port, with JetStream and a
//! temporary store.

use std::time::Duration;

use async_nats::jetstream;
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
