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

/// Whether `text` is a code, as the WIT contract defines one (wit/README.md,
/// "Codes"): words of `a-z 0-9` joined by single `_` or `-`, with at most
/// one `:` between two such segments, 1 to 64 bytes, and no more than four
/// digits in a row (digits joined only by `_ - :` count as in a row). So
/// `urgent:chest_pain` is a code, and `maria.lopez`, `15555550101`,
/// `1962-03-14` and `mrn:4471902` are not.
pub fn is_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 64 {
        return false;
    }
    let (mut colons, mut digit_run, mut after_separator) = (0, 0, true);
    for &b in bytes {
        match b {
            b'a'..=b'z' => (digit_run, after_separator) = (0, false),
            b'0'..=b'9' => {
                digit_run += 1;
                if digit_run > 4 {
                    return false;
                }
                after_separator = false;
            }
            b'_' | b'-' | b':' => {
                colons += usize::from(b == b':');
                if after_separator || colons > 1 {
                    return false;
                }
                after_separator = true;
            }
            _ => return false,
        }
    }
    !after_separator
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
        for ok in [
            "a",
            "consent_missing",
            "urgent:chest_pain",
            "x-y_z",
            "9",
            "icd10:r07",
        ] {
            assert!(is_code(ok), "{ok}");
        }
        let too_long = "a".repeat(65);
        for bad in [
            "",
            "_a",
            "a_",
            "A",
            "has space",
            "é",
            too_long.as_str(),
            "x.y",
            "maria.lopez",
            "15555550101",
            "1962-03-14",
            "mrn:4471902",
            "a:b:c",
            "a@b",
        ] {
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
