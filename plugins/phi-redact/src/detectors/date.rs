//! Dates with a month and day (the year alone is kept): 3/14, 03/14/1962,
//! 3-14-62, 14.03.1962, 1962-03-14, March 14, Mar. 14th, 1962,
//! 14 March 1962, the 14th of March, and month with year (March 1962).

use regex::Regex;

use super::Detector;
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// Words after a bare "1/2" that make it a fraction, not a date.
const UNITS: &[&str] = &[
    "tab",
    "tabs",
    "tablet",
    "tablets",
    "pill",
    "pills",
    "cap",
    "caps",
    "capsule",
    "capsules",
    "cup",
    "cups",
    "tsp",
    "tbsp",
    "teaspoon",
    "teaspoons",
    "tablespoon",
    "tablespoons",
    "dose",
    "doses",
    "mg",
    "ml",
    "inch",
    "inches",
    "mile",
    "miles",
    "hour",
    "hours",
    "of",
];

pub struct Dates {
    numeric: Regex,
    named: Regex,
}

impl Dates {
    pub fn new() -> Result<Self, regex::Error> {
        let numeric = super::compile(concat!(
            r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b",
            r"|\b(\d{1,2})([/.-])(\d{1,2})(?:([/.-])(\d{4}|\d{2}))?\b",
        ))?;
        let day = r"\d{1,2}(?:st|nd|rd|th)?\b";
        let year = r"(?:,?\s+\d{4}\b)?";
        let named = super::compile(&format!(
            r"(?i)\b{MONTH}\b\.?\s+{day}{year}|\b(?:the\s+)?{day}\s+(?:of\s+)?{MONTH}\b\.?{year}|\b{MONTH}\b\.?,?\s+\d{{4}}\b"
        ))?;
        Ok(Self { numeric, named })
    }
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn followed_by_unit(rest: &str) -> bool {
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    UNITS.contains(&next.as_str())
}

impl Detector for Dates {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        for caps in self.numeric.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let keep = match (number(1), number(3)) {
                // The ISO alternative has no groups.
                (None, _) | (_, None) => true,
                (Some(a), Some(b)) => {
                    let sep = caps.get(2).map(|m| m.as_str());
                    match caps.get(4).map(|m| m.as_str()) {
                        Some(sep2) => Some(sep2) == sep && (valid(a, b) || valid(b, a)),
                        None => {
                            sep == Some("/")
                                && valid(a, b)
                                && !followed_by_unit(text.get(whole.end()..).unwrap_or_default())
                        }
                    }
                }
            };
            if keep {
                out.push(Finding::new(whole.start(), whole.end(), Kind::Date));
            }
        }
        out.extend(
            self.named
                .find_iter(text)
                .map(|m| Finding::new(m.start(), m.end(), Kind::Date)),
        );
    }
}
