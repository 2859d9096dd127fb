//! The Python and JavaScript example plugins (examples/python-plugin,
//! examples/js-plugin), built from source by `cargo xtask plugins` with
//! componentize-py and componentize-js into build/plugins/sms-policy.wasm
//! and build/plugins/language-policy.wasm, run through the real
//! `carewire replay`:
//!
//! - each alone on its own case file (`examples/<dir>/tests/cases.jsonl`)
//!   through `carewire plugin test`, with its example config
//!   (`examples/<dir>/config.json`) and the host's default `timeout_ms` and
//!   `memory_mib`, so that a component the defaults cannot start fails here;
//! - both after the four clinical plugins of examples/carewire.toml, on
//!   tests/fixtures/polyglot_chain.jsonl through `carewire replay`, checked
//!   by the same case checks as `plugin test` (carewire's own
//!   `run::plugin_test::cases`);
//! - a config each refuses, to show that an `init` error raised in Python or
//!   thrown in JavaScript stops carewire with the plugin's own words.
//!
//! The components compile once per test target (a cache in
//! CARGO_TARGET_TMPDIR shared by these tests): a Python component takes tens
//! of seconds to compile, a JavaScript one about as long.

mod support;

use std::path::PathBuf;

use carewire::run::plugin_test::cases;
use serde_json::Value;
use support::*;

const NOW: &str = "2026-11-27T12:00:00Z";
/// The host's defaults for a `[[plugins]]` entry (core/src/config).
const DEFAULT_TIMEOUT_MS: u64 = 100;
const DEFAULT_MEMORY_MIB: usize = 64;

/// The example's config table, from `examples/<dir>/config.json`.
fn example_config(dir: &str) -> Value {
    let path = repo_root().join("examples").join(dir).join("config.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is missing: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Python example with its example config and the host's defaults.
fn sms_policy() -> PluginSpec {
    let mut spec =
        PluginSpec::new("sms-policy", "sms-policy").config(example_config("python-plugin"));
    spec.timeout_ms = DEFAULT_TIMEOUT_MS;
    spec.memory_mib = DEFAULT_MEMORY_MIB;
    spec
}

/// The JavaScript example with its example config and the host's defaults.
fn language_policy() -> PluginSpec {
    let mut spec =
        PluginSpec::new("language-policy", "language-policy").config(example_config("js-plugin"));
    spec.timeout_ms = DEFAULT_TIMEOUT_MS;
    spec.memory_mib = DEFAULT_MEMORY_MIB;
    spec
}

/// A test config for `plugins`, its compile cache shared by this target's tests.
fn write_config(dir: &std::path::Path, plugins: Vec<PluginSpec>) -> PathBuf {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("polyglot-compile-cache");
    let mut spec = ConfigSpec::new(None, plugins);
    spec.extra_toml = format!(
        "[plugin_host]\ncache_dir = {}\n",
        toml_str(&cache.to_string_lossy())
    );
    spec.write(dir)
}

/// Runs the cases of `rel` (relative to the repository) through `carewire
/// replay` with `plugins`, and fails listing every case that does not hold.
fn run_cases(rel: &str, plugins: Vec<PluginSpec>) {
    let names: Vec<String> = plugins.iter().map(|p| p.name.clone()).collect();
    let text = std::fs::read_to_string(repo_root().join(rel))
        .unwrap_or_else(|e| panic!("{rel} is missing: {e}"));
    let (cases, problems) = cases::parse(rel, &text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        cases.len() >= 5,
        "{rel} holds {} cases: too few to show anything",
        cases.len()
    );
    let (kv, problems) = cases::kv_records(&cases, "default", NUMBERS_BUCKET);
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let dir = tempfile::tempdir().expect("tempdir");
    let config = write_config(dir.path(), plugins);
    let kv_path = dir.path().join("kv.json");
    std::fs::write(&kv_path, serde_json::to_vec(&kv).expect("kv")).expect("write kv");
    let input_path = dir.path().join("input.jsonl");
    let input: String = cases
        .iter()
        .map(|n| format!("{}\n", n.case.input_line()))
        .collect();
    std::fs::write(&input_path, input).expect("write input");

    let (status, stdout, stderr) = carewire_cmd(&[
        "replay",
        "--config",
        config.to_str().expect("utf-8 path"),
        "--kv",
        kv_path.to_str().expect("utf-8 path"),
        "--input",
        input_path.to_str().expect("utf-8 path"),
        "--now",
        NOW,
    ]);
    assert!(
        status.success(),
        "carewire replay of {rel} failed ({status}):\n{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), cases.len(), "{rel}: one output line per case");

    let mut failures = Vec::new();
    for (n, out) in cases.iter().zip(&lines) {
        let out: Value = serde_json::from_str(out).expect("replay writes JSON lines");
        let mut problems = cases::check(&n.case, &out);
        // Every plugin of the chain ran (none was skipped by a halt).
        for name in &names {
            if out["plugins"][name].is_null() {
                problems.push(format!("plugin {name} did not run"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "case {:?} ({rel}:{}):\n    - {}\n    output: {}",
                n.case.name,
                n.line,
                problems.join("\n    - "),
                cases::summary(&out)
            ));
        }
    }
    eprintln!("{rel}: {} cases, {} failures", cases.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `carewire plugin test` on an example alone, with its example config and
/// the host's default time budget and memory cap.
fn plugin_test(dir: &str, spec: PluginSpec) {
    let cases = repo_root()
        .join("examples")
        .join(dir)
        .join("tests/cases.jsonl");
    let (passed, table) = plugin_test_cmd(&spec, &cases, NOW);
    eprintln!("{table}");
    assert!(passed, "plugin test of {} failed:\n{table}", spec.file);
    let count = std::fs::read_to_string(&cases)
        .expect("cases")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(count >= 5, "{dir}: too few cases to show anything");
    assert!(
        table.contains(&format!("{count} cases: {count} passed, 0 failed\n")),
        "{table}"
    );
}

#[test]
fn python_example_cases() {
    plugin_test("python-plugin", sms_policy());
}

#[test]
fn js_example_cases() {
    plugin_test("js-plugin", language_policy());
}

/// Both after the example config's four plugins, with their settings and
/// configs from examples/carewire.toml (the test-sized time budget).
#[test]
fn both_in_the_example_chain() {
    let mut chain = example_plugins();
    assert_eq!(
        chain.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        [
            "urgency-triage",
            "recipient-verify",
            "phi-redact",
            "consent"
        ],
        "examples/carewire.toml's chain changed: review this test's cases"
    );
    chain.push(PluginSpec::new("sms-policy", "sms-policy").config(example_config("python-plugin")));
    chain.push(
        PluginSpec::new("language-policy", "language-policy").config(example_config("js-plugin")),
    );
    run_cases("tests/fixtures/polyglot_chain.jsonl", chain);
}

/// `init` errors: raised as `Err` in Python, thrown in JavaScript, each
/// refuses to start carewire with the plugin's message and no config value.
#[test]
fn configs_the_examples_refuse() {
    for (spec, config, words) in [
        (
            sms_policy(),
            serde_json::json!({"care_programs": {"diabetes-education": "Diabetes Care"}}),
            "a care program must be a code",
        ),
        (
            language_policy(),
            serde_json::json!({"tenants": {"acme": {"sms_langs": ["en"]}}}),
            "unknown tenant key sms_langs",
        ),
    ] {
        let name = spec.name.clone();
        let dir = tempfile::tempdir().expect("tempdir");
        let config_path = write_config(dir.path(), vec![spec.config(config)]);
        let input = dir.path().join("input.jsonl");
        std::fs::write(&input, "").expect("write input");
        let (status, _, stderr) = carewire_cmd(&[
            "replay",
            "--config",
            config_path.to_str().expect("utf-8 path"),
            "--input",
            input.to_str().expect("utf-8 path"),
        ]);
        assert!(!status.success(), "{name} accepted a config it must refuse");
        assert!(
            stderr.contains(words),
            "{name}'s refusal should say {words:?}:\n{stderr}"
        );
        assert!(
            !stderr.contains("Diabetes Care"),
            "{name}'s refusal repeats the config value"
        );
    }
}
