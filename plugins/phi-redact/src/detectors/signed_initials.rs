//! A message signed with initials on its last line: "- T", "—J.M.",
//! "~ KB". A dash (or tilde) opens the line and one to three capital
//! initials, with or without dots, end the message.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct SignedInitials;

impl Detector for SignedInitials {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text.trim_end();
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let Some(rest) = line
            .trim_start()
            .strip_prefix(['-', '\u{2014}', '\u{2013}', '~'])
        else {
            return;
        };
        let initials = rest.trim_start_matches(['-', ' ', '\u{2014}', '\u{2013}']);
        let letters = initials.chars().filter(char::is_ascii_uppercase).count();
        let shape = initials
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == ' ');
        // (A line alone on its own: a one-line message is no signature.)
        if line_start > 0 && shape && (1..=3).contains(&letters) {
            let start = text.len() - initials.len();
            let end = start + initials.trim_end_matches(['.', ' ']).len();
            out.push(Finding::new(start, end, Kind::Name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&SignedInitials, text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn initials_signing_the_last_line() {
        assert_eq!(found("need my refill, same pharmacy.\n- T"), vec!["T"]);
        assert_eq!(
            found("the nurses were wonderful.\n\u{2014}J.M."),
            vec!["J.M"]
        );
        assert_eq!(found("see you then\n~ KB "), vec!["KB"]);
        assert!(found("- T").is_empty());
        assert!(found("bring the forms\n- ASAP please").is_empty());
    }
}
