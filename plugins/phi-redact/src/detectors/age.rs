//! Ages of 90 and over (Safe Harbor keeps younger ages): "94 Y/O",
//! "95 years old", "a 92-year-old", "97th birthday", "aged 91", "93F".
//! Only the number is replaced.

use regex::Regex;

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct Ages(Regex);

impl Ages {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r"(?i)\b(\d{2,3})(?:\s*(?:y/o|y\.o\.?|yo|yrs?\.?\s+old|years?[\s-]+old|years?-old|-?\s*year-old)",
            r"|(?:st|nd|rd|th)\s+birthday|[mf])\b",
            r"|\b(?:age|aged|ages|age:)\s*(\d{2,3})\b",
        ))
        .map(Self)
    }
}

/// Ages written in words: "ninety", "ninety-two", "one hundred", "a
/// hundred and one" (not before a unit: "ninety days").
fn ages_in_words(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let words = scan.words;
    for (i, w) in words.iter().enumerate() {
        let start = match &*w.lower {
            "ninety" => w.start,
            "hundred" if i > 0 && matches!(&*words[i - 1].lower, "one" | "a") => words[i - 1].start,
            _ => continue,
        };
        // "ninety-two", "hundred and one": the unit word that follows.
        let mut end = w.end;
        let mut next = i + 1;
        if let Some(n) = words.get(next)
            && matches!(
                &*n.lower,
                "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
            )
            && scan.text[w.end..n.start].len() <= 1
        {
            end = n.end;
            next += 1;
        }
        if !words.get(next).is_some_and(|n| super::is_unit(&n.lower)) {
            out.push(Finding::new(start, end, Kind::Age));
        }
    }
}

impl Detector for Ages {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        ages_in_words(scan, out);
        if !scan.profile.age_hint {
            return;
        }
        for caps in self.0.captures_iter(scan.text) {
            let Some(number) = caps.get(1).or_else(|| caps.get(2)) else {
                continue;
            };
            let age: u32 = number.as_str().parse().unwrap_or(0);
            if (90..=130).contains(&age) {
                out.push(Finding::new(number.start(), number.end(), Kind::Age));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Ages::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn old_ages_only() {
        assert_eq!(ages("WEI ZHANG, 94 Y/O, POD B"), vec!["94"]);
        assert_eq!(ages("Happy 101th  birthday Johnny"), vec!["101"]);
        assert_eq!(ages("Pt Baker is 95 years old"), vec!["95"]);
        assert_eq!(
            ages("a 92-year-old man, aged 91, 93F"),
            vec!["92", "91", "93"]
        );
        assert!(ages("Bao Le 20F, 72 y/o, 89 years old, 90 mg, 95th percentile").is_empty());
        assert_eq!(
            ages("Patient is ninety-two, she turns one hundred soon"),
            vec!["ninety-two", "one hundred"]
        );
        assert!(ages("Take it for ninety days.").is_empty());
    }
}
