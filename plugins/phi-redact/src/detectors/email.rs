//! Email addresses.

use regex::Regex;

use super::{Detector, Scan, find_regex};
use crate::finding::{Finding, Kind};

pub struct Emails {
    written: Regex,
    /// Said aloud or dictated: "marty dot kessler at gmail dot com",
    /// "lupita punto garza arroba yahoo punto com".
    spoken: Regex,
}

impl Emails {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            written: super::compile(
                r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b",
            )?,
            spoken: super::compile(concat!(
                r"(?i)\b[a-z0-9]+(?: (?:dot|punto|underscore|guion bajo) [a-z0-9]+)*",
                r" (?:at|arroba) [a-z0-9]+(?: (?:dot|punto) [a-z0-9]+)*",
                r" (?:dot|punto) (?:com|net|org|edu|gov|mx|us|info)\b",
            ))?,
        })
    }
}

impl Detector for Emails {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if text.contains('@') {
            find_regex(&self.written, text, Kind::Email, out);
        }
        let lower = scan.lower;
        if (lower.contains(" at ") || lower.contains(" arroba "))
            && (lower.contains(" dot ") || lower.contains(" punto "))
        {
            find_regex(&self.spoken, text, Kind::Email, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Emails::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn addresses() {
        assert_eq!(
            emails("new one luis1975@yahoo.com, old h.davenport6@hotmail.com."),
            vec!["luis1975@yahoo.com", "h.davenport6@hotmail.com"]
        );
        assert!(emails("meet @ 5pm, email us via the portal, a@b").is_empty());
    }

    #[test]
    fn addresses_said_aloud() {
        assert_eq!(
            emails("my email is rene dot ochoa at outlook dot com thanks"),
            vec!["rene dot ochoa at outlook dot com"]
        );
        assert_eq!(
            emails("el correo es beto punto lara arroba gmail punto com"),
            vec!["beto punto lara arroba gmail punto com"]
        );
        // A written domain after "at" is a site, not an address said aloud.
        assert!(emails("pay at oakvalleyhealth.org/billpay or see us at noon").is_empty());
        assert!(emails("meet me at the office dot com is down, see you at noon.").is_empty());
    }
}
