//! `carewire plugin new`: from an empty directory, a plugin project in
//! Rust, Python or JavaScript that builds with its one command, passes
//! `carewire plugin test` on its own case file, and loads in `carewire
//! replay` pinned to its digest. The Python and JavaScript builds use the
//! toolchains `cargo xtask setup` installs into `.tools/`.

mod support;

use std::path::{Path, PathBuf};
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

/// Writes a `lang` project named `demo` into `dir/demo`.
fn new_project(dir: &Path, lang: &str) -> PathBuf {
    let project = dir.join("demo");
    let (status, stdout, stderr) = carewire_cmd(&[
        "plugin",
        "new",
        "demo",
        "--lang",
        lang,
        "--dir",
        project.to_str().expect("utf-8"),
    ]);
    assert!(status.success(), "plugin new failed:\n{stdout}{stderr}");
    for file in ["wit/plugin.wit", "cases.jsonl", "README.md"] {
        assert!(project.join(file).is_file(), "{file} missing:\n{stdout}");
    }
    project
}

/// Runs a project's one build command; fails with its output.
fn build(project: &Path, mut command: Command) {
    let out = command
        .current_dir(project)
        .output()
        .expect("run the build command");
    assert!(
        out.status.success(),
        "the new project does not build:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A toolchain `cargo xtask setup` installs.
fn tool(path: &str) -> PathBuf {
    let dir = repo_root().join(path);
    assert!(
        dir.is_dir(),
        "{} is missing: run `cargo xtask setup` (it installs the Python and JavaScript toolchains)",
        dir.display()
    );
    dir
}

#[test]
fn a_new_rust_plugin_builds_tests_and_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = new_project(dir.path(), "rust");
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args(["build", "--release"])
        .env("CARGO_TARGET_DIR", build_dir());
    build(&project, cargo);
    let wasm = build_dir().join("wasm32-wasip2/release/demo.wasm");
    tests_and_loads(dir.path(), &project, &wasm);
}

#[test]
fn a_new_python_plugin_builds_tests_and_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = new_project(dir.path(), "python");
    let mut sh = Command::new("sh");
    sh.arg("build.sh")
        .env("COMPONENTIZE_PY_PATH", tool(".tools/componentize-py"));
    build(&project, sh);
    tests_and_loads(dir.path(), &project, &project.join("demo.wasm"));
}

#[test]
fn a_new_js_plugin_builds_tests_and_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = new_project(dir.path(), "js");
    let mut sh = Command::new("sh");
    sh.arg("build.sh")
        .env("COMPONENTIZE_JS_DIR", tool(".tools/componentize-js"));
    build(&project, sh);
    tests_and_loads(dir.path(), &project, &project.join("demo.wasm"));
}

/// `plugin test` passes the project's cases, and a config pinning the
/// component routes them in `replay`.
fn tests_and_loads(dir: &Path, project: &Path, wasm: &Path) {
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
    let digest = carewire::chain::sha256_hex(&std::fs::read(wasm).expect("read the plugin"));
    assert!(table.contains(&format!("sha256  {digest}")), "{table}");

    // Pinned in a config, it loads and routes in replay (the compile cache
    // `plugin test` just filled: a Python or JavaScript component takes
    // tens of seconds to compile).
    let config = dir.join("carewire.toml");
    std::fs::write(
        &config,
        format!(
            "[plugin_host]\ncache_dir = {cache:?}\n\n[[plugins]]\nname = \"demo\"\npath = {path:?}\nsha256 = \"{digest}\"\n",
            cache = std::env::temp_dir()
                .join("carewire-compile-cache")
                .display()
                .to_string(),
            path = wasm.display().to_string(),
        ),
    )
    .expect("write config");
    let input = dir.join("input.jsonl");
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
