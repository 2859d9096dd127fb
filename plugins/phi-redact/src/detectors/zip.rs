//! ZIP codes: 12345 or 12345-6789 (not an amount, a decimal or a quantity
//! with a unit: "10000 units").

use super::{Detector, Scan, is_unit, next_word};
use crate::finding::{Finding, Kind};

pub struct Zips;

impl Zips {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self)
    }
}

/// Byte ranges of 12345 and 12345-6789 standing alone (no letter or digit
/// glued to them): one pass over the bytes.
pub fn zip_codes(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let digits_at =
        |i: usize, n: usize| i + n <= bytes.len() && bytes[i..i + n].iter().all(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && word(i - 1)) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        if end - i == 5 && !word(end) {
            let plus4 = bytes.get(end) == Some(&b'-') && digits_at(end + 1, 4) && !word(end + 5);
            out.push((i, if plus4 { end + 5 } else { end }));
        }
        i = end;
    }
    out
}

impl Detector for Zips {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if scan.profile.longest_digits < 5 {
            return;
        }
        for (start, end) in zip_codes(text) {
            let glued = text[..start].ends_with(['$', '.', ',', '-', '/', ':', '#'])
                || text[end..].starts_with(['-', '/'])
                || text[end..].starts_with(['.', ','])
                    && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
            // "CPT 80053": a procedure code (not "ZIP code 02139"); also a
            // list after the cue ("CPT billed: 85025, 36415") and a code in
            // brackets after a test's name ("vitamin D level (82306)"), where
            // no state stands before it.
            let code = matches!(
                super::previous_word(text, start).as_str(),
                "cpt" | "hcpcs" | "procedure"
            ) || super::tail(&text[..start], 40)
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| {
                    ["cpt", "cpts", "hcpcs"]
                        .iter()
                        .any(|c| w.eq_ignore_ascii_case(c))
                })
                || (text[..start].ends_with('(') && !after_state(text, start - 1));
            if !glued && !code && !is_unit(&next_word(text, end)) {
                out.push(Finding::new(start, end, Kind::Zip));
            }
        }
    }
}

/// Whether a US state's name or abbreviation ends right before byte `at`
/// ("Springfield, IL (62704)").
fn after_state(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', ',']);
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or_default();
    super::city::is_state(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zips(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Zips::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn zip_codes() {
        assert_eq!(zips("Tampa, FL 79388. Rx"), vec!["79388"]);
        assert_eq!(zips("CA 75095-8550 Rx"), vec!["75095-8550"]);
        assert_eq!(zips("ships to the 88885 AREA"), vec!["88885"]);
        assert_eq!(zips("ny 88336: balance"), vec!["88336"]);
        assert!(zips("$12345.00, 10000 units, 1.23456").is_empty());
        assert!(zips("CPT 80053 ordered, procedure 99214").is_empty());
        assert!(zips("CPT billed: 85025, 36415").is_empty());
        assert!(zips("vitamin D level (82306), CBC (85025)").is_empty());
        assert_eq!(zips("Springfield, IL (62704)"), vec!["62704"]);
        assert_eq!(zips("mailed to your home in ZIP code 02139"), vec!["02139"]);
    }
}
