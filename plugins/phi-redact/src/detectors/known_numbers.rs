//! The patient's MRN and the recipient's phone number, in any format
//! ("00-12345", "555 123 4567", "+1 (555) 123-4567").

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::words::{Word, find_joined};

const MAX_WORDS: usize = 8;

pub struct KnownNumbers;

/// Moves `start` back over a `+` or `(` that belongs to the number.
fn with_prefix(text: &str, start: usize) -> usize {
    let before = text.get(..start).unwrap_or_default();
    let trimmed = before.trim_end_matches(['+', '(']);
    trimmed.len()
}

impl Detector for KnownNumbers {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words, known) = (scan.text, scan.words, scan.known);
        for (start, end) in find_joined(text, words, &known.mrns, MAX_WORDS, |_| true) {
            out.push(Finding::new(start, end, Kind::Mrn));
        }
        for (start, end) in find_joined(text, words, &known.phones, MAX_WORDS, Word::is_digits) {
            out.push(Finding::new(with_prefix(text, start), end, Kind::Phone));
        }
    }
}
