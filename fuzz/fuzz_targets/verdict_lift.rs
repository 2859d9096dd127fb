//! Verdict lifting: arbitrary WIT verdicts, as a plugin may return them,
//! through the host's conversion (`carewire::chain::lift_verdict`), then a
//! chain's reports (answers and failures under every policy) through
//! `decision::fold` and `router::route`.
//!
//! Checked for every input: no panic; every reason, label and halt code that
//! comes out is a code (`codes::is_code`), whatever the plugin sent; and the
//! route keeps the promises of route/fold.rs and route/choose.rs: a failed plugin
//! means no SMS, a halt means no channel, a denied or unreachable channel is
//! never taken, nothing is sent with a blank body, and a plugin's
//! replacement body is the one sent.

#![no_main]

use std::collections::BTreeSet;

use arbitrary::Arbitrary;
use carewire::channels::Channel;
use carewire::common::codes::is_code;
use carewire::config::FailurePolicy;
use carewire::route::{Verdict, failure_verdict, fold};
use carewire::envelope::{DecodeRules, decode, fields};
use carewire::chain::{FailureKind, PluginOutcome, PluginReport, lift_verdict, wit};
use carewire::route::{Route, route};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
enum ArbChannel {
    Sms,
    Portal,
    Escalation,
}

/// A string a plugin sends where a code belongs.
#[derive(Arbitrary, Debug)]
enum Text<'a> {
    Known(u8),
    Any(&'a str),
}

/// Codes, near-codes and the PHI a code must not carry.
const TEXTS: &[&str] = &[
    "consent_missing",
    "urgent:chest_pain",
    "urgency",
    "urgent",
    "a",
    "0",
    "invalid_code",
    "plugin_failed:timeout",
    "",
    "Jane Doe",
    "+15551234567",
    "_leading",
    "UPPER",
    "a b",
    "é",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

impl Text<'_> {
    fn get(&self) -> String {
        match self {
            Text::Known(i) => TEXTS[usize::from(*i) % TEXTS.len()].to_string(),
            Text::Any(s) => (*s).to_string(),
        }
    }
}

/// A body a plugin puts in place of the original.
#[derive(Arbitrary, Debug)]
enum Body<'a> {
    Known(u8),
    /// Longer than any body may be.
    TooLong,
    Any(&'a str),
}

const BODIES: &[&str] = &[
    "Your results are ready.",
    "",
    " ",
    "\n\t",
    "\u{a0}\u{feff}",
    "x",
];

impl Body<'_> {
    fn get(&self) -> String {
        match self {
            Body::Known(i) => BODIES[usize::from(*i) % BODIES.len()].to_string(),
            Body::TooLong => "x".repeat(fields::MAX_BODY_CHARS + 1),
            Body::Any(s) => (*s).to_string(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ArbVerdict<'a> {
    halt: Option<Text<'a>>,
    deny: Vec<ArbChannel>,
    require: Option<ArbChannel>,
    bodies: Vec<(ArbChannel, Body<'a>)>,
    labels: Vec<(Text<'a>, Text<'a>)>,
    reasons: Vec<Text<'a>>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ArbFailure {
    Timeout,
    OutOfMemory,
    Trap,
    Error,
    Unavailable,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ArbPolicy {
    DenySms,
    Escalate,
    Halt,
}

#[derive(Arbitrary, Debug)]
enum ArbOutcome<'a> {
    Answered(ArbVerdict<'a>),
    Failed(ArbFailure),
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    reports: Vec<(ArbOutcome<'a>, ArbPolicy)>,
    /// The recipient's phone: none, blank or a number.
    phone: Option<&'a str>,
    body: &'a str,
    preference: Vec<ArbChannel>,
}

fuzz_target!(|input: Input| check(input));

fn check(input: Input) {
    let mut envelope_json =
        serde_json::json!({"id": "m-1", "patient": {"id": "p-1"}, "body": input.body});
    if let Some(phone) = input.phone {
        envelope_json["recipient"] = serde_json::json!({"phone": phone});
    }
    let Ok(envelope) = decode(
        envelope_json.to_string().as_bytes(),
        &DecodeRules::default(),
        "acme",
    ) else {
        return;
    };
    let preference: Vec<Channel> = input.preference.iter().map(|&c| channel(c)).collect();

    let reports: Vec<PluginReport> = input
        .reports
        .iter()
        .enumerate()
        .map(|(i, (outcome, policy))| PluginReport {
            name: format!("plugin-{i}"),
            digest: "d".into(),
            outcome: match outcome {
                ArbOutcome::Answered(v) => lifted(v),
                ArbOutcome::Failed(kind) => PluginOutcome::Failed(failure(*kind)),
            },
            duration: std::time::Duration::ZERO,
            on_failure: policy_of(*policy),
            kv_reads: Vec::new(),
        })
        .collect();

    // What each plugin's verdict counts as, in chain order.
    let verdicts: Vec<Verdict> = reports
        .iter()
        .map(|r| match &r.outcome {
            PluginOutcome::Answered(v) => v.clone(),
            PluginOutcome::Failed(kind) => failure_verdict(r.on_failure, kind.as_str()),
        })
        .collect();
    let any_failed = reports
        .iter()
        .any(|r| matches!(r.outcome, PluginOutcome::Failed(_)));
    let first_halt = verdicts.iter().find_map(|v| v.halt.clone());
    let denied: BTreeSet<Channel> = verdicts.iter().flat_map(|v| v.deny.clone()).collect();

    let folded = fold(&reports);
    assert_eq!(folded.halted, first_halt);
    assert!(denied.is_subset(&folded.denied));
    let routed = route(folded, &envelope, &preference);

    for reason in &routed.reasons {
        assert!(is_code(reason), "reason {reason:?} is not a code");
    }
    for (k, v) in &routed.labels {
        assert!(is_code(k) && is_code(v), "label {k:?}={v:?} is not a code");
    }
    match &routed.route {
        Route::Undeliverable(code) => {
            assert!(is_code(code), "undeliverable reason {code:?} is not a code");
        }
        Route::Deliver(c) => {
            assert!(first_halt.is_none(), "a halted chain delivered on {c}");
            assert!(!denied.contains(c), "delivered on denied {c}");
            let body = routed.bodies.get(*c);
            assert!(
                fields::is_valid_body(body),
                "blank or oversized body on {c}"
            );
            // The last replacement a plugin made for this channel is sent,
            // unless it could not be (then the channel is denied, except an
            // escalation, which keeps the original).
            let replacement = verdicts
                .iter()
                .flat_map(|v| &v.bodies)
                .filter(|(channel, _)| channel == c)
                .next_back();
            match replacement {
                Some((_, text)) if fields::is_valid_body(text) => assert_eq!(body, text),
                Some(_) => {
                    assert_eq!(*c, Channel::Escalation, "a blank replacement was sent");
                    assert_eq!(body, envelope.body);
                }
                None => assert_eq!(body, envelope.body),
            }
        }
    }
    if routed.route == Route::Deliver(Channel::Sms) {
        assert!(!any_failed, "an SMS after a plugin failed");
        assert!(
            envelope
                .recipient
                .phone
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty()),
            "an SMS without a phone number"
        );
    }
    match routed.fallback {
        Some(c) => {
            assert_eq!(routed.route, Route::Deliver(Channel::Sms));
            assert_ne!(c, Channel::Sms);
            assert!(!denied.contains(&c), "falls back to denied {c}");
        }
        None => {}
    }
    let urgent = verdicts
        .iter()
        .flat_map(|v| &v.labels)
        .rfind(|(k, _)| k == "urgency")
        .is_some_and(|(_, v)| v == "urgent");
    if first_halt.is_none() && urgent && !denied.contains(&Channel::Escalation) {
        assert_eq!(routed.route, Route::Deliver(Channel::Escalation));
    }
    let required = verdicts.iter().filter_map(|v| v.require).max();
    if let Some(r) = required
        && routed.route != Route::Deliver(r)
    {
        assert!(
            routed
                .reasons
                .iter()
                .any(|c| c == "required_channel_unavailable")
        );
    }
}

/// The plugin's verdict as the host lifts it, checked against what was sent.
fn lifted(v: &ArbVerdict) -> PluginOutcome {
    let sent = wit::Verdict {
        flow: match &v.halt {
            None => wit::Flow::Continue,
            Some(code) => wit::Flow::Halt(code.get()),
        },
        deny: v.deny.iter().map(|&c| wit_channel(c)).collect(),
        require: v.require.map(wit_channel),
        bodies: v
            .bodies
            .iter()
            .map(|(c, body)| wit::BodyReplacement {
                channel: wit_channel(*c),
                body: body.get(),
            })
            .collect(),
        labels: v
            .labels
            .iter()
            .map(|(k, val)| wit::Label {
                key: k.get(),
                value: val.get(),
            })
            .collect(),
        reasons: v.reasons.iter().map(Text::get).collect(),
    };
    let all_codes = v.halt.iter().all(|c| is_code(&c.get()))
        && v.reasons.iter().all(|r| is_code(&r.get()))
        && v.labels
            .iter()
            .all(|(k, val)| is_code(&k.get()) && is_code(&val.get()));
    let lifted = match lift_verdict(sent) {
        Ok(lifted) => lifted,
        // Over a limit, or a field that is not a code: the plugin failed,
        // and its failure policy decides (checked by the caller's route).
        Err(kind) => {
            assert!(
                matches!(kind, FailureKind::Limit | FailureKind::InvalidVerdict),
                "{kind:?}"
            );
            if kind == FailureKind::InvalidVerdict {
                assert!(!all_codes, "a verdict of codes refused as invalid");
            }
            return PluginOutcome::Failed(kind);
        }
    };
    assert!(all_codes, "a verdict with a non-code accepted");
    assert_eq!(lifted.halt, v.halt.as_ref().map(Text::get));
    let deny: Vec<Channel> = v.deny.iter().map(|&c| channel(c)).collect();
    assert_eq!(lifted.deny, deny);
    assert_eq!(lifted.require, v.require.map(channel));
    let bodies: Vec<(Channel, String)> = v
        .bodies
        .iter()
        .map(|(c, b)| (channel(*c), b.get()))
        .collect();
    assert_eq!(lifted.bodies, bodies);
    let labels: Vec<(String, String)> = v
        .labels
        .iter()
        .map(|(k, val)| (k.get(), val.get()))
        .collect();
    assert_eq!(lifted.labels, labels);
    let reasons: Vec<String> = v.reasons.iter().map(Text::get).collect();
    assert_eq!(lifted.reasons, reasons);
    PluginOutcome::Answered(lifted)
}

fn channel(c: ArbChannel) -> Channel {
    match c {
        ArbChannel::Sms => Channel::Sms,
        ArbChannel::Portal => Channel::Portal,
        ArbChannel::Escalation => Channel::Escalation,
    }
}

fn wit_channel(c: ArbChannel) -> wit::Channel {
    match c {
        ArbChannel::Sms => wit::Channel::Sms,
        ArbChannel::Portal => wit::Channel::Portal,
        ArbChannel::Escalation => wit::Channel::Escalation,
    }
}

fn failure(kind: ArbFailure) -> FailureKind {
    match kind {
        ArbFailure::Timeout => FailureKind::Timeout,
        ArbFailure::OutOfMemory => FailureKind::OutOfMemory,
        ArbFailure::Trap => FailureKind::Trap,
        ArbFailure::Error => FailureKind::Error,
        ArbFailure::Unavailable => FailureKind::Unavailable,
    }
}

fn policy_of(policy: ArbPolicy) -> FailurePolicy {
    match policy {
        ArbPolicy::DenySms => FailurePolicy::DenySms,
        ArbPolicy::Escalate => FailurePolicy::Escalate,
        ArbPolicy::Halt => FailurePolicy::Halt,
    }
}
