//! Builds the plugin components for wasm32-wasip2 and collects them in
//! `build/plugins/<name>.wasm`, where the example config, the demo and the
//! tests find them. Paths are remapped so the digests do not depend on where
//! the repository or the cargo home lives.
//!
//! The Python and JavaScript example plugins ([`POLYGLOT`]) are built too,
//! with the toolchains `cargo xtask setup` installs into `.tools/`. Their
//! builds are not reproducible (each run gives another digest), so one is
//! redone only when its inputs change: the source, the WIT, the toolchain.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cargo, run_checked};

/// (package, file name in build/plugins): the four clinical plugins, the
/// example plugin for integrators, and a test fixture.
pub const PLUGINS: [(&str, &str); 6] = [
    ("consent", "consent"),
    ("phi-redact", "phi-redact"),
    ("recipient-verify", "recipient-verify"),
    ("urgency-triage", "urgency-triage"),
    ("category-policy", "category-policy"),
    ("misbehave", "misbehave"),
];

/// A plugin written in another language than Rust.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    /// componentize-py: `<dir>/app.py`, a module defining `Filter`.
    Python,
    /// componentize-js: `<dir>/plugin.js`, an ES module exporting `filter`.
    Js,
}

/// (language, source directory, file name in build/plugins): the example
/// plugins in Python and JavaScript (docs/plugins-languages.md).
pub const POLYGLOT: [(Lang, &str, &str); 2] = [
    (Lang::Python, "examples/python-plugin", "sms-policy"),
    (Lang::Js, "examples/js-plugin", "language-policy"),
];

impl Lang {
    fn source(self) -> &'static str {
        match self {
            Lang::Python => "app.py",
            Lang::Js => "plugin.js",
        }
    }

    /// What names the toolchain in the inputs' stamp.
    fn toolchain(self, root: &Path) -> anyhow::Result<Vec<u8>> {
        Ok(match self {
            Lang::Python => crate::setup::COMPONENTIZE_PY.as_bytes().to_vec(),
            Lang::Js => std::fs::read(
                root.join(crate::setup::COMPONENTIZE_JS_LOCK)
                    .join("package-lock.json"),
            )?,
        })
    }

    /// The one command that builds `dir`'s plugin into `out`.
    fn command(self, root: &Path, dir: &Path, out: &Path) -> Command {
        let wit = root.join("wit");
        match self {
            Lang::Python => {
                let mut cmd = Command::new("python3");
                cmd.args([
                    "-c",
                    "import sys; from componentize_py import script; \
                     sys.argv[0] = 'componentize-py'; sys.exit(script())",
                    "-d",
                ])
                .arg(&wit)
                .args(["-w", "plugin", "componentize", "-p", ".", "app", "-o"])
                .arg(out)
                .env("PYTHONPATH", root.join(crate::setup::COMPONENTIZE_PY_DIR))
                .env("PYTHONDONTWRITEBYTECODE", "1");
                cmd.current_dir(dir);
                cmd
            }
            Lang::Js => {
                let mut cmd = Command::new("node");
                cmd.arg(
                    root.join(crate::setup::COMPONENTIZE_JS_DIR)
                        .join("node_modules/@bytecodealliance/componentize-js/src/cli.js"),
                )
                .arg("plugin.js")
                .arg("--wit")
                .arg(&wit)
                .args([
                    "--world-name",
                    "plugin",
                    "--disable",
                    "http",
                    "fetch-event",
                    "-o",
                ])
                .arg(out);
                cmd.current_dir(dir);
                cmd
            }
        }
    }
}

/// Builds the [`POLYGLOT`] plugins into `out` (both at once), each only when
/// its inputs changed since the file there was built; their digests.
fn build_polyglot(root: &Path, out: &Path) -> anyhow::Result<Vec<(&'static str, String)>> {
    let mut running = Vec::new();
    for (lang, dir, name) in POLYGLOT {
        let dir = root.join(dir);
        let mut inputs = lang.toolchain(root)?;
        inputs.extend(std::fs::read(root.join("wit/plugin.wit"))?);
        inputs.extend(
            std::fs::read(dir.join(lang.source()))
                .with_context(|| format!("missing {}", dir.join(lang.source()).display()))?,
        );
        let stamp = carewire::chain::sha256_hex(&inputs);
        let target = out.join(format!("{name}.wasm"));
        let stamp_file = out.join(format!(".{name}.inputs"));
        if target.is_file() && std::fs::read_to_string(&stamp_file).ok().as_deref() == Some(&stamp)
        {
            eprintln!("plugins: {name} is up to date with its sources");
            continue;
        }
        let partial = out.join(format!(".{name}.wasm.partial"));
        eprintln!("plugins: building {name} ({lang:?}) from {}", dir.display());
        let mut cmd = lang.command(root, &dir, &partial);
        let shown = format!("{cmd:?}");
        let child = cmd
            .spawn()
            .with_context(|| format!("cannot run {shown}: run `cargo xtask setup`"))?;
        running.push((child, shown, partial, target, stamp_file, stamp));
    }
    for (mut child, shown, partial, target, stamp_file, stamp) in running {
        let status = child.wait()?;
        if !status.success() {
            bail!("{shown} failed ({status})");
        }
        std::fs::rename(&partial, &target)?;
        std::fs::write(&stamp_file, stamp)?;
    }
    POLYGLOT
        .iter()
        .map(|(_, _, name)| {
            let bytes = std::fs::read(out.join(format!("{name}.wasm")))?;
            Ok((*name, carewire::chain::sha256_hex(&bytes)))
        })
        .collect()
}

/// What to do when the pins in examples/carewire.toml differ from the build.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pins {
    /// Fail: the example config must run exactly these files.
    Require,
    /// Say so and go on (the tests pin what they load themselves).
    Warn,
    /// Rewrite the pins.
    Update,
}

pub fn build(root: &Path, pins: Pins) -> anyhow::Result<()> {
    let target_dir = crate::target_dir(root);
    let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| {
        std::env::var("HOME")
            .map(|h| format!("{h}/.cargo"))
            .unwrap_or_default()
    });
    let rustflags = format!(
        "--remap-path-prefix={}=/carewire --remap-path-prefix={cargo_home}=/cargo",
        root.display()
    );

    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--quiet",
        "--profile",
        "plugin",
        "--target",
        "wasm32-wasip2",
    ])
    .env("CARGO_TARGET_WASM32_WASIP2_RUSTFLAGS", rustflags);
    for (package, _) in PLUGINS {
        cmd.args(["-p", package]);
    }
    eprintln!(
        "plugins: building {} components for wasm32-wasip2",
        PLUGINS.len()
    );
    run_checked(&mut cmd)?;

    let out = root.join("build/plugins");
    std::fs::create_dir_all(&out)?;
    let mut sums = String::new();
    let mut digests = Vec::new();
    for (package, name) in PLUGINS {
        let built = target_dir
            .join("wasm32-wasip2/plugin")
            .join(format!("{}.wasm", package.replace('-', "_")));
        let bytes = std::fs::read(&built)
            .with_context(|| format!("missing build output {}", built.display()))?;
        let digest = carewire::chain::sha256_hex(&bytes);
        std::fs::write(out.join(format!("{name}.wasm")), &bytes)?;
        sums.push_str(&format!("{digest}  {name}.wasm\n"));
        digests.push((name, digest));
    }
    for (name, digest) in build_polyglot(root, &out)? {
        sums.push_str(&format!("{digest}  {name}.wasm\n"));
    }
    std::fs::write(out.join("SHA256SUMS"), &sums)?;
    eprint!("{sums}");
    for config in pinned_configs(root)? {
        check_pins(&config, &digests, pins)?;
    }
    Ok(())
}

/// The example and deployment configs whose pins follow the plugins built from this tree.
fn pinned_configs(root: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let mut configs = vec![
        root.join("examples/carewire.toml"),
        root.join("deploy/k8s/configmap.yaml"),
    ];
    let mut eval: Vec<_> = std::fs::read_dir(root.join("examples/eval"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    eval.sort();
    configs.extend(eval);
    Ok(configs)
}

/// Compares the `sha256` pins of a config with the built files; with `pin`,
/// rewrites stale pins in place.
fn check_pins(config: &Path, digests: &[(&str, String)], pins: Pins) -> anyhow::Result<()> {
    let pin = pins == Pins::Update;
    let text = std::fs::read_to_string(config)
        .with_context(|| format!("cannot read {}", config.display()))?;
    let mut out = String::with_capacity(text.len());
    let mut current: Option<&str> = None;
    let mut stale = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(path) = trimmed.strip_prefix("path = ") {
            current = digests
                .iter()
                .find(|(name, _)| path.trim_matches('"').ends_with(&format!("/{name}.wasm")))
                .map(|(name, _)| *name);
        }
        if let (Some(name), Some(pinned)) = (current, trimmed.strip_prefix("sha256 = ")) {
            let fresh = &digests
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, d)| d.clone())
                .unwrap_or_default();
            if pinned.trim_matches('"') != fresh {
                stale.push(name);
                if pin {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    out.push_str(&format!("{indent}sha256 = \"{fresh}\"\n"));
                    continue;
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    let message = format!(
        "{} pins another build of {} than the one just built; review the change, then run \
         `cargo xtask plugins --pin` to pin the new build",
        config.display(),
        stale.join(", ")
    );
    match (stale.is_empty(), pins) {
        (true, _) => Ok(()),
        (false, Pins::Warn) => {
            eprintln!("plugins: warning: {message}");
            Ok(())
        }
        (false, Pins::Update) => {
            std::fs::write(config, out)?;
            eprintln!(
                "plugins: re-pinned {} in {}",
                stale.join(", "),
                config.display()
            );
            Ok(())
        }
        (false, Pins::Require) => bail!("{message}"),
    }
}
