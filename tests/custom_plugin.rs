//! The example plugin for integrators (examples/custom-plugin) works as its
//! README says: built from source, pinned, loaded by `carewire check`, and
//! applied by `carewire replay` together with a clinical plugin.

mod support;

use serde_json::{Value, json};
use support::*;

fn line(id: &str, category: &str) -> String {
    let mut e = envelope(
        id,
        "p-7001",
        Some("+15555550170"),
        "Your statement is ready to view.",
    );
    e["category"] = json!(category);
    e.to_string()
}

#[test]
fn category_policy_routes_by_category() {
    let dir = tempfile::tempdir().expect("tempdir");
    let policy = PluginSpec::new("category-policy", "category-policy")
        .config(json!({"no_sms": ["billing"], "portal_only": ["lab_result"]}));
    let triage = PluginSpec::new("urgency-triage", "urgency-triage").on_failure("escalate");
    let config = ConfigSpec::new(None, vec![triage, policy]).write(dir.path());
    let config = config.to_str().expect("utf-8 path");

    let (status, stdout, stderr) = carewire_cmd(&["check", "--config", config]);
    assert!(status.success(), "check failed: {stderr}");
    assert!(stdout.contains("category-policy"), "{stdout}");

    let input = dir.path().join("in.jsonl");
    let lines = [
        line("cp-billing", "billing"),
        line("cp-lab", "lab_result"),
        line("cp-reminder", "appointment_reminder"),
    ];
    std::fs::write(&input, lines.join("\n")).expect("write input");
    let (status, stdout, stderr) = carewire_cmd(&[
        "replay",
        "--config",
        config,
        "--input",
        input.to_str().expect("path"),
    ]);
    assert!(status.success(), "replay failed: {stderr}");
    let out: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(out.len(), 3, "{stdout}");

    let expect = [
        ("cp-billing", "portal", "category_no_sms"),
        ("cp-lab", "portal", "category_portal_only"),
        ("cp-reminder", "sms", "category_allowed"),
    ];
    for (decision, (id, outcome, reason)) in out.iter().zip(expect) {
        assert_eq!(decision["id"], id, "{decision}");
        assert_eq!(decision["outcome"], outcome, "{decision}");
        let reasons = decision["reasons"].as_array().expect("reasons");
        assert!(reasons.iter().any(|r| r == reason), "{id}: {decision}");
        assert_eq!(
            decision["plugins"]["category-policy"], "continue",
            "{decision}"
        );
    }
}
