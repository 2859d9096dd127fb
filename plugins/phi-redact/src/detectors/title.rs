//! Names after a title: "Dr. Smith", "Mrs Jane Doe" (the capitalised word
//! or two after Dr, Mr, Mrs, Ms, Mx, Miss or Prof; "O'Neil" and
//! "Smith-Jones" are one word, a possessive "'s" is not part of the name).
//! The title stays.

use regex::Regex;

use super::Detector;
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct TitledNames(Regex);

impl TitledNames {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r"\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof)\.?\s+",
            r"(\p{Lu}\p{L}+(?:['\u{2019}-]\p{Lu}\p{L}+)?(?:\s+\p{Lu}\p{L}+(?:['\u{2019}-]\p{Lu}\p{L}+)?)?)",
        ))
        .map(Self)
    }
}

impl Detector for TitledNames {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        for caps in self.0.captures_iter(text) {
            if let Some(name) = caps.get(1) {
                out.push(Finding::new(name.start(), name.end(), Kind::Name));
            }
        }
    }
}
