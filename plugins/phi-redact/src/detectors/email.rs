//! Email addresses.

use regex::Regex;

use super::{Detector, Scan, find_regex};
use crate::finding::{Finding, Kind};

pub struct Emails(Regex);

impl Emails {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b").map(Self)
    }
}

impl Detector for Emails {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if !text.contains('@') {
            return;
        }
        find_regex(&self.0, text, Kind::Email, out);
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
}
