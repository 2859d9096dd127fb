//! The patient's birth date in the common ways of writing it, derived from
//! the envelope's ISO date: 1962-03-14, 03/14/1962, 3/14/62, 14.03.1962,
//! March 14, 1962, Mar 14th 1962, 14 March 1962, the 14th of March 1962,
//! 19620314, 03141962, 031462.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::known::BirthDate;
use crate::words::joinable;

pub struct BirthDates;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names: a number 1-12 (leading zero allowed), the full
/// name, or an abbreviation of at least three letters ("sept" too).
fn month_of(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return (word.len() <= 2 && (1..=12).contains(&n)).then_some(n);
    }
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The day a word gives: 1-31, leading zero or ordinal suffix allowed.
fn day_of(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    let n = digits.parse::<u32>().ok()?;
    (digits.len() <= 2 && (1..=31).contains(&n)).then_some(n)
}

fn is_year(word: &str, year: u32) -> bool {
    match word.len() {
        4 => word.parse::<u32>().ok() == Some(year),
        2 => word.parse::<u32>().ok() == Some(year % 100),
        _ => false,
    }
}

/// Single-word compact forms.
fn compact_forms(d: BirthDate) -> [String; 4] {
    let BirthDate { year, month, day } = d;
    [
        format!("{year:04}{month:02}{day:02}"),
        format!("{month:02}{day:02}{year:04}"),
        format!("{day:02}{month:02}{year:04}"),
        format!("{month:02}{day:02}{:02}", year % 100),
    ]
}

/// Whether `w` (3 words, maybe with an "of" removed) spell the date.
fn spells(w: &[&str], d: BirthDate) -> bool {
    let month_day_year = month_of(w[0]) == Some(d.month) && day_of(w[1]) == Some(d.day);
    let day_month_year = day_of(w[0]) == Some(d.day) && month_of(w[1]) == Some(d.month);
    let ymd = is_year(w[0], d.year)
        && w[0].len() == 4
        && month_of(w[1]) == Some(d.month)
        && day_of(w[2]) == Some(d.day);
    ((month_day_year || day_month_year) && is_year(w[2], d.year)) || ymd
}

impl Detector for BirthDates {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words, known) = (scan.text, scan.words, scan.known);
        let Some(date) = known.birth_date else { return };
        let mut compact: Option<[String; 4]> = None;
        for (i, word) in words.iter().enumerate() {
            let first = word.lower.as_bytes().first().copied().unwrap_or(b' ');
            let could_start = first.is_ascii_digit()
                || (matches!(first, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
                    && month_of(&word.lower).is_some());
            if !could_start {
                continue;
            }
            if matches!(word.lower.len(), 6 | 8)
                && compact
                    .get_or_insert_with(|| compact_forms(date))
                    .iter()
                    .any(|c| *c == *word.lower)
            {
                out.push(Finding::new(word.start, word.end, Kind::Date));
                continue;
            }
            // Up to four joined words, skipping "the" and "of".
            let mut picked: Vec<&str> = Vec::with_capacity(3);
            let mut last = i;
            for (j, next) in words.iter().enumerate().skip(i).take(5) {
                if j > i && !joinable(text, &words[j - 1], next) {
                    break;
                }
                if is_filler(&next.lower) {
                    continue;
                }
                picked.push(&next.lower);
                last = j;
                if picked.len() == 3 {
                    break;
                }
            }
            if picked.len() == 3 && spells(&picked, date) {
                out.push(Finding::new(word.start, words[last].end, Kind::Date));
            }
        }
    }
}

/// Words skipped inside a written date ("the 14th of March").
fn is_filler(word: &str) -> bool {
    word == "of" || word == "the"
}
