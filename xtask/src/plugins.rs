//! Builds the plugin components for wasm32-wasip2 and collects them in
//! `build/plugins/<name>.wasm`, where the example config, the demo and the
//! tests find them. Paths are remapped so the digests do not depend on where
//! the repository or the cargo home lives.

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
