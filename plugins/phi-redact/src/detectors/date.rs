//! Dates with a month or a day (a year alone is kept, and so are clock
//! times): 3/14, 03/14/1962, 3-14-62, 9-26, 14.03.1962, 1962-03-14,
//! March 14, Mar. 14th, 1962, 14 March 1962, 14-Mar-62, 31DEC2024,
//! the 14th of March, March 2024, "the 14th", and compact birth dates after
//! "dob" (01082005, 112680). Weekday names are left outside.

use regex::Regex;

use super::{Detector, Scan, is_unit, next_word, previous_word};
use crate::finding::{Finding, Kind};

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// A plausible year: 1900-2099 (so "11 May 1515" keeps its clock time).
const YEAR4: &str = r"(?:19|20)\d{2}";

/// Words before a number that make "3-5" a range or score, not a date.
const NOT_DATE_BEFORE: &[&str] = &[
    "ages",
    "age",
    "aged",
    "score",
    "scored",
    "rated",
    "rate",
    "grade",
    "take",
    "takes",
    "taking",
    "about",
    "approximately",
    "between",
    "level",
    "pain",
    "every",
    "q",
    "x",
];

pub struct Dates {
    /// Numeric dates, then dates with a month name: one pass.
    any: Regex,
    ordinal: Regex,
    compact: Regex,
}

impl Dates {
    pub fn new() -> Result<Self, regex::Error> {
        let numeric = format!(
            concat!(
                r"\b{y4}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b",
                r"|\b\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-](?:\d{{4}}|\d{{2}}))?\b",
            ),
            y4 = YEAR4
        );
        let day = r"\d{1,2}(?:st|nd|rd|th)?\b";
        let year = format!(r"(?:,?\s+{YEAR4}\b|,\s*'?\d{{2}}\b)?");
        let named = format!(
            concat!(
                r"\b{m}\b\.?\s*,?\s*{day}{year}",
                r"|\b(?:the\s+)?{day}\s*(?:of\s+)?{m}\b\.?{year}",
                r"|\b\d{{1,2}}[-/ ]?{m}[-/ ]?(?:{y4}|\d{{2}})\b",
                r"|\b{m}\b\.?,?\s+{y4}\b",
            ),
            m = MONTH,
            day = day,
            year = year,
            y4 = YEAR4
        );
        let any = super::compile(&format!("{numeric}|(?i:{named})"))?;
        let ordinal = super::compile(
            r"(?i)\b(?:on|by|before|after|until|since|from|the)\s+(?:the\s+)?(\d{1,2}(?:st|nd|rd|th))\b",
        )?;
        let compact = super::compile(
            r"(?i)\b(?:dob|d\.o\.b\.?|born|birth\s*date|date\s+of\s+birth|birthday)\s*:?\s*(?:is\s+)?(\d{6}|\d{8})\b",
        )?;
        Ok(Self {
            any,
            ordinal,
            compact,
        })
    }
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn compact_is_date(digits: &str) -> bool {
    let n = |r: std::ops::Range<usize>| digits[r].parse::<u32>().unwrap_or(0);
    match digits.len() {
        6 => valid(n(0..2), n(2..4)) || valid(n(2..4), n(0..2)),
        8 => valid(n(0..2), n(2..4)) || valid(n(2..4), n(0..2)) || valid(n(4..6), n(6..8)),
        _ => false,
    }
}

impl Dates {
    fn numeric(text: &str, whole: regex::Match<'_>, out: &mut Vec<Finding>) {
        let glued = text[..whole.start()].ends_with(['-', '/', '.', '$', ':'])
            || text[whole.end()..].starts_with(['-', '/', ':'])
            || text[whole.end()..].starts_with(['.', ','])
                && text[whole.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
        if !glued && numeric_is_date(text, whole.as_str(), whole.start(), whole.end()) {
            out.push(Finding::new(whole.start(), whole.end(), Kind::Date));
        }
    }
}

/// Whether a numeric match ("3/14", "03-14-1962", "1962-03-14") is a date:
/// one separator throughout, a valid month and day, a dotted date with a
/// 4-digit year, and a bare "3/14" or "9-26" not followed by a unit ("1/2
/// tab", "3-5 days") nor after a word that makes it a range or score.
fn numeric_is_date(text: &str, date: &str, start: usize, end: usize) -> bool {
    let seps: Vec<char> = date.chars().filter(|c| !c.is_ascii_digit()).collect();
    if seps.windows(2).any(|w| w[0] != w[1]) {
        return false;
    }
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let number = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (a, b) = (number(0), number(1));
    match parts.len() {
        // ISO: the year first.
        3 if parts[0].len() == 4 => valid(number(1), number(2)),
        3 => (valid(a, b) || valid(b, a)) && (seps[0] != '.' || parts[2].len() == 4),
        2 => {
            let after = next_word(text, end);
            let before = previous_word(text, start);
            seps[0] != '.'
                && valid(a, b)
                && !is_unit(&after)
                && !NOT_DATE_BEFORE.contains(&before.as_str())
        }
        _ => false,
    }
}

impl Dates {
    /// Whether the text has an ordinal number ("14th", "3rd").
    fn has_ordinal(text: &str) -> bool {
        text.as_bytes().windows(3).any(|w| {
            w[0].is_ascii_digit()
                && matches!(
                    [w[1].to_ascii_lowercase(), w[2].to_ascii_lowercase()],
                    [b's', b't'] | [b'n', b'd'] | [b'r', b'd'] | [b't', b'h']
                )
        })
    }
}

impl Detector for Dates {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if !super::has_digit(text) {
            return;
        }
        for m in self.any.find_iter(text) {
            if !m.as_str().bytes().any(|b| b.is_ascii_alphabetic()) {
                Self::numeric(text, m, out);
                continue;
            }
            // "may 3 times": the modal verb, not the month.
            let lower = m.as_str().to_ascii_lowercase();
            if lower.starts_with("may ") && is_unit(&next_word(text, m.end())) {
                continue;
            }
            let trimmed = m.as_str().trim_end_matches([',', ' ', '.']);
            out.push(Finding::new(
                m.start(),
                m.start() + trimmed.len(),
                Kind::Date,
            ));
        }
        let ordinals = if Self::has_ordinal(text) {
            self.ordinal.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for caps in ordinals {
            let Some(day) = caps.get(1) else { continue };
            let after = next_word(text, day.end());
            let ends_phrase = after.is_empty()
                || matches!(
                    after.as_str(),
                    "at" | "of" | "and" | "or" | "to" | "for" | "please" | "instead" | "then"
                );
            if ends_phrase {
                out.push(Finding::new(day.start(), day.end(), Kind::Date));
            }
        }
        let birth = scan.words.iter().any(|w| {
            matches!(
                &*w.lower,
                "dob" | "d" | "born" | "birth" | "birthdate" | "birthday"
            )
        });
        let compacts = if birth {
            self.compact.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for caps in compacts {
            if let Some(date) = caps.get(1).filter(|d| compact_is_date(d.as_str())) {
                out.push(Finding::new(date.start(), date.end(), Kind::Date));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Dates::new().expect("compiles"), text);
        let merged = crate::finding::merge(out);
        merged.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn finds_dates() {
        for (text, date) in [
            ("See you 02/17.", "02/17"),
            ("labs collected 9-26.", "9-26"),
            ("collected 11-1-2025 0930", "11-1-2025"),
            ("on Jul 18, 2026. Son", "Jul 18, 2026"),
            ("LAST VISIT 29-MAR-25. CALL", "29-MAR-25"),
            ("on 30 DEC. PLZ", "30 DEC"),
            ("DOB 5-Mar-57, 65950", "5-Mar-57"),
            ("dob 10/20/40 we", "10/20/40"),
            ("kid is x dob 01082005 thanks", "01082005"),
            ("Last visit 31DEC2024. Call", "31DEC2024"),
            ("DOB 4MAY1972.", "4MAY1972"),
            ("is 10.24.2027 at", "10.24.2027"),
            ("on Tuesday December 1, 2026 at 2:40", "December 1, 2026"),
            ("visit February 20th 2025. Call", "February 20th 2025"),
            ("confirmed: Sep 3 12:20 PM", "Sep 3"),
            ("12 August 2026 1445, Abdi", "12 August 2026"),
            ("Collected 11 May 1515.", "11 May"),
            ("on 2024-03-15. Call", "2024-03-15"),
            ("see you on the 14th.", "14th"),
            ("Valid through 3 Feb.", "3 Feb"),
            ("since March 2024 ok", "March 2024"),
            ("FEB. 20, 2027.", "FEB. 20, 2027"),
        ] {
            assert_eq!(dates(text), vec![date], "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "Take 1/2 tab in 24 hours.",
            "Rest 3-5 days and take 2-3 tablets.",
            "Your A1C was 6.1 in 2024.",
            "Visit hours 1410-12PM and 1015-0700.",
            "Check in at the 2nd floor, pain 7/10 out of 10.",
            "you may 2 tabs",
            "Happy 97th birthday",
            "$2,046.87 due, 12.5 mg",
        ] {
            assert!(dates(text).is_empty(), "{text}: {:?}", dates(text));
        }
    }
}
