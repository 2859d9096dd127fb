//! The case file of a plugin: one JSON object per line,
//!
//! ```json
//! {"name": "...", "envelope": {...}, "kv": {"<bucket>": {"<key>": <record>}},
//!  "expect": {"outcome": "sms|portal|escalation|undeliverable|invalid",
//!             "reasons": ["<codes that must be present>"],
//!             "labels": {"<key>": "<value that must match>"},
//!             "sms_includes": ["<substrings of bodies.sms>"],
//!             "sms_excludes": ["<substrings not in bodies.sms, any case>"]},
//!  "note": "why the case exists"}
//! ```
//!
//! Only `outcome` is required in `expect`. An envelope may also be a JSON
//! string: the raw input line (for invalid input). A case names its KV
//! records by the keys its plugin reads; they are stored within the
//! message's tenant (`<tenant>.<key>`), except in the SMS numbers bucket,
//! keyed by number. Unknown keys are refused, so a misspelt expectation
//! cannot silently check nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use crate::common::codes::is_code;

pub const OUTCOMES: [&str; 5] = ["sms", "portal", "escalation", "undeliverable", "invalid"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub envelope: Value,
    #[serde(default)]
    pub kv: BTreeMap<String, BTreeMap<String, Value>>,
    pub expect: Expect,
    /// Free text for the reader: why the case exists.
    #[serde(default)]
    pub note: Option<String>,
}

/// What a case's decision must show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub outcome: String,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub sms_includes: Vec<String>,
    #[serde(default)]
    pub sms_excludes: Vec<String>,
}

/// A case and its line number in the file.
#[derive(Debug, Clone)]
pub struct Numbered {
    pub line: usize,
    pub case: Case,
}

impl Case {
    /// The tenant its records are stored under: the envelope's, else `default_tenant`.
    pub fn tenant<'a>(&'a self, default_tenant: &'a str) -> &'a str {
        self.envelope
            .get("tenant")
            .and_then(Value::as_str)
            .unwrap_or(default_tenant)
    }

    /// The input line carewire reads for this case.
    pub fn input_line(&self) -> String {
        match &self.envelope {
            Value::String(raw) => raw.clone(),
            other => other.to_string(),
        }
    }
}

/// Parses a case file; every line that is not a valid case is a problem
/// (`<file>:<line>: ...`).
pub fn parse(file: &str, text: &str) -> (Vec<Numbered>, Vec<String>) {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let case: Case = match serde_json::from_str(raw) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{file}:{line}: not a valid case: {e}"));
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
            problems.push(format!(
                "{file}:{line} (case {:?}): {}",
                case.name,
                bad.join("; ")
            ));
        }
    }
    (cases, problems)
}

/// All cases' KV records as one `{"<bucket>": {"<stored key>": <record>}}`
/// object (the `carewire replay --kv` format). The same bucket and key with
/// two different records is a problem naming both cases.
pub fn kv_records(
    cases: &[Numbered],
    default_tenant: &str,
    numbers_bucket: &str,
) -> (Value, Vec<String>) {
    let mut problems = Vec::new();
    let mut merged: BTreeMap<&str, BTreeMap<String, (&Value, &str)>> = BTreeMap::new();
    for n in cases {
        let tenant = n.case.tenant(default_tenant);
        for (bucket, records) in &n.case.kv {
            for (key, record) in records {
                // A number's opt-out is the same in every tenant.
                let stored = if bucket == numbers_bucket {
                    key.clone()
                } else {
                    format!("{tenant}.{key}")
                };
                let slot = merged.entry(bucket).or_default();
                match slot.get(&stored) {
                    Some((existing, owner)) if *existing != record => problems.push(format!(
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
    let out: serde_json::Map<String, Value> = merged
        .into_iter()
        .map(|(bucket, records)| {
            let records = records
                .into_iter()
                .map(|(k, (v, _))| (k, v.clone()))
                .collect();
            (bucket.to_string(), Value::Object(records))
        })
        .collect();
    (Value::Object(out), problems)
}

/// Everything wrong with one decision (a `carewire replay` output line) for
/// its case: its expectations, then the contract every decided line keeps
/// (codes only in reasons and labels, no plugin failure, the portal and
/// escalation bodies unchanged).
pub fn check(case: &Case, out: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let expect = &case.expect;

    if let Some(id) = case.envelope.get("id").filter(|id| id.is_string())
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
    problems.extend(sms_problems(expect, out["bodies"]["sms"].as_str()));
    if outcome != "invalid" {
        problems.extend(contract_problems(case, out));
    }
    problems
}

fn sms_problems(expect: &Expect, sms: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
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
    problems
}

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
        if !is_code(code) {
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

/// The parts of a decision a failure report needs.
pub fn summary(out: &Value) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CASES: &str = r#"{"name": "a", "envelope": {"id": "m-1", "body": "hi"}, "kv": {"b": {"p-1": {"x": 1}}}, "expect": {"outcome": "sms", "reasons": ["ok"]}}

{"name": "a", "envelope": {"id": "m-2"}, "expect": {"outcome": "sms"}}
{"name": "c", "envelope": {"id": "m-3", "tenant": "acme"}, "kv": {"b": {"p-1": {"x": 2}}, "numbers": {"15555550100": {"opted_out": true}}}, "expect": {"outcome": "portal"}}
{"name": "d", "envelope": {}, "expect": {"outcome": "sms", "label": {}}}
{"name": "e", "envelope": {}, "expect": {"outcome": "texted"}}
"#;

    #[test]
    fn a_case_file_parses_and_names_every_bad_line() {
        let (cases, problems) = parse("cases.jsonl", CASES);
        let names: Vec<&str> = cases.iter().map(|n| n.case.name.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(cases[1].line, 4);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].starts_with("cases.jsonl:3") && problems[0].contains("used twice"));
        assert!(problems[1].starts_with("cases.jsonl:5") && problems[1].contains("label"));
        assert!(problems[2].starts_with("cases.jsonl:6") && problems[2].contains("texted"));
    }

    #[test]
    fn kv_records_are_stored_by_tenant_except_numbers() {
        let (cases, _) = parse("cases.jsonl", CASES);
        let (kv, problems) = kv_records(&cases, "default", "numbers");
        assert_eq!(
            kv,
            json!({"b": {"default.p-1": {"x": 1}, "acme.p-1": {"x": 2}},
                   "numbers": {"15555550100": {"opted_out": true}}})
        );
        assert!(problems.is_empty());
        let both_default = [cases[0].clone(), {
            let mut c = cases[1].clone();
            c.case.envelope = json!({"id": "m-3"});
            c
        }];
        let (_, problems) = kv_records(&both_default, "default", "numbers");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("KV conflict on b/p-1"));
    }

    #[test]
    fn a_decision_is_checked_against_its_case_and_the_contract() {
        let (cases, _) = parse("cases.jsonl", CASES);
        let case = &cases[0].case;
        let good = json!({"id": "m-1", "outcome": "sms", "reasons": ["ok"], "labels": {},
            "bodies": {"sms": "hi", "portal": "hi", "escalation": "hi"},
            "plugins": {"p": "continue"}});
        assert!(check(case, &good).is_empty(), "{:?}", check(case, &good));
        let bad = json!({"id": "m-1", "outcome": "portal", "reasons": ["Maria Lopez"],
            "labels": {}, "bodies": {"sms": "hi", "portal": "changed", "escalation": "hi"},
            "plugins": {"p": "failed:trap"}});
        let problems = check(case, &bad);
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("expected outcome sms")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("expected reason \"ok\""))
        );
        assert!(problems.iter().any(|p| p.contains("not a valid code")));
        assert!(problems.iter().any(|p| p.contains("failed:trap")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("portal body was changed"))
        );
    }
}
