//! A code given again, corrected or as an alternative, right after one
//! already found: "serial is 8LM3OQ not 8LM3KQ", "id 7HN2201.. wait no
//! 80KT3B", "ending 4471 or 4417". The second is as identifying as the
//! first (the sender is unsure which is right). Reported with the first
//! one's kind. The SSN detector asks the same of its last fours
//! ([`offered_again`]).

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::words::Word;

pub struct CorrectedCodes;

/// Words that offer another reading of a code just given.
const TURNS: &[&str] = &[
    "not", "no", "or", "and", "actually", "nope", "sorry", "o", "y", "ni",
];

/// A code's shape: letters and digits together, or six digits or more.
fn code_like(token: &str) -> bool {
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
    let alnum = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    alnum && ((digits >= 1 && letters >= 1 && token.len() >= 5) || digits >= 6) && token.len() <= 20
}

/// After each finding of `kinds` in `out`, a turn word ("not", "or",
/// "wait no") within four words and a code of the same sort within two
/// more: reported with the first one's kind. An SSN's alternative is a
/// second last four after a last four ("is it 4471?? or 4417"); any
/// other's is code-shaped.
pub(super) fn offered_again(scan: &Scan<'_>, out: &mut Vec<Finding>, kinds: &[Kind]) {
    // (The findings present now: those pushed below are not looked after.)
    for index in 0..out.len() {
        let first = out[index];
        if !kinds.contains(&first.kind) {
            continue;
        }
        // The four words after it (the words are in text order).
        let from = scan.words.partition_point(|w| w.start < first.end);
        let words = &scan.words[from..scan.words.len().min(from + 4)];
        let Some(turn) = words.iter().position(|w| TURNS.contains(&&*w.lower)) else {
            continue;
        };
        let same_sort = |w: &&Word<'_>| {
            if first.kind == Kind::Ssn {
                first.end - first.start == 4 && w.lower.len() == 4 && w.is_digits()
            } else {
                code_like(&scan.text[w.start..w.end])
            }
        };
        if let Some(code) = words[turn + 1..].iter().take(2).find(same_sort) {
            super::push_new(out, first.kind, code.start, code.end);
        }
    }
}

impl Detector for CorrectedCodes {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        offered_again(
            scan,
            out,
            &[Kind::Device, Kind::Id, Kind::Vehicle, Kind::License],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::code_like;

    #[test]
    fn shapes() {
        assert!(code_like("8LM3KQ"));
        assert!(code_like("80KT3B"));
        assert!(!code_like("sorry"));
        assert!(!code_like("2pm"));
    }
}
