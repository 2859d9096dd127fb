//! A code given again, corrected or as an alternative, right after one
//! already found: "serial is 8LM3OQ not 8LM3KQ", "id 7HN2201.. wait no
//! 80KT3B", "its 4471 or 4417". The second is as identifying as the
//! first (the sender is unsure which is right). Reported with the first
//! one's kind.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct CorrectedCodes;

/// Words that offer another reading of a code just given.
const TURNS: &[&str] = &["not", "no", "or", "actually", "nope", "sorry", "o", "ni"];

/// A code's shape: letters and digits together, or six digits or more.
fn code_like(token: &str) -> bool {
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
    let alnum = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    alnum && ((digits >= 1 && letters >= 1 && token.len() >= 5) || digits >= 6) && token.len() <= 20
}

impl Detector for CorrectedCodes {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let codes: Vec<(usize, Kind)> = out
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    Kind::Device | Kind::Id | Kind::Vehicle | Kind::License
                )
            })
            .map(|f| (f.end, f.kind))
            .collect();
        for (end, kind) in codes {
            let words: Vec<_> = scan
                .words
                .iter()
                .filter(|w| w.start >= end)
                .take(4)
                .collect();
            let Some(turn) = words.iter().position(|w| TURNS.contains(&&*w.lower)) else {
                continue;
            };
            if let Some(code) = words[turn + 1..]
                .iter()
                .take(2)
                .find(|w| code_like(&scan.text[w.start..w.end]))
            {
                super::push_new(out, kind, code.start, code.end);
            }
        }
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
