//! A birth year that says its owner is over 89 ("born in 1931", "nació en
//! 1934", "b. 1929", "year of birth 1930"). Safe Harbor removes every
//! element of a date, the year too, that indicates an age over 89; the
//! years of younger people stay. "Now" is the host's clock (`Known`).

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct BirthYears;

/// Words that make the year after them (within five words: "born in
/// Krakow in 1929") a birth
/// year, besides the words of being born the age detector knows
/// ([`super::age::BORN`]).
const BIRTH: &[&str] = &["b", "dob", "yob", "birth", "birthyear", "nacimiento"];

/// The oldest year read as a birth year: anything earlier is history.
const OLDEST: u32 = 1880;

/// Whether `year`, as a birth year, makes its owner over 89 `this_year`:
/// born in 1936, they are 89 or 90 in 2026, and the safe reading is 90.
pub fn over_89(year: u32, this_year: u32) -> bool {
    (OLDEST..=this_year.saturating_sub(90)).contains(&year)
}

impl Detector for BirthYears {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let Some(this_year) = scan.known.this_year else {
            return;
        };
        if scan.profile.longest_digits < 4 {
            return;
        }
        for (i, word) in scan.words.iter().enumerate() {
            if word.lower.len() != 4 || !word.is_digits() {
                continue;
            }
            let Ok(year) = word.lower.parse::<u32>() else {
                continue;
            };
            let cued = scan.words[i.saturating_sub(5)..i].iter().any(|w| {
                BIRTH.contains(&w.lower.as_ref()) || super::age::BORN.contains(&w.lower.as_ref())
            });
            // A life's span in brackets: "Ada Price (1927–2025)".
            let span = lifespan_starts(scan.text, word.start, word.end);
            if (cued || span) && over_89(year, this_year) {
                out.push(Finding::new(word.start, word.end, Kind::Date));
            }
        }
    }
}

/// Whether the year at `start..end` opens a life's span in brackets,
/// "(1927–2025)", "(1931-2024)".
fn lifespan_starts(text: &str, start: usize, end: usize) -> bool {
    let opened = text[..start].ends_with('(');
    let rest = text[end..].trim_start_matches([' ', '-', '\u{2013}', '\u{2014}']);
    let dashed = text[end..].starts_with(['-', '\u{2013}', '\u{2014}'])
        || text[end..].starts_with(" -")
        || text[end..].starts_with(" \u{2013}");
    let second = rest.bytes().take_while(u8::is_ascii_digit).count() == 4;
    opened && dashed && second && rest[4..].starts_with(')')
}

#[cfg(test)]
mod tests {
    use super::over_89;

    #[test]
    fn a_lifespan_in_brackets_opens_with_a_birth_year() {
        let text = "our mother Ada (1927–2025) and Dad (1950 - 2024)";
        let at = |year: &str| {
            let start = text.find(year).expect("in the text");
            super::lifespan_starts(text, start, start + 4)
        };
        assert!(at("1927"));
        assert!(at("1950"));
        assert!(!at("2025"));
    }

    #[test]
    fn ninety_years_back_is_over_89() {
        assert!(over_89(1936, 2026));
        assert!(over_89(1901, 2026));
        assert!(!over_89(1937, 2026));
        assert!(!over_89(1980, 2026));
        assert!(!over_89(1850, 2026), "a year before 1880 is history");
    }
}
