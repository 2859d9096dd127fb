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
        said_years(scan, this_year, out);
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

/// A birth year said in words after a word of birth: "born in nineteen
/// thirty two", "nació en mil novecientos veintinueve".
fn said_years(scan: &Scan<'_>, this_year: u32, out: &mut Vec<Finding>) {
    let words = scan.words;
    for (i, word) in words.iter().enumerate() {
        let (century, mut k) = match &*word.lower {
            "nineteen" => (1900, i + 1),
            "novecientos" if i > 0 && &*words[i - 1].lower == "mil" => (1900, i + 1),
            _ => continue,
        };
        let cued = words[i.saturating_sub(5)..i].iter().any(|w| {
            BIRTH.contains(&w.lower.as_ref()) || super::age::BORN.contains(&w.lower.as_ref())
        });
        if !cued {
            continue;
        }
        let Some(tens) = words.get(k).and_then(|w| tens_word(&w.lower)) else {
            continue;
        };
        k += 1;
        let mut year = century + tens;
        // "thirty two", "treinta y dos".
        let joined = words.get(k).is_some_and(|w| &*w.lower == "y");
        let unit_at = if joined { k + 1 } else { k };
        if tens % 10 == 0
            && let Some(unit) = words.get(unit_at).and_then(|w| unit_word(&w.lower))
        {
            year += unit;
            k = unit_at + 1;
        }
        if over_89(year, this_year) {
            let start = if century == 1900 && &*word.lower == "novecientos" {
                words[i - 1].start
            } else {
                word.start
            };
            out.push(Finding::new(start, words[k - 1].end, Kind::Date));
        }
    }
}

/// A year's last two digits in words, as tens or a teen ("thirty", "veinte",
/// "veintinueve" = 29, "fifteen").
fn tens_word(word: &str) -> Option<u32> {
    Some(match word {
        "ten" | "diez" => 10,
        "eleven" | "once" => 11,
        "twelve" | "doce" => 12,
        "thirteen" | "trece" => 13,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "sixteen" | "dieciseis" => 16,
        "seventeen" | "diecisiete" => 17,
        "eighteen" | "dieciocho" => 18,
        "nineteen" | "diecinueve" => 19,
        "twenty" | "veinte" => 20,
        "thirty" | "treinta" => 30,
        "forty" | "cuarenta" => 40,
        "fifty" | "cincuenta" => 50,
        "veintiuno" => 21,
        "veintidos" | "veintidós" => 22,
        "veintitres" | "veintitrés" => 23,
        "veinticuatro" => 24,
        "veinticinco" => 25,
        "veintiseis" | "veintiséis" => 26,
        "veintisiete" => 27,
        "veintiocho" => 28,
        "veintinueve" => 29,
        _ => return None,
    })
}

fn unit_word(word: &str) -> Option<u32> {
    Some(match word {
        "one" | "uno" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        _ => return None,
    })
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

    fn years(text: &str) -> Vec<&str> {
        let known = crate::known::Known {
            this_year: Some(2026),
            ..Default::default()
        };
        let out = crate::detectors::detect_alone_known(&super::BirthYears, text, &known);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn birth_years_said_in_words() {
        assert_eq!(
            years("she was born in nineteen thirty two so she qualifies"),
            vec!["nineteen thirty two"]
        );
        assert_eq!(
            years("mi papá nació en mil novecientos veintinueve, en Jalisco"),
            vec!["mil novecientos veintinueve"]
        );
        assert!(years("born in nineteen fifty five, so 70").is_empty());
        assert!(years("nineteen thirty two was a hard year for my grandpa").is_empty());
    }

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
