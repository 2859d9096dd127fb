//! Email addresses.

use regex::Regex;

use super::{Detector, find_regex};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct Emails(Regex);

impl Emails {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b").map(Self)
    }
}

impl Detector for Emails {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !text.contains('@') {
            return;
        }
        find_regex(&self.0, text, Kind::Email, out);
    }
}
