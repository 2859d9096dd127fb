//! US social security numbers written 123-45-6789 or 123 45 6789.

use regex::Regex;

use super::{Detector, find_regex, has_digit};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct Ssns(Regex);

impl Ssns {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(r"\b\d{3}-\d{2}-\d{4}\b|\b\d{3} \d{2} \d{4}\b").map(Self)
    }
}

impl Detector for Ssns {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !has_digit(text) {
            return;
        }
        find_regex(&self.0, text, Kind::Ssn, out);
    }
}
