//! Any other long number (six or more digits, optionally with a short
//! letter prefix): account, plan, device and similar unique numbers.

use regex::Regex;

use super::{Detector, find_regex, has_digit};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct LongNumbers(Regex);

impl LongNumbers {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(r"\b[A-Za-z]{0,3}\d{6,}[A-Za-z]?\b").map(Self)
    }
}

impl Detector for LongNumbers {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !has_digit(text) {
            return;
        }
        find_regex(&self.0, text, Kind::Id, out);
    }
}
