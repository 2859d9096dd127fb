//! Any other identifier-like token: six or more digits in total, maybe with
//! letters and hyphens ("E1895101", "910-44-975", "26-437-07125",
//! "PA449546995", "NG8121289H"), or letters with five digits ("KX20931",
//! "HB-20931", "4F8821") or two letters with four digits that are no year
//! ("QT-7731"): account, plan, device, claim and similar unique numbers
//! without a label, serials after any device's model name. Measures
//! ("1000mcg", "2000IU") and room, bed or floor numbers stay. Phones, dates and ZIP codes are found by
//! their own detectors first; a time range ("1015-0700", "1410-12PM") is
//! not an identifier.

use super::{Detector, Scan, stands_alone};
use crate::finding::{Finding, Kind};

pub struct LongNumbers;

impl LongNumbers {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self)
    }
}

/// "1015-0700", "1410-12PM", "9:00-10am": clock times joined by a hyphen.
fn time_range(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    groups.len() == 2
        && groups.iter().all(|g| {
            let lower = g.to_ascii_lowercase();
            let digits = lower.trim_end_matches("am").trim_end_matches("pm");
            let n: u32 = digits.parse().unwrap_or(9999);
            (digits.len() == 4 && n % 100 < 60 && n <= 2359) || (digits.len() <= 2 && n <= 12)
        })
}

/// Words before a number that make it a place in a building ("Rm B20417").
const PLACES: &[&str] = &[
    "room",
    "rm",
    "bed",
    "suite",
    "ste",
    "apt",
    "unit",
    "floor",
    "fl",
    "bldg",
    "building",
    "gate",
    "door",
    "wing",
    "pod",
    "bay",
    "exam",
    "office",
    "station",
    "sala",
    "cuarto",
    "habitacion",
    "cama",
    "piso",
    "consultorio",
    "oficina",
];

/// Words before a product's own code, not a person's: a drug's or a
/// vaccine's lot ("lot 4KX2291", "el lote 3FA21", "batch EK5730"), a
/// drug's national code ("NDC 0093-7180-56"), a catalogue number.
pub(super) const PRODUCT_CODES: &[&str] = &[
    "lot", "lote", "batch", "lotno", "ndc", "upc", "sku", "catalog", "cat",
];

/// The product noun owning the code at `start`, up to three words back
/// through "number", "no", "#", "is" ("lot # is MP4019", "lot number
/// 3K4419", "NDC code 0002-8715-01").
fn product_code(text: &str, start: usize) -> bool {
    let mut at = start;
    for _ in 0..3 {
        let word = super::previous_word(text, at);
        if PRODUCT_CODES.contains(&word.as_str()) {
            return true;
        }
        if !matches!(
            word.as_str(),
            "number" | "num" | "no" | "is" | "code" | "numero" | "es"
        ) {
            return false;
        }
        let Some(found) = text[..at].to_ascii_lowercase().rfind(&word) else {
            return false;
        };
        at = found;
    }
    false
}

/// A code of letters and digits too short for six digits: letters with five
/// digits, or two letters or more with four digits that are no year; not a
/// measure and not a room.
fn code_with_letters(text: &str, start: usize, token: &str, digits: usize) -> bool {
    let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
    let four = digits == 4
        && letters >= 2
        && !token
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")));
    if letters == 0 || !(digits == 5 || four) {
        return false;
    }
    let place = super::previous_word(text, start);
    !token.split('-').any(super::cued_id::measure) && !PLACES.contains(&place.as_str())
}

/// "the number is PJX 993014": a group of two or three capitals in no list,
/// a space before the digits, in a message not written in capitals, is the
/// code's own prefix. Returns where the code starts.
fn capital_prefix(scan: &Scan<'_>, start: usize) -> usize {
    let text = scan.text;
    if scan.mode == crate::casing::CaseMode::Upper
        || !text[..start].ends_with(' ')
        || !text.as_bytes()[start].is_ascii_digit()
    {
        return start;
    }
    let before = &text[..start - 1];
    let letters = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_uppercase())
            .len();
    let prefix_start = before.len() - letters;
    let alone = prefix_start == 0 || text[..prefix_start].ends_with(' ');
    if !(2..=3).contains(&letters) || !alone {
        return start;
    }
    let word = text[prefix_start..before.len()].to_ascii_lowercase();
    let entry = crate::lexicon::lexicon().get(&word);
    // (Not a side: "hearing aid L 40192 and R 40193" keeps "R".)
    if entry.is_known_word() || entry.is_name() || entry.vocabulary_bits() != 0 {
        return start;
    }
    prefix_start
}

impl Detector for LongNumbers {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if scan.profile.digits < 4 {
            return;
        }
        // Tokens are words joined by single hyphens ("26-437-07125"); only
        // tokens holding six digits or more are checked.
        let words = scan.words;
        let mut i = 0;
        while i < words.len() {
            let mut j = i;
            while j + 1 < words.len() && &text[words[j].end..words[j + 1].start] == "-" {
                j += 1;
            }
            let (start, end) = (words[i].start, words[j].end);
            i = j + 1;
            let token = &text[start..end];
            let digits = token.bytes().filter(u8::is_ascii_digit).count();
            if !token.is_ascii() || !(digits >= 6 || code_with_letters(text, start, token, digits))
            {
                continue;
            }
            let decimal = text[..start].ends_with(['.', ',', '$'])
                || text[end..].starts_with(['.', ','])
                    && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
            let glued = text[..start].ends_with(['-', '_']) || text[end..].starts_with(['-', '_']);
            let product = product_code(text, start);
            if !decimal
                && !glued
                && !product
                && !time_range(token)
                && stands_alone(text, start, end)
            {
                out.push(Finding::new(capital_prefix(scan, start), end, Kind::Id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&LongNumbers::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn identifier_like_tokens() {
        assert_eq!(
            ids("merge: E1895101 and 910-44-975 both, PA449546995"),
            vec!["E1895101", "910-44-975", "PA449546995"]
        );
    }

    #[test]
    fn codes_of_letters_and_digits() {
        assert_eq!(
            ids("the bed rental HB-20931 and the box 4F8821, model QT-7731 and KX20931"),
            vec!["HB-20931", "4F8821", "QT-7731", "KX20931"]
        );
    }

    #[test]
    fn a_prefix_in_capitals_joins() {
        // Round 9: capitals in no list before the digits, in a message not
        // in capitals.
        assert_eq!(
            ids("his heart box number is PJX 993014 i think"),
            vec!["PJX 993014"]
        );
        // Not words or labels, nor in a message written in capitals.
        assert_eq!(ids("call me AM 448812 ok"), vec!["448812"]);
        assert_eq!(ids("Member ID 448812"), vec!["448812"]);
        assert_eq!(ids("aid L 401922 and R 401933"), vec!["401922", "401933"]);
        assert_eq!(ids("THE NUMBER IS PJX 993014"), vec!["993014"]);
    }

    #[test]
    fn not_identifiers() {
        assert!(ids("hours 1015-0700 and 1410-12PM, $1,347.34, 12345, 3.14159265").is_empty());
        for text in [
            "take 1000mcg and 50000IU weekly",
            "in Rm B20417 on floor 3, bed 4A2210",
            "since FY2025 and covid-2020, ICD10 E11.9",
            "a1c 7.2, hba1c, b12, 2000mg",
            // Round 9: a drug's or a vaccine's lot is the product's.
            "the Shingrix lot 4KX2291 and batch EK57301",
            "el lote 3FA218 de la vacuna",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }
}
