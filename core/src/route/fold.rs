//! Folding the plugins' verdicts, in chain order, into one view of what the
//! message may and must do.

use std::collections::{BTreeMap, BTreeSet};

pub use crate::chain::Verdict;
use crate::chain::{PluginOutcome, PluginReport};
use crate::common::channel::Channel;
use crate::config::FailurePolicy;

/// The chain's verdicts folded together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The first halt reason, if a plugin halted.
    pub halted: Option<String>,
    /// Every channel any plugin denied.
    pub denied: BTreeSet<Channel>,
    /// The strongest channel required (escalation > portal > sms).
    pub required: Option<Channel>,
    /// Body replacements; a later plugin's replacement wins.
    pub bodies: BTreeMap<Channel, String>,
    /// Labels; a later plugin's value for a key wins.
    pub labels: BTreeMap<String, String>,
    /// Reason codes in chain order.
    pub reasons: Vec<String>,
}

impl Folded {
    fn apply(&mut self, v: &Verdict) {
        if self.halted.is_none() {
            self.halted.clone_from(&v.halt);
        }
        self.denied.extend(v.deny.iter().copied());
        self.required = self.required.max(v.require);
        for (channel, body) in &v.bodies {
            self.bodies.insert(*channel, body.clone());
        }
        for (k, val) in &v.labels {
            self.labels.insert(k.clone(), val.clone());
        }
        self.reasons.extend(v.reasons.iter().cloned());
    }

    /// A replacement body with no text cannot be sent (FHIR forbids empty
    /// strings; an empty SMS says nothing): it denies its channel, except
    /// for an escalation, which keeps the original body and still goes.
    fn refuse_blank_bodies(&mut self) {
        let blank: Vec<Channel> = self
            .bodies
            .iter()
            .filter(|(_, body)| !crate::envelope::fields::is_valid_body(body))
            .map(|(channel, _)| *channel)
            .collect();
        for channel in blank {
            self.bodies.remove(&channel);
            if channel != Channel::Escalation {
                self.denied.insert(channel);
            }
            self.reasons.push(format!("blank_body:{channel}"));
        }
    }
}

/// What a plugin's failure turns into, by its policy: always at least "no SMS".
pub fn failure_verdict(policy: FailurePolicy, kind: &str) -> Verdict {
    let reason = format!("plugin_failed:{kind}");
    match policy {
        FailurePolicy::DenySms => Verdict {
            deny: vec![Channel::Sms],
            reasons: vec![reason],
            ..Verdict::default()
        },
        FailurePolicy::Escalate => Verdict {
            deny: vec![Channel::Sms],
            require: Some(Channel::Escalation),
            reasons: vec![reason],
            ..Verdict::default()
        },
        FailurePolicy::Halt => Verdict {
            halt: Some(reason.clone()),
            deny: vec![Channel::Sms],
            reasons: vec![reason],
            ..Verdict::default()
        },
    }
}

/// Folds the reports of a chain run in order; a failed plugin counts as the
/// verdict of its failure policy.
pub fn fold(reports: &[PluginReport]) -> Folded {
    let mut folded = Folded::default();
    for report in reports {
        match &report.outcome {
            PluginOutcome::Answered(v) => folded.apply(v),
            PluginOutcome::Failed(kind) => {
                folded.apply(&failure_verdict(report.on_failure, kind.as_str()));
            }
        }
    }
    folded.refuse_blank_bodies();
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::FailureKind;
    use std::time::Duration;

    fn report(name: &str, outcome: PluginOutcome) -> PluginReport {
        report_with(name, outcome, FailurePolicy::DenySms)
    }

    fn report_with(name: &str, outcome: PluginOutcome, on_failure: FailurePolicy) -> PluginReport {
        PluginReport {
            name: name.into(),
            digest: "d".into(),
            outcome,
            duration: Duration::ZERO,
            on_failure,
            kv_reads: Vec::new(),
        }
    }

    #[test]
    fn later_bodies_and_labels_win_denials_accumulate() {
        let a = Verdict {
            deny: vec![Channel::Portal],
            bodies: vec![(Channel::Sms, "first".into())],
            labels: vec![("k".into(), "1".into())],
            reasons: vec!["a".into()],
            ..Verdict::default()
        };
        let b = Verdict {
            deny: vec![Channel::Sms],
            bodies: vec![(Channel::Sms, "second".into())],
            labels: vec![("k".into(), "2".into())],
            reasons: vec!["b".into()],
            require: Some(Channel::Portal),
            ..Verdict::default()
        };
        let c = Verdict {
            require: Some(Channel::Escalation),
            ..Verdict::default()
        };
        let f = fold(&[
            report("a", PluginOutcome::Answered(a)),
            report("b", PluginOutcome::Answered(b)),
            report("c", PluginOutcome::Answered(c)),
        ]);
        assert_eq!(f.denied, [Channel::Sms, Channel::Portal].into());
        assert_eq!(f.bodies[&Channel::Sms], "second");
        assert_eq!(f.labels["k"], "2");
        assert_eq!(f.reasons, ["a", "b"]);
        assert_eq!(f.required, Some(Channel::Escalation));
    }

    #[test]
    fn failures_fail_closed_by_policy() {
        let failed = |policy| {
            [report_with(
                "p",
                PluginOutcome::Failed(FailureKind::Timeout),
                policy,
            )]
        };
        let deny = fold(&failed(FailurePolicy::DenySms));
        assert!(deny.denied.contains(&Channel::Sms));
        assert_eq!(deny.reasons, ["plugin_failed:timeout"]);
        assert!(deny.halted.is_none());

        let esc = fold(&failed(FailurePolicy::Escalate));
        assert_eq!(esc.required, Some(Channel::Escalation));
        assert!(esc.denied.contains(&Channel::Sms));

        let halt = fold(&failed(FailurePolicy::Halt));
        assert_eq!(halt.halted.as_deref(), Some("plugin_failed:timeout"));
    }

    #[test]
    fn blank_replacement_bodies_deny_their_channel() {
        let v = Verdict {
            bodies: vec![
                (Channel::Sms, " \n".into()),
                (Channel::Portal, String::new()),
                (Channel::Escalation, "\u{a0}".into()),
            ],
            ..Verdict::default()
        };
        let f = fold(&[report("blanker", PluginOutcome::Answered(v))]);
        assert_eq!(
            f.denied,
            BTreeSet::from([Channel::Sms, Channel::Portal]),
            "{f:?}"
        );
        assert!(f.bodies.is_empty(), "{f:?}");
        assert_eq!(
            f.reasons,
            [
                "blank_body:sms",
                "blank_body:portal",
                "blank_body:escalation"
            ]
        );
    }
}
