//! `carewire replay` over the shipped examples: one decision line per input
//! line, in order, with the outcome each sample message is there to show.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::*;

const NOW: &str = "2026-11-27T12:00:00Z";

/// examples/carewire.toml as shipped, except that each plugin is pinned to
/// the digest of its built file and paths point into the repository and
/// `dir` (the example's pins may still be placeholders).
fn example_config(dir: &Path) -> PathBuf {
    let examples = repo_root().join("examples");
    let text = std::fs::read_to_string(examples.join("carewire.toml"))
        .expect("read examples/carewire.toml");
    let mut out = String::new();
    let mut current_path: Option<PathBuf> = None;
    let mut plugins = 0;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("path = ") {
            let rel: String = serde_json::from_str(rest).expect("path is a TOML basic string");
            let abs = examples.join(rel);
            assert!(
                abs.is_file(),
                "{} is missing: run `cargo xtask plugins` first",
                abs.display()
            );
            out.push_str(&format!(
                "path = {}\n",
                Value::String(abs.display().to_string())
            ));
            current_path = Some(abs);
        } else if trimmed.starts_with("sha256 = ") {
            // In the example, each plugin's sha256 follows its path.
            let file = current_path.take().expect("sha256 after path");
            let digest = carewire::chain::sha256_hex(&std::fs::read(&file).expect("read plugin"));
            out.push_str(&format!("sha256 = \"{digest}\"\n"));
            plugins += 1;
        } else if trimmed.starts_with("cache_dir = ") {
            out.push_str(&format!(
                "cache_dir = {}\n",
                Value::String(dir.join("cache").display().to_string())
            ));
        } else if trimmed.starts_with("store_dir = ") {
            out.push_str(&format!(
                "store_dir = {}\n",
                Value::String(dir.join("nats").display().to_string())
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert_eq!(
        plugins, 4,
        "examples/carewire.toml should pin the four clinical plugins"
    );
    let path = dir.join("carewire.toml");
    std::fs::write(&path, out).expect("write config");
    path
}

/// Replays the examples as the demo publishes them: to tenant acme's subject.
fn replay(config: &Path) -> Vec<Value> {
    replay_as(config, TENANT)
}

fn replay_as(config: &Path, tenant: &str) -> Vec<Value> {
    let (status, stdout, stderr) = replay_cmd(config, &[], tenant);
    assert!(status.success(), "replay failed ({status}):\n{stderr}");
    stdout
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}"))
        })
        .collect()
}

/// `carewire replay` of the examples with `config` and `extra` arguments.
fn replay_cmd(
    config: &Path,
    extra: &[&str],
    tenant: &str,
) -> (std::process::ExitStatus, String, String) {
    let examples = repo_root().join("examples");
    let kv = examples.join("kv.json");
    let input = examples.join("messages.jsonl");
    let mut args = vec![
        "replay",
        "--config",
        config.to_str().expect("utf-8"),
        "--kv",
        kv.to_str().expect("utf-8"),
        "--input",
        input.to_str().expect("utf-8"),
        "--now",
        NOW,
        "--tenant",
        tenant,
    ];
    args.extend(extra);
    carewire_cmd(&args)
}

fn reasons(line: &Value) -> Vec<&str> {
    line["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

#[test]
fn replay_of_the_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = example_config(dir.path());
    let lines = replay(&config);

    let input = std::fs::read_to_string(repo_root().join("examples/messages.jsonl"))
        .expect("read messages");
    let inputs: Vec<&str> = input.lines().collect();
    assert_eq!(lines.len(), inputs.len(), "one output line per input line");

    // In order, with every field of the contract.
    for (line, input) in lines.iter().zip(&inputs) {
        let input_id = serde_json::from_str::<Value>(input)
            .ok()
            .map(|v| v["id"].clone())
            .unwrap_or(Value::Null);
        assert_eq!(line["id"], input_id, "out of order: {line}");
        for field in ["id", "outcome", "bodies", "labels", "reasons", "error"] {
            assert!(line.get(field).is_some(), "{field} missing from {line}");
        }
        let outcome = line["outcome"].as_str().expect("outcome");
        assert!(
            ["sms", "portal", "escalation", "undeliverable", "invalid"].contains(&outcome),
            "{line}"
        );
        if outcome == "invalid" {
            assert_eq!(line["bodies"], serde_json::json!({}), "{line}");
        } else {
            for channel in ["sms", "portal", "escalation"] {
                assert!(
                    line["bodies"][channel].is_string(),
                    "bodies.{channel} missing: {line}"
                );
            }
        }
    }
    let by_id = |id: &str| -> &Value {
        lines
            .iter()
            .find(|l| l["id"] == id)
            .unwrap_or_else(|| panic!("no line for {id}"))
    };
    let original = |id: &str| -> String {
        let line = inputs
            .iter()
            .find(|l| l.contains(&format!("\"id\":\"{id}\"")))
            .expect("input line");
        serde_json::from_str::<Value>(line).expect("json")["body"]
            .as_str()
            .expect("body")
            .to_string()
    };

    // Written PHI consent, verified phone: SMS, redacted.
    let l = by_id("demo-sms-1");
    assert_eq!(l["outcome"], "sms", "{l:#}");
    let sms = l["bodies"]["sms"].as_str().expect("sms");
    for phi in ["Maria", "Lopez", "555-555-0199", "12/03/2026"] {
        assert!(
            !sms.contains(phi),
            "demo-sms-1 SMS still contains {phi:?}: {sms}"
        );
    }
    assert_eq!(
        l["bodies"]["portal"],
        original("demo-sms-1"),
        "the portal carries the full message"
    );

    // SMS consent without PHI consent: the neutral notice.
    let l = by_id("demo-notice-2");
    assert_eq!(l["outcome"], "sms", "{l:#}");
    assert_eq!(
        l["bodies"]["sms"],
        "You have a new message from your care team. Please log in to your patient portal to read it.",
        "{l:#}"
    );
    assert!(reasons(l).contains(&"consent_notice_only"), "{l:#}");

    // Revoked (STOP) and missing consent: the portal.
    let l = by_id("demo-portal-3");
    assert_eq!(l["outcome"], "portal", "{l:#}");
    assert!(reasons(l).contains(&"consent_revoked"), "{l:#}");
    let l = by_id("demo-portal-4");
    assert_eq!(l["outcome"], "portal", "{l:#}");
    assert!(reasons(l).contains(&"consent_missing"), "{l:#}");

    // Red flags escalate; negated and instructional mentions do not.
    let l = by_id("demo-escalate-5");
    assert_eq!(l["outcome"], "escalation", "{l:#}");
    assert_eq!(l["labels"]["urgency"], "urgent", "{l:#}");
    let l = by_id("demo-routine-6");
    assert_eq!(l["outcome"], "sms", "{l:#}");
    assert_eq!(l["labels"]["urgency"], "routine", "{l:#}");

    // Do not contact: undeliverable, and a person must see it.
    let l = by_id("demo-halt-7");
    assert_eq!(l["outcome"], "undeliverable", "{l:#}");
    assert_eq!(l["error"], "do_not_contact", "{l:#}");

    // A proxy outside the scope of their authorization: neither SMS nor portal.
    let l = by_id("demo-proxy-8");
    assert_eq!(l["outcome"], "undeliverable", "{l:#}");
    assert_eq!(l["error"], "no_channel_allowed", "{l:#}");
    assert!(reasons(l).contains(&"proxy_not_authorized"), "{l:#}");

    // An authorized proxy with their own consent: SMS, the patient's name redacted.
    let l = by_id("demo-proxy-9");
    assert_eq!(l["outcome"], "sms", "{l:#}");
    let sms = l["bodies"]["sms"].as_str().expect("sms");
    assert!(
        !sms.contains("Rosa"),
        "demo-proxy-9 SMS still names the patient: {sms}"
    );

    // A FHIR CommunicationRequest is routed like an envelope: its contained
    // Patient is p-1001 by identifier (not "pat"), so SMS, redacted.
    let l = by_id("demo-fhir-10");
    assert_eq!(l["outcome"], "sms", "{l:#}");
    let sms = l["bodies"]["sms"].as_str().expect("sms");
    for phi in ["Maria", "555-555-0199", "12/08/2026"] {
        assert!(
            !sms.contains(phi),
            "demo-fhir-10 SMS still contains {phi:?}: {sms}"
        );
    }
    // The same request marked "do not perform" is refused, never routed.
    let l = by_id("demo-fhir-dnp-11");
    assert_eq!(l["outcome"], "invalid", "{l:#}");
    assert_eq!(l["error"], "fhir_do_not_perform", "{l:#}");
    assert_eq!(l["bodies"], serde_json::json!({}), "{l:#}");
    assert_eq!(l["plugins"], serde_json::json!({}), "no plugin ran: {l:#}");

    // Invalid input: the reason, and the id when there is one.
    let l = by_id("demo-bad-12");
    assert_eq!(l["outcome"], "invalid", "{l:#}");
    assert_eq!(l["error"], "missing_field:body", "{l:#}");
    let last = lines.last().expect("lines");
    assert_eq!(last["outcome"], "invalid", "{last:#}");
    assert_eq!(last["error"], "bad_json", "{last:#}");
    assert!(last["id"].is_null(), "{last:#}");

    // With --now fixed, replay is deterministic (the second run loads the compile cache).
    assert_eq!(
        replay(&config),
        lines,
        "two replays of the same input differ"
    );

    // As another tenant's input, the FHIR request (which names no tenant)
    // finds none of acme's records: no consent, so no SMS; the lines that
    // name acme are still acme's.
    let other = replay_as(&config, "globex");
    let fhir = other
        .iter()
        .find(|l| l["id"] == "demo-fhir-10")
        .expect("demo-fhir-10");
    assert_ne!(fhir["outcome"], "sms", "{fhir:#}");
    assert_eq!(
        other[0], lines[0],
        "a line naming acme changed with --tenant"
    );

    // A tenant that cannot be a subject token is refused, naming the option.
    let (status, _, stderr) = carewire_cmd(&[
        "replay",
        "--config",
        config.to_str().expect("utf-8"),
        "--tenant",
        "acme.other",
    ]);
    assert!(!status.success(), "--tenant acme.other was accepted");
    assert!(stderr.contains("--tenant"), "{stderr}");
}

/// `replay --against` reports exactly the differences of a known change:
/// the candidate lowers the consent plugin's `max_length` from 160 to 120,
/// so every message the current chain texts whose body (as the consent
/// plugin reads it, before redaction) is over 120 characters, and only
/// those, moves to the portal with `tcpa_too_long`.
#[test]
fn replay_against_reports_exactly_the_changes_of_a_candidate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let current = example_config(dir.path());
    let text = std::fs::read_to_string(&current).expect("read config");
    let consent = text.find("name = \"consent\"").expect("consent plugin");
    let (head, tail) = text.split_at(consent);
    assert!(tail.contains("max_length = 160\n"), "consent's max_length");
    let candidate = dir.path().join("candidate.toml");
    std::fs::write(
        &candidate,
        format!(
            "{head}{}",
            tail.replacen("max_length = 160\n", "max_length = 120\n", 1)
        ),
    )
    .expect("write candidate");

    let lines = replay(&current);
    let inputs = std::fs::read_to_string(repo_root().join("examples/messages.jsonl"))
        .expect("read the example messages");
    let body_of = |id: &str| -> usize {
        inputs
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .find(|e| e["id"] == id)
            .and_then(|e| e["body"].as_str().map(|b| b.chars().count()))
            .unwrap_or(0)
    };
    let long: Vec<&str> = lines
        .iter()
        .filter(|l| l["outcome"] == "sms" && body_of(l["id"].as_str().expect("id")) > 120)
        .map(|l| l["id"].as_str().expect("id"))
        .collect();
    assert!(
        !long.is_empty(),
        "no example SMS is over 120 characters: the test checks nothing"
    );

    let (status, stdout, stderr) = replay_cmd(
        &current,
        &["--against", candidate.to_str().expect("utf-8")],
        TENANT,
    );
    assert!(
        status.success(),
        "replay --against failed ({status}):\n{stderr}"
    );
    let differences: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON difference record"))
        .collect();
    let ids: Vec<&str> = differences
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, long, "{stdout}");
    for d in &differences {
        assert_eq!(d["schema"], "carewire.shadow_diff/1");
        let errors = record_errors("carewire.shadow_diff/1", d);
        assert!(
            errors.is_empty(),
            "docs/shadow-diff.schema.json: {errors:#?}"
        );
        let changes = d["changes"].as_array().expect("changes");
        assert_eq!(changes.len(), 2, "{d:#}");
        assert_eq!(changes[0]["field"], "outcome");
        assert_eq!(changes[0]["current"], "sms");
        assert_eq!(changes[0]["candidate"], "portal");
        assert_eq!(changes[1]["field"], "reasons");
        let mut added = changes[1]["candidate"].as_array().expect("reasons").clone();
        added.retain(|r| {
            !changes[1]["current"]
                .as_array()
                .expect("reasons")
                .contains(r)
        });
        assert_eq!(added, [Value::from("tcpa_too_long")], "{d:#}");
    }
    let n = long.len();
    let total = lines.len();
    assert!(
        stderr.contains(&format!(
            "compared {total} messages: {n} differ, {} the same",
            total - n
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{n}  outcome:sms->portal")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{n}  reasons:+tcpa_too_long")),
        "{stderr}"
    );

    // The same config on both sides: no difference at all.
    let (status, stdout, stderr) = replay_cmd(
        &current,
        &["--against", current.to_str().expect("utf-8")],
        TENANT,
    );
    assert!(status.success(), "{stderr}");
    assert_eq!(stdout, "", "a config against itself differs");
    assert!(
        stderr.contains(&format!("compared {total} messages: 0 differ")),
        "{stderr}"
    );
}

/// Replay decides lines in batches handed to its workers; many batches'
/// worth of lines, read from stdin, still come out one per line, in input
/// order, each with the decision the same message gets alone.
#[test]
fn replay_from_stdin_keeps_order_and_decisions_across_batches() {
    use std::io::Write as _;

    let dir = tempfile::tempdir().expect("tempdir");
    let config = example_config(dir.path());
    let alone = replay(&config);
    let examples = std::fs::read_to_string(repo_root().join("examples/messages.jsonl"))
        .expect("read the example messages");
    let examples: Vec<&str> = examples.lines().collect();

    // Ten copies, each carewire envelope under a new id; other lines (FHIR
    // resources, invalid lines) as they are.
    let mut input = String::new();
    let mut expected = Vec::new();
    for copy in 0..10 {
        for (line, decided) in examples.iter().zip(&alone) {
            let id = match serde_json::from_str::<Value>(line) {
                Ok(mut message)
                    if message["id"].is_string() && message.get("resourceType").is_none() =>
                {
                    let id = format!("{}-copy{copy}", message["id"].as_str().unwrap_or_default());
                    message["id"] = Value::String(id.clone());
                    input.push_str(&message.to_string());
                    Value::String(id)
                }
                _ => {
                    input.push_str(line);
                    decided["id"].clone()
                }
            };
            input.push('\n');
            expected.push((id, decided["outcome"].clone(), decided["reasons"].clone()));
        }
    }

    let kv = repo_root().join("examples/kv.json");
    let mut child = std::process::Command::new(carewire_bin())
        .args(["replay", "--config"])
        .arg(&config)
        .arg("--kv")
        .arg(&kv)
        .args(["--input", "-", "--now", NOW, "--tenant", TENANT])
        .env_remove("CAREWIRE_LOG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run carewire replay");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("replay output");
    writer.join().expect("writer").expect("write stdin");
    assert!(
        out.status.success(),
        "replay failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("output line is JSON"))
        .collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one output line per input line"
    );
    for (line, (id, outcome, reasons)) in lines.iter().zip(&expected) {
        assert_eq!(&line["id"], id, "out of order: {line}");
        assert_eq!(&line["outcome"], outcome, "{line}");
        assert_eq!(&line["reasons"], reasons, "{line}");
    }
}
