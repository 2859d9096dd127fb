//! `carewire plugin new`: from an empty directory, a plugin project that
//! builds with its one command, passes `carewire plugin test` on its own
//! case file, and loads in `carewire replay` pinned to its digest.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::*;

/// Where the generated projects build: beside the workspace's own target
/// directory, so that a second run reuses the first one's dependencies.
fn build_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
        .join("plugin-new")
}

#[test]
fn a_new_rust_plugin_builds_tests_and_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("demo");
    let (status, stdout, stderr) = carewire_cmd(&[
        "plugin",
        "new",
        "demo",
        "--lang",
        "rust",
        "--dir",
        project.to_str().expect("utf-8"),
    ]);
    assert!(status.success(), "plugin new failed:\n{stdout}{stderr}");
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "wit/plugin.wit",
        "cases.jsonl",
        "README.md",
    ] {
        assert!(project.join(file).is_file(), "{file} missing:\n{stdout}");
    }
    // The README's one build command.
    let build = Command::new(env!("CARGO"))
        .args(["build", "--release"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", build_dir())
        .output()
        .expect("run cargo");
    assert!(
        build.status.success(),
        "the new project does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let wasm = build_dir().join("wasm32-wasip2/release/demo.wasm");
    assert!(wasm.is_file(), "{} missing", wasm.display());

    let (status, table, stderr) = carewire_cmd(&[
        "plugin",
        "test",
        wasm.to_str().expect("utf-8"),
        "--cases",
        project.join("cases.jsonl").to_str().expect("utf-8"),
    ]);
    assert!(status.success(), "plugin test failed:\n{table}{stderr}");
    assert!(table.contains("2 cases: 2 passed, 0 failed"), "{table}");
    let digest = carewire::chain::sha256_hex(&std::fs::read(&wasm).expect("read the plugin"));
    assert!(table.contains(&format!("sha256  {digest}")), "{table}");

    // Pinned in a config, it loads and routes in replay.
    let config = dir.path().join("carewire.toml");
    std::fs::write(
        &config,
        format!(
            "[plugin_host]\ncache_dir = {cache:?}\n\n[[plugins]]\nname = \"demo\"\npath = {path:?}\nsha256 = \"{digest}\"\n",
            cache = dir.path().join("cache").display().to_string(),
            path = wasm.display().to_string(),
        ),
    )
    .expect("write config");
    let input = dir.path().join("input.jsonl");
    let cases = std::fs::read_to_string(project.join("cases.jsonl")).expect("cases");
    let envelopes: Vec<String> = cases
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("case")["envelope"].to_string()
        })
        .collect();
    std::fs::write(&input, envelopes.join("\n")).expect("write input");
    let (status, stdout, stderr) = carewire_cmd(&[
        "replay",
        "--config",
        config.to_str().expect("utf-8"),
        "--input",
        input.to_str().expect("utf-8"),
    ]);
    assert!(status.success(), "replay failed:\n{stderr}");
    let outcomes: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("line")["outcome"].to_string())
        .collect();
    assert_eq!(outcomes, ["\"sms\"", "\"portal\""], "{stdout}");
}
