//! URLs: with a scheme, starting with `www.`, or a bare domain with a
//! common top-level domain (and optional path).

use regex::Regex;

use super::Detector;
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct Urls(Regex);

impl Urls {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r#"(?i)\b(?:https?://|www\.)[^\s<>"]+"#,
            r#"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|health|care|info|io|us|co|app|me)\b(?:/[^\s<>"]*)?"#,
        ))
        .map(Self)
    }
}

impl Detector for Urls {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        for m in self.0.find_iter(text) {
            // Sentence punctuation right after a URL is not part of it.
            let url = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
            out.push(Finding::new(m.start(), m.start() + url.len(), Kind::Url));
        }
    }
}
