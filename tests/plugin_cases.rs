//! The clinical plugins' case files, each plugin alone in the chain, through
//! the real `carewire plugin test` (the command plugin authors use; the case
//! format is documented in docs/plugins.md and in
//! `core/src/run/plugin_test/cases.rs`).
//!
//! The plugin runs with its `kv_buckets`, time budget, memory cap and
//! `[plugins.config]` from examples/carewire.toml. Every case is checked:
//! its own expectations, and the contract every decided line keeps (codes
//! only in reasons and labels, no plugin failure, the portal and escalation
//! bodies unchanged). Every failure is printed with its case name.

mod support;

use std::path::Path;

use support::*;

const NOW: &str = "2026-11-27T12:00:00Z";

/// `carewire plugin test` on `cases` with the example config's settings of
/// `plugin`: whether it passed, and its table.
fn plugin_test(plugin: &str, cases: &Path) -> (bool, String) {
    plugin_test_cmd(&example_plugin(plugin), cases, NOW)
}

fn plugin_cases(plugin: &str) {
    let rel = format!("plugins/{plugin}/tests/cases.jsonl");
    let path = repo_root().join(&rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{rel} is missing ({e}): every clinical plugin needs its case file")
    });
    let count = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(
        count > 0,
        "{rel} holds no cases: every clinical plugin needs at least one"
    );
    let (passed, table) = plugin_test(plugin, &path);
    eprintln!("{table}");
    assert!(passed, "{rel}: carewire plugin test failed:\n{table}");
    // Every line of the file was a case, and every case ran.
    assert!(
        table.contains(&format!("{count} cases: {count} passed, 0 failed\n")),
        "{rel}: {count} cases expected in:\n{table}"
    );
    assert!(
        table.contains(&format!(
            "sha256  {}",
            carewire::chain::sha256_hex(
                &std::fs::read(repo_root().join(format!(
                    "build/plugins/{}.wasm",
                    example_plugin(plugin).file
                )))
                .expect("the built plugin")
            )
        )),
        "{table}"
    );
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

/// The runner itself: a wrong expectation, a misspelt key, an unknown
/// outcome and a conflicting KV record each fail the command, each named.
#[test]
fn plugin_test_fails_on_a_wrong_or_bad_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = dir.path().join("cases.jsonl");
    let envelope = |id: &str| {
        serde_json::json!({"id": id, "tenant": "acme", "category": "appointment_reminder",
            "patient": {"id": "p-1"}, "recipient": {"role": "patient", "phone": "+15555550100"},
            "body": "Your appointment is confirmed."})
    };
    let lines = [
        serde_json::json!({"name": "right", "envelope": envelope("m-1"),
            "expect": {"outcome": "sms", "reasons": ["phi_none"]}}),
        serde_json::json!({"name": "wrong outcome", "envelope": envelope("m-2"),
            "expect": {"outcome": "escalation"}}),
        serde_json::json!({"name": "misspelt", "envelope": envelope("m-3"),
            "expect": {"outcome": "sms", "reason": ["phi_none"]}}),
        serde_json::json!({"name": "conflict a", "envelope": envelope("m-4"),
            "kv": {"b": {"k": 1}}, "expect": {"outcome": "sms"}}),
        serde_json::json!({"name": "conflict b", "envelope": envelope("m-5"),
            "kv": {"b": {"k": 2}}, "expect": {"outcome": "sms"}}),
    ]
    .map(|l| l.to_string())
    .join("\n");
    std::fs::write(&cases, lines).expect("write cases");
    let (passed, table) = plugin_test("phi-redact", &cases);
    assert!(!passed, "{table}");
    assert!(table.contains("pass   right"), "{table}");
    assert!(table.contains("FAIL   wrong outcome"), "{table}");
    assert!(
        table.contains("expected outcome escalation, got sms"),
        "{table}"
    );
    assert!(
        table.contains("cases.jsonl:3: not a valid case: unknown field `reason`"),
        "{table}"
    );
    assert!(table.contains("KV conflict on b/k"), "{table}");
    assert!(
        table.contains("4 cases: 3 passed, 1 failed, 2 problems in the case file"),
        "{table}"
    );
}
