//! The patient's and recipient's names and name parts, wherever they
//! appear, in any case and with spacing or punctuation variants.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::words::find_joined;

/// The most words a name may be spread over ("mary anne o neil").
const MAX_WORDS: usize = 6;

pub struct KnownNames;

impl Detector for KnownNames {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words, known) = (scan.text, scan.words, scan.known);
        out.extend(
            find_joined(text, words, &known.names, MAX_WORDS, |_| true)
                .into_iter()
                .map(|(start, end)| Finding::new(start, end, Kind::Name)),
        );
    }
}
