//! The `carewire` process: started, watched, stopped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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

    /// Starts `carewire <args>` (a command other than `run`, such as
    /// `shadow`), stderr into `<log_dir>/<log_name>`.
    pub fn start_command(args: &[&str], log_dir: &Path, log_name: &str) -> Self {
        let mut cmd = Command::new(carewire_bin());
        cmd.args(args);
        Self::spawn_command(cmd, log_dir, log_name, &[])
    }

    fn spawn(
        mut cmd: Command,
        config: &Path,
        log_dir: &Path,
        log_name: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        cmd.arg("run").arg("--config").arg(config);
        Self::spawn_command(cmd, log_dir, log_name, envs)
    }

    fn spawn_command(
        mut cmd: Command,
        log_dir: &Path,
        log_name: &str,
        envs: &[(&str, &str)],
    ) -> Self {
        let stderr_path = log_dir.join(log_name);
        let stderr = std::fs::File::create(&stderr_path).expect("create stderr log");
        cmd.env("NO_COLOR", "1")
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

/// `carewire plugin test` of `spec`'s built component on `cases`, with its
/// config, time budget, memory cap and KV grants: whether it passed, and
/// its table with whatever it wrote to stderr.
pub fn plugin_test_cmd(spec: &super::PluginSpec, cases: &Path, now: &str) -> (bool, String) {
    let wasm = super::plugin(&spec.file);
    let config = spec.config.to_string();
    let (timeout, memory) = (spec.timeout_ms.to_string(), spec.memory_mib.to_string());
    let mut args = vec![
        "plugin",
        "test",
        wasm.to_str().expect("utf-8 path"),
        "--cases",
        cases.to_str().expect("utf-8 path"),
        "--config",
        &config,
        "--timeout-ms",
        &timeout,
        "--memory-mib",
        &memory,
        "--now",
        now,
    ];
    for bucket in &spec.kv_buckets {
        args.extend(["--kv-bucket", bucket]);
    }
    let (status, stdout, stderr) = carewire_cmd(&args);
    (status.success(), format!("{stdout}{stderr}"))
}
