//! The clinical plugins' case files, each plugin alone in the chain, through
//! the real `carewire replay`.
//!
//! `plugins/<name>/tests/cases.jsonl` holds one JSON object per line:
//!
//! ```json
//! {"name": "...", "envelope": {...}, "kv": {"<bucket>": {"<key>": <record>}},
//!  "expect": {"outcome": "sms|portal|escalation|undeliverable|invalid",
//!             "reasons": ["<codes that must be present>"],
//!             "labels": {"<key>": "<value that must match>"},
//!             "sms_includes": ["<substrings of bodies.sms>"],
//!             "sms_excludes": ["<substrings not in bodies.sms, any case>"]}}
//! ```
//!
//! Only `outcome` is required in `expect`; `kv` is optional, and a `note`
//! may say why the case exists. An envelope may also be a JSON string: the
//! raw input line (for invalid input). A record that is a JSON string is
//! stored as its text (`carewire replay --kv`), so a malformed record can be
//! written as one.
//!
//! The plugin runs with its `kv_buckets`, `on_failure` and `[plugins.config]`
//! from examples/carewire.toml, the digest computed from the built file,
//! router preference sms then portal. Every case is checked, and every
//! failure is reported with its case name before the test fails. Besides the
//! case's own expectations, every decided line must also keep the contract:
//! codes only in reasons and labels, no plugin failure, the portal and
//! escalation bodies unchanged (no plugin here may rewrite them).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Deserialize;
use serde_json::Value;
use support::*;

const NOW: &str = "2026-11-27T12:00:00Z";
const OUTCOMES: [&str; 5] = ["sms", "portal", "escalation", "undeliverable", "invalid"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    envelope: Value,
    #[serde(default)]
    kv: BTreeMap<String, BTreeMap<String, Value>>,
    expect: Expect,
    /// Free text for the reader: why the case exists.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// What a case's output line must show. Unknown keys are refused, so a
/// misspelt expectation cannot silently check nothing.
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

/// A parsed case and its line number in the file.
struct Numbered {
    line: usize,
    case: Case,
}

fn plugin_cases(plugin: &str) {
    let rel = format!("plugins/{plugin}/tests/cases.jsonl");
    let path = repo_root().join(&rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{rel} is missing ({e}): every clinical plugin needs its case file")
    });

    let mut failures: Vec<String> = Vec::new();
    let cases = parse_cases(&rel, &text, &mut failures);
    assert!(
        !cases.is_empty() || !failures.is_empty(),
        "{rel} holds no cases: every clinical plugin needs at least one"
    );
    let kv = merge_kv(&cases, &mut failures);

    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(None, vec![example_plugin(plugin)]).write(dir.path());
    let kv_path = dir.path().join("kv.json");
    std::fs::write(&kv_path, serde_json::to_vec_pretty(&kv).expect("encode kv")).expect("write kv");
    let input_path = dir.path().join("input.jsonl");
    let mut input = String::new();
    for n in &cases {
        match &n.case.envelope {
            Value::String(raw) => input.push_str(raw),
            other => input.push_str(&other.to_string()),
        }
        input.push('\n');
    }
    std::fs::write(&input_path, &input).expect("write input");

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
        "carewire replay of {rel} failed ({status}):\n{stderr}\n{}",
        failures.join("\n")
    );
    let lines: Vec<&str> = stdout.lines().collect();
    if lines.len() != cases.len() {
        failures.push(format!(
            "carewire replay wrote {} lines for {} cases: output and cases no longer line up",
            lines.len(),
            cases.len()
        ));
    }

    for (n, line) in cases.iter().zip(&lines) {
        let label = format!("case {:?} ({rel}:{})", n.case.name, n.line);
        let out: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{label}: output line is not JSON ({e}): {line}"));
                continue;
            }
        };
        let problems = check(&n.case, &out);
        if !problems.is_empty() {
            let mut msg = format!("{label}:");
            for p in &problems {
                write!(msg, "\n    - {p}").expect("write to string");
            }
            write!(msg, "\n    output: {}", summary(&out)).expect("write to string");
            failures.push(msg);
        }
    }

    eprintln!(
        "{plugin}: {} cases, {} failures",
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {plugin}'s case-file checks failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Parses the case file; a line that is not a valid case is a failure.
fn parse_cases(rel: &str, text: &str, failures: &mut Vec<String>) -> Vec<Numbered> {
    let mut cases: Vec<Numbered> = Vec::new();
    let mut names = BTreeSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let case: Case = match serde_json::from_str(raw) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{rel}:{line}: not a valid case: {e}"));
                continue;
            }
        };
        let mut bad = Vec::new();
        if case.name.trim().is_empty() {
            bad.push("an empty name".to_string());
        } else if !names.insert(case.name.clone()) {
            bad.push(format!("the name {:?} is used twice", case.name));
        }
        if !OUTCOMES.contains(&case.expect.outcome.as_str()) {
            bad.push(format!(
                "expect.outcome {:?} is not one of {OUTCOMES:?}",
                case.expect.outcome
            ));
        }
        match &case.envelope {
            Value::Object(_) => {}
            Value::String(s) if !s.contains(['\n', '\r']) => {}
            other => bad.push(format!(
                "the envelope must be an object or a one-line string, not {other}"
            )),
        }
        if bad.is_empty() {
            cases.push(Numbered { line, case });
        } else {
            failures.push(format!(
                "{rel}:{line} (case {:?}): {}",
                case.name,
                bad.join("; ")
            ));
        }
    }
    cases
}

/// All cases' KV records in one `carewire replay --kv` file. A case names
/// its records by the keys its plugin reads; carewire stores them within the
/// message's tenant (`<tenant>.<key>`; replay's default tenant when the
/// envelope names none), except the SMS numbers bucket, keyed by number. The same bucket and key with two different records
/// is a failure naming both cases.
fn merge_kv(cases: &[Numbered], failures: &mut Vec<String>) -> Value {
    let mut merged: BTreeMap<&str, BTreeMap<String, (&Value, &str)>> = BTreeMap::new();
    for n in cases {
        let tenant = n
            .case
            .envelope
            .get("tenant")
            .and_then(Value::as_str)
            .unwrap_or("default");
        for (bucket, records) in &n.case.kv {
            for (key, record) in records {
                // A number's opt-out is the same in every tenant.
                let stored = if bucket == NUMBERS_BUCKET {
                    key.clone()
                } else {
                    format!("{tenant}.{key}")
                };
                let slot = merged.entry(bucket).or_default();
                match slot.get(&stored) {
                    Some((existing, owner)) if *existing != record => failures.push(format!(
                        "KV conflict on {bucket}/{key} of tenant {tenant}: case {owner:?} \
                         stores {existing} but case {:?} stores {record}",
                        n.case.name
                    )),
                    Some(_) => {}
                    None => {
                        slot.insert(stored, (record, &n.case.name));
                    }
                }
            }
        }
    }
    let mut out = serde_json::Map::new();
    for (bucket, records) in merged {
        let records: serde_json::Map<String, Value> = records
            .into_iter()
            .map(|(k, (v, _))| (k, v.clone()))
            .collect();
        out.insert(bucket.to_string(), Value::Object(records));
    }
    Value::Object(out)
}

/// Everything wrong with one output line, for its case.
fn check(case: &Case, out: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let expect = &case.expect;

    if let Value::Object(envelope) = &case.envelope
        && let Some(id) = envelope.get("id")
        && id.is_string()
        && out["id"] != *id
    {
        problems.push(format!(
            "the line is for id {} instead of {id}: output out of order",
            out["id"]
        ));
    }

    let outcome = out["outcome"].as_str().unwrap_or("<none>");
    if outcome != expect.outcome {
        problems.push(format!(
            "expected outcome {}, got {outcome}",
            expect.outcome
        ));
    }

    let reasons: Vec<&str> = out["reasons"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for reason in &expect.reasons {
        if !reasons.contains(&reason.as_str()) {
            problems.push(format!(
                "expected reason {reason:?}, got reasons {reasons:?}"
            ));
        }
    }

    for (key, want) in &expect.labels {
        match out["labels"].get(key).and_then(Value::as_str) {
            Some(got) if got == want => {}
            Some(got) => problems.push(format!("expected label {key}={want}, got {key}={got}")),
            None => problems.push(format!("expected label {key}={want}, got no label {key}")),
        }
    }

    let sms = out["bodies"]["sms"].as_str();
    for needle in &expect.sms_includes {
        match sms {
            Some(body) if body.contains(needle.as_str()) => {}
            Some(body) => problems.push(format!(
                "expected the SMS body to include {needle:?}, got {body:?}"
            )),
            None => problems.push(format!(
                "expected the SMS body to include {needle:?}, got no SMS body"
            )),
        }
    }
    if !expect.sms_excludes.is_empty() {
        match sms {
            Some(body) => {
                let lower = body.to_lowercase();
                for needle in &expect.sms_excludes {
                    if lower.contains(&needle.to_lowercase()) {
                        problems.push(format!(
                            "expected the SMS body not to include {needle:?} (any case), got {body:?}"
                        ));
                    }
                }
            }
            None => problems.push("expected an SMS body to check exclusions on, got none".into()),
        }
    }

    if outcome != "invalid" {
        problems.extend(contract_problems(case, out));
    }
    problems
}

/// What every decided line must keep, whatever the case expects.
fn contract_problems(case: &Case, out: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut codes: Vec<(&str, &str)> = Vec::new();
    for r in out["reasons"].as_array().into_iter().flatten() {
        codes.push(("reason", r.as_str().unwrap_or("<not a string>")));
    }
    for (k, v) in out["labels"].as_object().into_iter().flatten() {
        codes.push(("label key", k));
        codes.push(("label value", v.as_str().unwrap_or("<not a string>")));
    }
    for (what, code) in codes {
        if !is_contract_code(code) || code == "invalid_code" {
            problems.push(format!("{what} {code:?} is not a valid code"));
        }
    }
    for (plugin, verdict) in out["plugins"].as_object().into_iter().flatten() {
        if verdict.as_str().is_some_and(|v| v.starts_with("failed")) {
            problems.push(format!("plugin {plugin} failed: {verdict}"));
        }
    }
    if let Some(body) = case.envelope.get("body").and_then(Value::as_str) {
        for channel in ["portal", "escalation"] {
            if out["bodies"][channel].as_str() != Some(body) {
                problems.push(format!(
                    "the {channel} body was changed: {}",
                    out["bodies"][channel]
                ));
            }
        }
    }
    problems
}

/// The parts of an output line a failure report needs.
fn summary(out: &Value) -> String {
    serde_json::json!({
        "outcome": out["outcome"],
        "error": out["error"],
        "reasons": out["reasons"],
        "labels": out["labels"],
        "sms": out["bodies"]["sms"],
        "plugins": out["plugins"],
    })
    .to_string()
}

#[test]
fn consent_cases() {
    plugin_cases("consent");
}

#[test]
fn recipient_verify_cases() {
    plugin_cases("recipient-verify");
}

#[test]
fn phi_redact_cases() {
    plugin_cases("phi-redact");
}

#[test]
fn urgency_triage_cases() {
    plugin_cases("urgency-triage");
}

/// The runner itself: a conflicting KV record, a misspelt expectation and
/// an unknown outcome are failures, never silently ignored.
#[test]
fn runner_refuses_bad_case_files() {
    let text = [
        r#"{"name":"a","envelope":{"id":"a","patient":{"id":"p"},"body":"x"},"kv":{"b":{"k":{"v":1}}},"expect":{"outcome":"sms"}}"#,
        r#"{"name":"b","envelope":{"id":"b","patient":{"id":"p"},"body":"x"},"kv":{"b":{"k":{"v":2}}},"expect":{"outcome":"sms"}}"#,
        r#"{"name":"c","envelope":{"id":"c","patient":{"id":"p"},"body":"x"},"expect":{"outcome":"sms","reason":["typo"]}}"#,
        r#"{"name":"d","envelope":{"id":"d","patient":{"id":"p"},"body":"x"},"expect":{"outcome":"email"}}"#,
        r#"{"name":"a","envelope":{"id":"e","patient":{"id":"p"},"body":"x"},"expect":{"outcome":"sms"}}"#,
    ]
    .join("\n");
    let mut failures = Vec::new();
    let cases = parse_cases("t.jsonl", &text, &mut failures);
    merge_kv(&cases, &mut failures);
    let all = failures.join("\n");
    assert_eq!(cases.len(), 2, "{all}");
    assert_eq!(failures.len(), 4, "{all}");
    assert!(all.contains("t.jsonl:3") && all.contains("reason"), "{all}");
    assert!(all.contains("t.jsonl:4") && all.contains("email"), "{all}");
    assert!(
        all.contains("t.jsonl:5") && all.contains("used twice"),
        "{all}"
    );
    assert!(
        all.contains("KV conflict on b/k") && all.contains("\"a\"") && all.contains("\"b\""),
        "{all}"
    );

    // And the checks fail on a line that does not match.
    let case: Case = serde_json::from_str(
        r#"{"name":"x","envelope":{"id":"x","patient":{"id":"p"},"body":"Hi Ann"},
            "expect":{"outcome":"sms","reasons":["phi_redacted"],"labels":{"phi_found":"yes"},
                      "sms_includes":["[NAME]"],"sms_excludes":["ANN"]}}"#,
    )
    .expect("case");
    let out = serde_json::json!({
        "id": "x", "outcome": "portal", "reasons": ["phi_none", "Bad Code"],
        "labels": {"phi_found": "no"}, "plugins": {"phi-redact": "failed:trap"},
        "bodies": {"sms": "Hi Ann", "portal": "changed", "escalation": "Hi Ann"}
    });
    let problems = check(&case, &out);
    assert_eq!(problems.len(), 8, "{problems:#?}");
}
