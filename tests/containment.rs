//! A plugin that traps, loops, allocates without bound or errors is
//! contained: the message fails closed (no SMS), the audit record names the
//! plugin and how it failed, later messages flow normally, carewire keeps
//! running. KV access is limited to granted buckets, and a plugin whose
//! digest does not match its pin is refused.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::*;

const PATIENT: &str = "p-4001";
const PHONE: &str = "+15555550141";

/// (message id, trigger, probe name, expected failure kind).
const FAILURES: [(&str, &str, &str, &str); 4] = [
    ("contain-trap", "TRAP-ME", "trap-probe", "trap"),
    ("contain-loop", "LOOP-ME", "loop-probe", "timeout"),
    ("contain-alloc", "ALLOC-ME", "alloc-probe", "out_of_memory"),
    ("contain-error", "ERROR-ME", "error-probe", "error"),
];

fn chain() -> Vec<PluginSpec> {
    let mut plugins = clinical_plugins();
    plugins.push(PluginSpec::misbehave("trap-probe", "trap", "TRAP-ME"));
    plugins.push(PluginSpec::misbehave("loop-probe", "loop", "LOOP-ME"));
    // Filling 16 MiB takes milliseconds, but a loaded 2-core machine can
    // hold the thread longer than the probes' 100 ms: the budget is not
    // what this probe tests.
    let mut alloc = PluginSpec::misbehave("alloc-probe", "alloc", "ALLOC-ME");
    alloc.timeout_ms = 2_000;
    plugins.push(alloc);
    plugins.push(PluginSpec::misbehave("error-probe", "error", "ERROR-ME"));
    // The two other failure policies.
    plugins.push(
        PluginSpec::misbehave("escalate-probe", "trap", "ESCALATE-ME").on_failure("escalate"),
    );
    plugins.push(PluginSpec::misbehave("halt-probe", "error", "HALT-ME").on_failure("halt"));
    // Both probe every message (the empty trigger is in every body); only one is granted the bucket.
    plugins.push(
        PluginSpec::misbehave("kv-denied", "kv-probe", "")
            .config(json!({"mode": "kv-probe", "trigger": "", "bucket": CONSENT_BUCKET})),
    );
    plugins.push(
        PluginSpec::misbehave("kv-granted", "kv-probe", "")
            .config(json!({"mode": "kv-probe", "trigger": "", "bucket": CONSENT_BUCKET}))
            .kv(CONSENT_BUCKET),
    );
    plugins
}

fn plugin_entry<'a>(audit: &'a Value, name: &str) -> &'a Value {
    audit["plugins"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("plugin {name} missing from {audit:#}"))
}

fn reasons(audit: &Value) -> Vec<String> {
    audit["reasons"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .filter_map(|r| r.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn misbehaving_plugins_are_contained() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), chain()).write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    seed(&js, CONSENT_BUCKET, &[(PATIENT, consent_granted(true))]).await;
    seed(&js, CONTACTS_BUCKET, &[(PATIENT, verified_self(PHONE))]).await;

    // Each misbehaviour, on a message that would otherwise go out by SMS.
    for (id, trigger, ..) in FAILURES {
        let body = format!("Your appointment is next Tuesday at the main clinic. {trigger}");
        publish_json(&js, "acme", &envelope(id, PATIENT, Some(PHONE), &body)).await;
    }
    for (id, trigger) in [
        ("contain-escalate", "ESCALATE-ME"),
        ("contain-halt", "HALT-ME"),
    ] {
        let body = format!("Your appointment is next Tuesday at the main clinic. {trigger}");
        publish_json(&js, "acme", &envelope(id, PATIENT, Some(PHONE), &body)).await;
    }
    let failed_ids: Vec<String> = FAILURES.iter().map(|f| f.0.to_string()).collect();
    let mut collector = Collector::new(&js);
    let policy_ids = ["contain-escalate".to_string(), "contain-halt".to_string()];
    collector.wait_finished(&failed_ids).await;
    collector.wait_finished(&policy_ids).await;

    // Then ordinary messages, more than there are workers, so every worker's
    // replaced instances have to answer.
    let ok_ids: Vec<String> = (0..8).map(|n| format!("contain-after-{n}")).collect();
    for id in &ok_ids {
        publish_json(
            &js,
            "acme",
            &envelope(
                id,
                PATIENT,
                Some(PHONE),
                "Your appointment is next Tuesday at the main clinic.",
            ),
        )
        .await;
    }
    // And one for a patient with no consent record (the granted probe finds nothing).
    publish_json(
        &js,
        "acme",
        &envelope(
            "contain-unknown",
            "p-4002",
            Some(PHONE),
            "Your care team has updated your care plan.",
        ),
    )
    .await;
    let mut all_ids = ok_ids.clone();
    all_ids.push("contain-unknown".into());
    collector.wait_finished(&all_ids).await;
    let out = collector.settle().await.clone();

    for (id, _, probe, kind) in FAILURES {
        assert!(
            out.outbound_for(id)
                .iter()
                .all(|(s, _)| s != "carewire.outbound.sms"),
            "{id} went out by SMS"
        );
        out.sent(id, "portal");
        let audit = out.audit(id);
        assert_eq!(audit["outcome"], "portal", "{id}: {audit:#}");
        let entry = plugin_entry(&audit, probe);
        assert_eq!(entry["verdict"], "failed", "{id}: {entry:#}");
        assert_eq!(entry["failure"], kind, "{id}: {entry:#}");
        assert_eq!(
            entry["sha256"],
            plugin_digest("misbehave"),
            "{id}: {entry:#}"
        );
        assert!(
            reasons(&audit).contains(&format!("plugin_failed:{kind}")),
            "{id}: reasons {:?}",
            reasons(&audit)
        );
        // Only the triggered probe failed.
        let failed: Vec<&str> = audit["plugins"]
            .as_array()
            .expect("plugins")
            .iter()
            .filter(|p| p["verdict"] == "failed")
            .map(|p| p["name"].as_str().unwrap_or("?"))
            .collect();
        assert_eq!(failed, [probe], "{id}: {audit:#}");
    }
    // The loop was stopped by its budget, not allowed to run on.
    let loop_audit = out.audit("contain-loop");
    let loop_us = plugin_entry(&loop_audit, "loop-probe")["duration_us"]
        .as_u64()
        .expect("duration");
    assert!(
        (100_000..5_000_000).contains(&loop_us),
        "loop-probe ran {loop_us} µs against a 100 ms budget"
    );

    for id in &ok_ids {
        let sms = out.sent(id, "sms");
        assert_eq!(sms["recipient"]["phone"], PHONE);
        let audit = out.audit(id);
        assert_eq!(audit["outcome"], "sms", "{id}: {audit:#}");
        for (_, _, probe, _) in FAILURES {
            assert_eq!(
                plugin_entry(&audit, probe)["verdict"],
                "continue",
                "{id}: {audit:#}"
            );
        }
        assert!(
            !reasons(&audit)
                .iter()
                .any(|r| r.starts_with("plugin_failed")),
            "{audit:#}"
        );
    }

    // KV grants: the probe without a grant is denied, the granted one reads.
    for id in failed_ids.iter().chain(&ok_ids) {
        let audit = out.audit(id);
        assert_eq!(
            plugin_entry(&audit, "kv-denied")["labels"]["kv"],
            "denied",
            "{id}: {audit:#}"
        );
        assert_eq!(
            plugin_entry(&audit, "kv-granted")["labels"]["kv"],
            "found",
            "{id}: {audit:#}"
        );
    }
    let audit = out.audit("contain-unknown");
    assert_eq!(
        plugin_entry(&audit, "kv-denied")["labels"]["kv"],
        "denied",
        "{audit:#}"
    );
    assert_eq!(
        plugin_entry(&audit, "kv-granted")["labels"]["kv"],
        "missing",
        "{audit:#}"
    );
    assert_eq!(audit["outcome"], "portal", "{audit:#}");

    // on_failure = "escalate": no SMS, a clinician sees it.
    let escalated = out.sent("contain-escalate", "escalation");
    assert!(
        escalated["reasons"]
            .as_array()
            .expect("reasons")
            .contains(&json!("plugin_failed:trap"))
    );
    let audit = out.audit("contain-escalate");
    assert_eq!(audit["outcome"], "escalation", "{audit:#}");
    assert_eq!(
        plugin_entry(&audit, "escalate-probe")["failure"],
        "trap",
        "{audit:#}"
    );
    // on_failure = "halt": undeliverable, to the DLQ for a person.
    assert!(out.outbound_for("contain-halt").is_empty());
    let dlq = out.dlq_for("contain-halt");
    assert_eq!(dlq.len(), 1, "{dlq:#?}");
    assert_eq!(dlq[0].subject, "carewire.dlq.undeliverable");
    assert_eq!(
        dlq[0].header("Carewire-Reason").as_deref(),
        Some("plugin_failed:error")
    );
    let audit = out.audit("contain-halt");
    assert_eq!(audit["outcome"], "undeliverable", "{audit:#}");
    assert_eq!(audit["reason"], "plugin_failed:error", "{audit:#}");
    assert_eq!(
        plugin_entry(&audit, "halt-probe")["failure"],
        "error",
        "{audit:#}"
    );
    // Like a halt verdict, a failure under the halt policy stops the chain.
    let names: Vec<&str> = audit["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names.last(),
        Some(&"halt-probe"),
        "the chain went on after the halt: {names:?}"
    );

    assert!(
        carewire.is_running(),
        "carewire died:\n{}",
        carewire.stderr()
    );
}

/// The clinical chain with one plugin's pin replaced by a wrong digest.
fn chain_with_wrong_pin(dir: &std::path::Path, nats_url: Option<String>) -> std::path::PathBuf {
    let mut plugins = clinical_plugins();
    let wrong = "ab".repeat(32);
    assert_ne!(wrong, plugin_digest("phi-redact"));
    plugins[2] = plugins[2].clone().sha256(&wrong);
    ConfigSpec::new(nats_url, plugins).write(dir)
}

#[test]
fn check_refuses_a_digest_mismatch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = ConfigSpec::new(None, clinical_plugins()).write(dir.path());
    let (status, stdout, stderr) =
        carewire_cmd(&["check", "--config", good.to_str().expect("utf-8")]);
    assert!(status.success(), "check of a good config failed: {stderr}");
    assert!(stdout.contains("phi-redact"), "{stdout}");

    let bad = chain_with_wrong_pin(dir.path(), None);
    let (status, _, stderr) = carewire_cmd(&["check", "--config", bad.to_str().expect("utf-8")]);
    assert!(!status.success(), "check accepted a wrong digest");
    assert!(
        stderr.contains("phi-redact"),
        "stderr does not name the plugin: {stderr}"
    );
    assert!(
        stderr.contains("sha256 mismatch"),
        "stderr does not say sha256 mismatch: {stderr}"
    );
}

#[test]
fn check_reports_a_failing_init() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut plugins = clinical_plugins();
    plugins.push(PluginSpec::misbehave("init-probe", "init-error", ""));
    let config = ConfigSpec::new(None, plugins).write(dir.path());
    let (status, _, stderr) = carewire_cmd(&["check", "--config", config.to_str().expect("utf-8")]);
    assert!(
        !status.success(),
        "check accepted a plugin whose init fails"
    );
    assert!(
        stderr.contains("init-probe"),
        "stderr does not name the plugin: {stderr}"
    );
    assert!(stderr.contains("init failed"), "{stderr}");
}

#[test]
fn check_says_when_init_needs_more_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut starved = PluginSpec::new("urgency-triage", "urgency-triage");
    starved.memory_mib = 2;
    let config = ConfigSpec::new(None, vec![starved]).write(dir.path());
    let (status, _, stderr) = carewire_cmd(&["check", "--config", config.to_str().expect("utf-8")]);
    assert!(
        !status.success(),
        "check accepted a plugin that cannot start"
    );
    assert!(
        stderr.contains("urgency-triage") && stderr.contains("init ran out of memory"),
        "stderr does not say which plugin needs more memory: {stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_refuses_a_digest_mismatch() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = chain_with_wrong_pin(dir.path(), Some(nats.url()));
    let mut carewire = Carewire::start(&config, dir.path(), "carewire.log", &[]);
    let status = carewire.wait_exit(Duration::from_secs(60));
    let stderr = carewire.stderr();
    assert!(
        !status.success(),
        "carewire run started with a wrong digest:\n{stderr}"
    );
    assert!(
        stderr.contains("phi-redact"),
        "stderr does not name the plugin: {stderr}"
    );
    assert!(stderr.contains("sha256 mismatch"), "{stderr}");
    assert!(!stderr.contains("carewire is routing"), "{stderr}");
}

// ---------------------------------------------------------------- the sandbox

/// How far past its budget a contained call may end (a loaded 2-core machine).
const MARGIN_US: u64 = 500_000;

/// A misbehave probe with its own config (`mode`, `trigger` and `extra`).
fn probe(name: &str, mode: &str, trigger: &str, extra: Value) -> PluginSpec {
    let mut config = json!({"mode": mode, "trigger": trigger});
    if let (Some(config), Value::Object(extra)) = (config.as_object_mut(), extra) {
        config.extend(extra);
    }
    PluginSpec::misbehave(name, mode, trigger).config(config)
}

/// (message id, trigger, probe, mode, extra config, what the probe's audit
/// entry says: `continue` or the failure kind).
const SANDBOXED: [(&str, &str, &str, &str, &str, &str); 8] = [
    (
        "sandbox-sleep",
        "SLEEP-ME",
        "sleep-probe",
        "sleep",
        "{}",
        "continue",
    ),
    (
        "sandbox-spin",
        "SPIN-ME",
        "spin-probe",
        "host-spin",
        "{}",
        "timeout",
    ),
    (
        "sandbox-reasons",
        "REASONS-ME",
        "reasons-probe",
        "flood-reasons",
        r#"{"count":100000}"#,
        "limit",
    ),
    (
        "sandbox-labels",
        "LABELS-ME",
        "labels-probe",
        "flood-labels",
        r#"{"count":100000}"#,
        "limit",
    ),
    (
        "sandbox-body",
        "BODY-ME",
        "body-probe",
        "flood-body",
        r#"{"count":1000000}"#,
        "limit",
    ),
    (
        "sandbox-body-small",
        "SMALLBODY-ME",
        "small-body-probe",
        "flood-body",
        r#"{"count":140000}"#,
        "limit",
    ),
    (
        "sandbox-resources",
        "RESOURCES-ME",
        "resources-probe",
        "flood-resources",
        r#"{"count":100000}"#,
        "limit",
    ),
    (
        "sandbox-log",
        "LOG-ME",
        "log-probe",
        "phi-log",
        r#"{"count":1000}"#,
        "continue",
    ),
];

/// PHI-shaped strings a plugin answers as reason codes, each from its own probe.
const NOT_CODES: [(&str, &str); 3] = [
    ("phone-code", "15555550101"),
    ("name-code", "maria.lopez"),
    ("mrn-code", "mrn:4471902"),
];

fn sandbox_chain() -> Vec<PluginSpec> {
    let mut plugins = clinical_plugins();
    for (_, trigger, name, mode, extra, _) in SANDBOXED {
        let mut spec = probe(
            name,
            mode,
            trigger,
            serde_json::from_str(extra).expect("json"),
        );
        spec.timeout_ms = 200;
        plugins.push(spec);
    }
    for (name, code) in NOT_CODES {
        plugins.push(probe(name, "emit-code", "CODES-ME", json!({"code": code})));
    }
    plugins.push(probe("clock-probe", "clock-probe", "CLOCK-ME", json!({})));
    plugins
}

/// A plugin that sleeps, spins in host calls, floods its verdict, holds
/// host resources, answers PHI-shaped codes or logs PHI-shaped fields is
/// contained within its time budget plus a margin: the message fails closed
/// or the sleep returns at once, nothing of it reaches the outputs or the
/// log, and the other plugins and messages flow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandboxed_plugins_are_contained() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), sandbox_chain()).write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    seed(&js, CONSENT_BUCKET, &[(PATIENT, consent_granted(true))]).await;
    seed(&js, CONTACTS_BUCKET, &[(PATIENT, verified_self(PHONE))]).await;

    let mut ids: Vec<String> = Vec::new();
    let triggers = SANDBOXED
        .iter()
        .map(|s| (s.0, s.1))
        .chain([("sandbox-codes", "CODES-ME"), ("sandbox-clock", "CLOCK-ME")]);
    for (id, trigger) in triggers {
        let body = format!("Your appointment is next Tuesday at the main clinic. {trigger}");
        publish_json(&js, "acme", &envelope(id, PATIENT, Some(PHONE), &body)).await;
        ids.push(id.into());
    }
    let mut collector = Collector::new(&js);
    collector.wait_finished(&ids).await;
    let ok_ids: Vec<String> = (0..6).map(|n| format!("sandbox-after-{n}")).collect();
    for id in &ok_ids {
        let body = "Your appointment is next Tuesday at the main clinic.";
        publish_json(&js, "acme", &envelope(id, PATIENT, Some(PHONE), body)).await;
    }
    collector.wait_finished(&ok_ids).await;
    let out = collector.settle().await.clone();

    for (id, _, name, _, _, expected) in SANDBOXED {
        let audit = out.audit(id);
        let entry = plugin_entry(&audit, name);
        let took = entry["duration_us"].as_u64().expect("duration");
        eprintln!("{name} ({expected}): held its worker {took} µs of a 200 ms budget");
        assert!(
            took < 200_000 + MARGIN_US,
            "{name} held its worker {took} µs against a 200 ms budget"
        );
        if expected == "continue" {
            assert_eq!(entry["verdict"], "continue", "{id}: {entry:#}");
            out.sent(id, "sms");
        } else {
            assert_eq!(entry["verdict"], "failed", "{id}: {entry:#}");
            assert_eq!(entry["failure"], expected, "{id}: {entry:#}");
            assert!(
                reasons(&audit).contains(&format!("plugin_failed:{expected}")),
                "{id}: {audit:#}"
            );
            // Failed closed (deny-sms): the portal, never an SMS.
            out.sent(id, "portal");
            assert!(
                out.outbound_for(id)
                    .iter()
                    .all(|(s, _)| s != "carewire.outbound.sms"),
                "{id} went out by SMS"
            );
        }
    }
    let spin = out.audit("sandbox-spin");
    let spun = plugin_entry(&spin, "spin-probe")["duration_us"]
        .as_u64()
        .expect("duration");
    assert!(
        spun >= 200_000,
        "the spin ended before its budget: {spun} µs"
    );

    // A code that could carry PHI fails its plugin, and reaches nothing.
    let audit = out.audit("sandbox-codes");
    for (name, _) in NOT_CODES {
        let entry = plugin_entry(&audit, name);
        assert_eq!(entry["failure"], "invalid_verdict", "{entry:#}");
    }
    out.sent("sandbox-codes", "portal");
    let mut everything = serde_json::to_string(&out.audits()).expect("json");
    for (_, outbound) in out.outbound_for("sandbox-codes") {
        everything.push_str(&outbound.to_string());
    }
    for stored in &out.dlq {
        everything.push_str(&format!("{:?}", stored.header("Carewire-Reason")));
    }
    let log = carewire.stderr();
    for (_, code) in NOT_CODES {
        assert!(!everything.contains(code), "{code} reached the outputs");
        assert!(!log.contains(code), "{code} reached the log");
    }
    // Log fields cannot carry a phone number, a date or an MRN, a log event
    // name cannot be a user name, and a call logs a bounded number of events.
    for phi in ["15555550101", "19620314", "4471902", "maria.lopez"] {
        assert!(!log.contains(phi), "{phi} reached the log:\n{log}");
    }
    assert!(
        log.contains("over_range"),
        "the log probe's fields are missing:\n{log}"
    );
    let logged = log.matches("misbehave_log").count();
    assert!(
        (1..=16).contains(&logged),
        "{logged} log events from one call"
    );

    // The wall clock a plugin reads is the message's `now`, not the host's.
    let audit = out.audit("sandbox-clock");
    assert_eq!(
        plugin_entry(&audit, "clock-probe")["labels"]["clock"],
        "now",
        "{audit:#}"
    );

    for id in &ok_ids {
        out.sent(id, "sms");
        let audit = out.audit(id);
        assert!(
            !reasons(&audit)
                .iter()
                .any(|r| r.starts_with("plugin_failed")),
            "{audit:#}"
        );
    }
    assert!(
        carewire.is_running(),
        "carewire died:\n{}",
        carewire.stderr()
    );
}

/// A decision too large for one NATS message (here a server with
/// `max_payload: 32KB`, and a plugin that puts 16 KB bodies on two
/// channels) goes to the DLQ as undeliverable, once, instead of being
/// retried forever; the next message routes normally.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_decision_goes_to_the_dlq_once() {
    let nats = Nats::start_with_config("max_payload: 32KB\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let plugins = vec![probe(
        "big-bodies",
        "flood-body",
        "BIG-ME",
        json!({"count": 16_000}),
    )];
    let config = ConfigSpec::new(Some(nats.url()), plugins).write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;

    let body = "Your appointment is next Tuesday at the main clinic.";
    publish_json(
        &js,
        "acme",
        &envelope("too-large", PATIENT, Some(PHONE), &format!("{body} BIG-ME")),
    )
    .await;
    publish_json(
        &js,
        "acme",
        &envelope("after-large", PATIENT, Some(PHONE), body),
    )
    .await;
    let mut collector = Collector::new(&js);
    collector
        .wait_finished(&["too-large".to_string(), "after-large".to_string()])
        .await;
    let out = collector.settle().await.clone();

    assert!(out.outbound_for("too-large").is_empty());
    let dlq = out.dlq_for("too-large");
    assert_eq!(dlq.len(), 1, "{dlq:#?}");
    assert_eq!(dlq[0].subject, "carewire.dlq.undeliverable");
    assert_eq!(
        dlq[0].header("Carewire-Reason").as_deref(),
        Some("decision_too_large")
    );
    let audit = out.audit("too-large");
    assert_eq!(audit["outcome"], "undeliverable", "{audit:#}");
    assert_eq!(audit["reason"], "decision_too_large", "{audit:#}");
    assert_eq!(out.audits_for("too-large").len(), 1);
    let info = consumer_info(&js).await;
    assert_eq!(info.num_redelivered, 0, "a message was retried: {info:#?}");
    out.sent("after-large", "sms");
    assert!(
        carewire.is_running(),
        "carewire died:\n{}",
        carewire.stderr()
    );
}

const NOW: &str = "2026-11-27T12:00:00Z";
const NOW_MS: i64 = 1_795_780_800_000;

/// Runs `carewire replay --now NOW` over `input` (JSONL): (decision lines, stderr).
fn replay(config: &std::path::Path, dir: &std::path::Path, input: &str) -> (String, String) {
    let path = dir.join("input.jsonl");
    std::fs::write(&path, input).expect("write input");
    let input = path;
    let (status, stdout, stderr) = carewire_cmd(&[
        "replay",
        "--config",
        config.to_str().expect("utf-8"),
        "--input",
        input.to_str().expect("utf-8"),
        "--now",
        NOW,
    ]);
    assert!(status.success(), "replay failed:\n{stderr}");
    (stdout, stderr)
}

fn decisions(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a decision line"))
        .collect()
}

/// Each WASI capability a plugin may try, denied: the clocks read `now`,
/// random numbers are seeded by the message, sleeping does not wait, and
/// no file, environment variable, argument, stdin byte, socket or name
/// lookup is reachable. `replay` with the same `--now` answers the same,
/// byte for byte, every run.
#[test]
fn wasi_is_virtual_and_replay_is_deterministic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plugins = vec![
        probe("clock-probe", "clock-probe", "", json!({})),
        probe("fs-probe", "fs-probe", "", json!({})),
        probe("env-probe", "env-probe", "", json!({})),
        probe("net-probe", "net-probe", "", json!({})),
        probe("sleep-probe", "sleep", "", json!({})),
    ];
    let config = ConfigSpec::new(None, plugins).write(dir.path());
    let lines: Vec<String> = (0..4)
        .map(|n| {
            envelope(
                &format!("wasi-{n}"),
                PATIENT,
                Some(PHONE),
                "Your results are ready.",
            )
            .to_string()
        })
        .collect();
    let (first, _) = replay(&config, dir.path(), &lines.join("\n"));
    let (second, _) = replay(&config, dir.path(), &lines.join("\n"));
    assert_eq!(first, second, "replay is not deterministic");

    let decided = decisions(&first);
    assert_eq!(decided.len(), lines.len());
    let mut randoms = std::collections::HashSet::new();
    for d in &decided {
        for (probe, _) in d["plugins"].as_object().expect("plugins") {
            assert_eq!(d["plugins"][probe], "continue", "{d:#}");
        }
        assert_eq!(d["labels"]["clock"], "now", "wall clock: {d:#}");
        assert_eq!(d["labels"]["fs"], "denied", "files: {d:#}");
        assert_eq!(d["labels"]["env"], "empty", "environment: {d:#}");
        assert_eq!(d["labels"]["net"], "denied", "network: {d:#}");
        let portal = d["bodies"]["portal"].as_str().expect("portal body");
        assert!(
            portal.starts_with(&format!(
                "now_ms={NOW_MS} wall_ms={NOW_MS} mono_ns={NOW_MS}000000 "
            )),
            "{portal}"
        );
        randoms.insert(portal.to_string());
    }
    assert_eq!(
        randoms.len(),
        lines.len(),
        "every message draws its own random numbers"
    );
}

/// A compile cache entry is native code: one that was altered, truncated
/// or swapped for another plugin's is compiled again, never run, and
/// replaced; the plugins answer as before.
#[test]
fn a_tampered_compile_cache_is_recompiled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(None, clinical_plugins()).write(dir.path());
    let lines = std::fs::read_to_string(repo_root().join("examples/messages.jsonl"))
        .expect("read examples/messages.jsonl");
    let (baseline, _) = replay(&config, dir.path(), &lines);
    let cache = dir.path().join("cache");
    let entry_of = |plugin: &str| {
        let digest = plugin_digest(plugin);
        std::fs::read_dir(&cache)
            .expect("cache dir")
            .map(|e| e.expect("entry").path())
            .find(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with(&digest) && name.ends_with(".cwasm")
            })
            .unwrap_or_else(|| panic!("no cache entry for {plugin}"))
    };
    let entry = entry_of("phi-redact");
    let sum = entry.with_extension("cwasm.sha256");
    let good = std::fs::read(&entry).expect("read entry");
    assert!(sum.is_file(), "no digest beside {}", entry.display());

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let other = std::fs::read(entry_of("consent")).expect("read entry");
    let other_sum =
        std::fs::read(entry_of("consent").with_extension("cwasm.sha256")).expect("read");
    // (what, the entry's bytes, the digest beside it: kept when `None`).
    let tampers = [
        ("a flipped byte", flipped, None),
        ("a truncated entry", good[..good.len() / 2].to_vec(), None),
        ("another plugin's entry", other, Some(other_sum)),
    ];
    for (what, bytes, digest) in tampers {
        std::fs::write(&entry, &bytes).expect("tamper");
        if let Some(digest) = digest {
            std::fs::write(&sum, digest).expect("tamper with the digest");
        }
        let (answer, stderr) = replay(&config, dir.path(), &lines);
        assert_eq!(
            answer, baseline,
            "with {what}, the plugins answered otherwise"
        );
        assert!(
            stderr.contains("compile cache entry refused"),
            "with {what}: {stderr}"
        );
        assert_eq!(
            std::fs::read(&entry).expect("read entry"),
            good,
            "with {what}, the entry was not replaced"
        );
    }
}
