//! The triage verdict for one message.

use carewire_plugin_sdk::{Channel, Message, Priority, Verdict};

use crate::cues::Cues;
use crate::pattern::PatternSet;
use crate::rules::{self, Rule};
use crate::text;

/// The compiled rules and cues, built once at init.
pub struct Triage {
    patterns: PatternSet,
    rules: Vec<Rule>,
    cues: Cues,
}

impl Default for Triage {
    fn default() -> Self {
        let mut patterns = PatternSet::default();
        let rules = rules::register(&mut patterns);
        let cues = Cues::register(&mut patterns);
        Self {
            patterns,
            rules,
            cues,
        }
    }
}

impl Triage {
    /// The codes of the red-flag rules that fire on `body`, in rule order.
    pub fn red_flags(&self, body: &str) -> Vec<&'static str> {
        let tokens = text::tokenize(body);
        let matches = self.patterns.scan(&tokens);
        let found = self.cues.find(&tokens, &matches);
        self.rules
            .iter()
            .filter(|rule| rule.fires(&tokens, &matches, &found))
            .map(|rule| rule.code)
            .collect()
    }

    /// Urgent (label `urgency=urgent`, escalation required, a reason per
    /// cause) when the priority is `stat` or a red flag fires; otherwise
    /// routine. The sender's `urgent` hint is only labelled.
    pub fn decide(&self, message: &Message) -> Verdict {
        let mut reasons: Vec<String> = Vec::new();
        if message.priority == Priority::Stat {
            reasons.push("urgent_stat_priority".to_owned());
        }
        reasons.extend(
            self.red_flags(&message.body)
                .into_iter()
                .map(|code| format!("urgent:{code}")),
        );
        let mut verdict = if reasons.is_empty() {
            Verdict::pass()
                .label("urgency", "routine")
                .reason("routine")
        } else {
            let mut v = Verdict::pass()
                .label("urgency", "urgent")
                .require(Channel::Escalation);
            for reason in &reasons {
                v = v.reason(reason);
            }
            v
        };
        if message.priority == Priority::Urgent {
            verdict = verdict.label("priority_hint", "urgent");
        }
        verdict
    }
}
