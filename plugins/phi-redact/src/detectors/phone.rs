//! Phone and fax numbers: US formats ((555) 123-4567, 555.123.4567,
//! +1 555 123 4567, 5551234567), 7-digit local numbers (123-4567) and
//! `+`-prefixed international numbers.

use regex::Regex;

use super::{Detector, has_digit, stands_alone};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct Phones(Regex);

impl Phones {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}",
            r"|(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}",
            r"|\b\d{3}[.-]\d{4}\b",
        ))
        .map(Self)
    }
}

impl Detector for Phones {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !has_digit(text) {
            return;
        }
        out.extend(
            self.0
                .find_iter(text)
                .filter(|m| stands_alone(text, m.start(), m.end()))
                .map(|m| Finding::new(m.start(), m.end(), Kind::Phone)),
        );
    }
}
