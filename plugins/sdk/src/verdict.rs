//! Building and reading verdicts.
//!
//! ```
//! use carewire_plugin_sdk::{Channel, Verdict};
//! let v = Verdict::pass().deny(Channel::Sms).reason("consent_missing");
//! assert!(v.denies(Channel::Sms));
//! ```
//! Reason codes, label keys and label values must be codes (see [`is_code`]);
//! builders check this in debug builds. Never build one from message data.

use crate::{BodyReplacement, Channel, Flow, Label, Verdict};

/// Whether `text` is a code: 1 to 64 characters of `a-z 0-9 _ . : -`,
/// starting with a letter or digit (the WIT contract's definition).
pub fn is_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.:-".contains(b);
    match bytes.first() {
        Some(first) if first.is_ascii_lowercase() || first.is_ascii_digit() => {
            bytes.len() <= 64 && bytes.iter().all(allowed)
        }
        _ => false,
    }
}

fn checked(code: impl Into<String>) -> String {
    let code = code.into();
    debug_assert!(is_code(&code), "not a code: {code:?}");
    code
}

impl Verdict {
    /// Continue the chain; deny nothing, require nothing, change nothing.
    pub fn pass() -> Self {
        Verdict {
            flow: Flow::Continue,
            deny: Vec::new(),
            require: None,
            bodies: Vec::new(),
            labels: Vec::new(),
            reasons: Vec::new(),
        }
    }

    /// Stop the chain: the message goes nowhere (`undeliverable`). `code`
    /// is also added to the reasons.
    pub fn halt(code: &str) -> Self {
        let mut verdict = Self::pass().reason(code);
        verdict.flow = Flow::Halt(checked(code));
        verdict
    }

    /// No SMS for this message, because of `code` (the most common verdict
    /// of a safety plugin).
    pub fn deny_sms(code: &str) -> Self {
        Self::pass().deny(Channel::Sms).reason(code)
    }

    /// Forbid `channel` for this message.
    pub fn deny(mut self, channel: Channel) -> Self {
        if !self.deny.contains(&channel) {
            self.deny.push(channel);
        }
        self
    }

    /// This message must take `channel`.
    pub fn require(mut self, channel: Channel) -> Self {
        self.require = Some(channel);
        self
    }

    /// Send `body` on `channel` instead of the original body (replaces an
    /// earlier replacement for the same channel).
    pub fn body(mut self, channel: Channel, body: impl Into<String>) -> Self {
        self.bodies.retain(|b| b.channel != channel);
        self.bodies.push(BodyReplacement {
            channel,
            body: body.into(),
        });
        self
    }

    /// Adds a `key=value` label (replaces an earlier one with the same key).
    pub fn label(mut self, key: &str, value: &str) -> Self {
        self.labels.retain(|l| l.key != key);
        self.labels.push(Label {
            key: checked(key),
            value: checked(value),
        });
        self
    }

    /// Adds a reason code (once).
    pub fn reason(mut self, code: &str) -> Self {
        if !self.reasons.iter().any(|r| r == code) {
            self.reasons.push(checked(code));
        }
        self
    }

    /// Whether the chain stops here.
    pub fn is_halt(&self) -> bool {
        matches!(self.flow, Flow::Halt(_))
    }

    pub fn denies(&self, channel: Channel) -> bool {
        self.deny.contains(&channel)
    }

    pub fn has_reason(&self, code: &str) -> bool {
        self.reasons.iter().any(|r| r == code)
    }

    pub fn label_value(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|l| l.key == key)
            .map(|l| l.value.as_str())
    }

    pub fn body_for(&self, channel: Channel) -> Option<&str> {
        self.bodies
            .iter()
            .find(|b| b.channel == channel)
            .map(|b| b.body.as_str())
    }

    /// Whether every reason, label key and label value is a code.
    pub fn codes_are_valid(&self) -> bool {
        let halt_ok = match &self.flow {
            Flow::Halt(code) => is_code(code),
            Flow::Continue => true,
        };
        halt_ok
            && self.reasons.iter().all(|r| is_code(r))
            && self
                .labels
                .iter()
                .all(|l| is_code(&l.key) && is_code(&l.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        for ok in ["a", "consent_missing", "urgent:chest_pain", "x.y-z", "9"] {
            assert!(is_code(ok), "{ok}");
        }
        let too_long = "a".repeat(65);
        for bad in ["", "_a", "A", "has space", "é", too_long.as_str()] {
            assert!(!is_code(bad), "{bad}");
        }
    }

    #[test]
    fn builder_collects_without_duplicates() {
        let v = Verdict::pass()
            .deny(Channel::Sms)
            .deny(Channel::Sms)
            .require(Channel::Escalation)
            .body(Channel::Sms, "one")
            .body(Channel::Sms, "two")
            .label("urgency", "routine")
            .label("urgency", "urgent")
            .reason("r1")
            .reason("r1");
        assert_eq!(v.deny, vec![Channel::Sms]);
        assert_eq!(v.require, Some(Channel::Escalation));
        assert_eq!(v.body_for(Channel::Sms), Some("two"));
        assert_eq!(v.body_for(Channel::Portal), None);
        assert_eq!(v.label_value("urgency"), Some("urgent"));
        assert_eq!(v.labels.len(), 1);
        assert_eq!(v.reasons, vec!["r1".to_owned()]);
        assert!(!v.is_halt());
        assert!(v.codes_are_valid());
    }

    #[test]
    fn halt_records_its_code() {
        let v = Verdict::halt("do_not_contact");
        assert_eq!(v.flow, Flow::Halt("do_not_contact".to_owned()));
        assert!(v.is_halt());
        assert!(v.has_reason("do_not_contact"));
    }
}
