//! ZIP codes: 12345 or 12345-6789.

use regex::Regex;

use super::{Detector, find_regex, has_digit};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct Zips(Regex);

impl Zips {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(r"\b\d{5}(?:-\d{4})?\b").map(Self)
    }
}

impl Detector for Zips {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !has_digit(text) {
            return;
        }
        find_regex(&self.0, text, Kind::Zip, out);
    }
}
