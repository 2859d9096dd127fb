//! The Python and JavaScript example plugins (examples/python-plugin,
//! examples/js-plugin), built from source by `cargo xtask plugins` with
//! componentize-py and componentize-js into build/plugins/sms-policy.wasm
//! and build/plugins/language-policy.wasm, run through the real
//! `carewire replay`:
//!
//! - each alone on its own case file (`examples/<dir>/tests/cases.jsonl`, the
//!   format of tests/plugin_cases.rs), with its example config
//!   (`examples/<dir>/config.json`) and the host's default `timeout_ms` and
//!   `memory_mib`, so that a component the defaults cannot start fails here;
//! - both after the four clinical plugins of examples/carewire.toml, on
//!   tests/fixtures/polyglot_chain.jsonl;
//! - a config each refuses, to show that an `init` error raised in Python or
//!   thrown in JavaScript stops carewire with the plugin's own words.
//!
//! The components compile once per test target (a cache in
//! CARGO_TARGET_TMPDIR shared by these tests): a Python component takes tens
//! of seconds to compile, a JavaScript one about as long.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;
use support::*;

const NOW: &str = "2026-11-27T12:00:00Z";
/// The host's defaults for a `[[plugins]]` entry (core/src/config).
const DEFAULT_TIMEOUT_MS: u64 = 100;
const DEFAULT_MEMORY_MIB: usize = 64;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    envelope: Value,
    #[serde(default)]
    kv: BTreeMap<String, BTreeMap<String, Value>>,
    expect: Expect,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: String,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    sms_includes: Vec<String>,
    #[serde(default)]
    sms_excludes: Vec<String>,
}

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
    let cases: Vec<(usize, Case)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let case = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{rel}:{}: not a valid case: {e}", i + 1));
            (i + 1, case)
        })
        .collect();
    assert!(
        cases.len() >= 5,
        "{rel} holds {} cases: too few to show anything",
        cases.len()
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let config = write_config(dir.path(), plugins);
    let kv_path = dir.path().join("kv.json");
    std::fs::write(&kv_path, serde_json::to_vec(&merge_kv(&cases)).expect("kv")).expect("write kv");
    let input_path = dir.path().join("input.jsonl");
    let input: String = cases
        .iter()
        .map(|(_, c)| format!("{}\n", c.envelope))
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
    for ((line, case), out) in cases.iter().zip(&lines) {
        let out: Value = serde_json::from_str(out).expect("replay writes JSON lines");
        let problems = check(case, &out, &names);
        if !problems.is_empty() {
            failures.push(format!(
                "case {:?} ({rel}:{line}):\n    - {}\n    output: {}",
                case.name,
                problems.join("\n    - "),
                serde_json::json!({"outcome": out["outcome"], "reasons": out["reasons"],
                    "labels": out["labels"], "plugins": out["plugins"], "error": out["error"]})
            ));
        }
    }
    eprintln!("{rel}: {} cases, {} failures", cases.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// All cases' KV records, stored as carewire reads them: within the
/// message's tenant, except the SMS numbers bucket (keyed by number).
fn merge_kv(cases: &[(usize, Case)]) -> Value {
    let mut out: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for (_, case) in cases {
        let tenant = case.envelope["tenant"].as_str().unwrap_or("default");
        for (bucket, records) in &case.kv {
            for (key, record) in records {
                let stored = if bucket == NUMBERS_BUCKET {
                    key.clone()
                } else {
                    format!("{tenant}.{key}")
                };
                let previous = out
                    .entry(bucket.clone())
                    .or_default()
                    .insert(stored, record.clone());
                assert!(
                    previous.is_none_or(|p| p == *record),
                    "case {:?}: another case stores another {bucket}/{key}",
                    case.name
                );
            }
        }
    }
    serde_json::to_value(out).expect("kv as JSON")
}

/// Everything wrong with one output line, for its case.
fn check(case: &Case, out: &Value, plugins: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let expect = &case.expect;
    if out["id"] != case.envelope["id"] {
        problems.push(format!("the line is for id {}", out["id"]));
    }
    if out["outcome"] != expect.outcome.as_str() {
        problems.push(format!(
            "expected outcome {}, got {}",
            expect.outcome, out["outcome"]
        ));
    }
    let reasons: Vec<&str> = out["reasons"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for reason in &expect.reasons {
        if !reasons.contains(&reason.as_str()) {
            problems.push(format!("expected reason {reason:?}, got {reasons:?}"));
        }
    }
    for (key, want) in &expect.labels {
        if out["labels"][key] != want.as_str() {
            problems.push(format!(
                "expected label {key}={want}, got {}",
                out["labels"][key]
            ));
        }
    }
    let sms = out["bodies"]["sms"].as_str().unwrap_or_default();
    for needle in &expect.sms_includes {
        if !sms.contains(needle.as_str()) {
            problems.push(format!("expected the SMS body to include {needle:?}"));
        }
    }
    for needle in &expect.sms_excludes {
        if sms.to_lowercase().contains(&needle.to_lowercase()) {
            problems.push(format!("expected the SMS body not to include {needle:?}"));
        }
    }
    // The contract, whatever the case expects: every plugin ran and none
    // failed, codes only, the portal and escalation bodies untouched.
    for name in plugins {
        match out["plugins"][name].as_str() {
            Some(v) if !v.starts_with("failed") => {}
            other => problems.push(format!("plugin {name}: {other:?}")),
        }
    }
    let labels = out["labels"].as_object().into_iter().flatten();
    for code in reasons
        .iter()
        .copied()
        .chain(labels.flat_map(|(k, v)| [k.as_str(), v.as_str().unwrap_or("<not a string>")]))
    {
        if !is_contract_code(code) || code == "invalid_code" {
            problems.push(format!("{code:?} is not a valid code"));
        }
    }
    let body = case.envelope["body"].as_str();
    for channel in ["portal", "escalation"] {
        if out["bodies"][channel].as_str() != body {
            problems.push(format!("the {channel} body was changed"));
        }
    }
    problems
}

#[test]
fn python_example_cases() {
    run_cases(
        "examples/python-plugin/tests/cases.jsonl",
        vec![sms_policy()],
    );
}

#[test]
fn js_example_cases() {
    run_cases(
        "examples/js-plugin/tests/cases.jsonl",
        vec![language_policy()],
    );
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
