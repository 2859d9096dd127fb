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
            if cued && over_89(year, this_year) {
                out.push(Finding::new(word.start, word.end, Kind::Date));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::over_89;

    #[test]
    fn ninety_years_back_is_over_89() {
        assert!(over_89(1936, 2026));
        assert!(over_89(1901, 2026));
        assert!(!over_89(1937, 2026));
        assert!(!over_89(1980, 2026));
        assert!(!over_89(1850, 2026), "a year before 1880 is history");
    }
}
