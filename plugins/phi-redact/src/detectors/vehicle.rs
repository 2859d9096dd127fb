//! Vehicle identifiers: licence plates after "plate" or "tag" ("plate
//! WBE-8876", "plate is RPC 1461", "plate 751 UAX", "plate 8vas615") and
//! VINs (17 characters, no I, O or Q, letters and digits) anywhere.

use regex::Regex;

use super::{Detector, Scan, has_digit, is_unit};
use crate::finding::{Finding, Kind};

pub struct Vehicles {
    plate: Regex,
    vin: Regex,
}

impl Vehicles {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            plate: super::compile(concat!(
                r"(?i)\b(?:plates?|tag|license\s+plate)\b(?:\s+(?:number|no|#|is|was|of))*\s*[:#(]?\s*",
                r"([a-z0-9]{1,8}(?:-[a-z0-9]{1,5})?)(?:[ ]([a-z0-9]{2,5})\b)?",
            ))?,
            vin: super::compile(r"(?i)\b[a-hj-npr-z0-9]{17}\b")?,
        })
    }
}

fn has_letter(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphabetic())
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn all_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic())
}

impl Detector for Vehicles {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if !has_digit(text) {
            return;
        }
        let cue = scan.words.iter().any(|w| {
            matches!(&*w.lower, "plate" | "plates" | "tag" | "vin") || is_car_make(&w.lower)
        });
        let plates = if cue {
            self.plate.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for caps in plates {
            let Some(first) = caps.get(1) else { continue };
            let head = first.as_str();
            // "a plate at 1230": a small word is no part of a plate.
            if small_word(&head.to_ascii_lowercase()) {
                continue;
            }
            // "RPC 1461", "751 UAX": letters and digits split by a space.
            let end = match caps.get(2) {
                Some(second)
                    if (all_letters(head) && all_digits(second.as_str()))
                        || (all_digits(head)
                            && all_letters(second.as_str())
                            && !is_unit(&second.as_str().to_ascii_lowercase())) =>
                {
                    second.end()
                }
                _ => first.end(),
            };
            let value = &text[first.start()..end];
            if has_digit(value) && value.len() >= 4 {
                out.push(Finding::new(first.start(), end, Kind::Vehicle));
            }
        }
        if cue {
            far_plates(scan, out);
        }
        if scan.profile.longest_alnum < 17 {
            return;
        }
        for m in self.vin.find_iter(text) {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            if digits >= 3 && has_letter(m.as_str()) {
                out.push(Finding::new(m.start(), m.end(), Kind::Vehicle));
            }
        }
    }
}

/// A plate a few words after its noun or after the car's make, in the
/// same sentence: "asked for your plate; you wrote MX 7731", "tag on the
/// dash reads DV 44812", "blue honda accord AC 55102". Only
/// a plate's shape counts here: one to three letters and three to five
/// digits apart ("MX 7731", "7731 MX"), or five to eight letters and
/// digits glued with both in them ("8ZTR551").
fn far_plates(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    for (i, w) in words.iter().enumerate() {
        let make = is_car_make(&w.lower);
        if !make && !matches!(&*w.lower, "plate" | "plates" | "tag") {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && j <= i + 7 {
            let gap = &text[words[j - 1].end..words[j].start];
            if gap.contains(['.', '!', '?', '\n']) {
                break;
            }
            let a = &*words[j].lower;
            let next = words
                .get(j + 1)
                .filter(|n| &text[words[j].end..n.start] == " ");
            let pair = next.filter(|n| {
                let b = &*n.lower;
                // After a make, "EV 2021" is a model year, "F 150" a model.
                let year = b.len() == 4 && (b.starts_with("19") || b.starts_with("20"));
                if make && ((year && a.len() <= 2) || a.len() < 2 || (a.len() < 3 && b.len() < 4)) {
                    return false;
                }
                (all_letters(a) && a.len() <= 3 && all_digits(b) && (3..=5).contains(&b.len()))
                    || (all_digits(a)
                        && (3..=5).contains(&a.len())
                        && all_letters(b)
                        && b.len() <= 3
                        && !is_unit(b))
            });
            if let Some(n) = pair {
                // Not a clock time: "at 1230 PM".
                let clock = words
                    .get(j + 2)
                    .is_some_and(|t| matches!(&*t.lower, "am" | "pm" | "hrs" | "h"));
                if !small_word(a) && !small_word(&n.lower) && !clock {
                    super::push_new(out, Kind::Vehicle, words[j].start, n.end);
                }
                break;
            }
            if (5..=8).contains(&a.len()) && has_letter(a) && has_digit(a) && !is_unit(a) {
                super::push_new(out, Kind::Vehicle, words[j].start, words[j].end);
                break;
            }
            if words[j].is_digits() {
                break;
            }
            j += 1;
        }
    }
}

/// A car's make (or a model said alone), after which a plate may follow.
/// Not the makes that are names or words ("Lincoln", "Mercedes", "Ram").
pub(super) fn is_car_make(word: &str) -> bool {
    matches!(
        word,
        "honda"
            | "toyota"
            | "ford"
            | "chevy"
            | "chevrolet"
            | "nissan"
            | "hyundai"
            | "kia"
            | "subaru"
            | "mazda"
            | "jeep"
            | "dodge"
            | "gmc"
            | "tesla"
            | "bmw"
            | "audi"
            | "lexus"
            | "acura"
            | "buick"
            | "cadillac"
            | "chrysler"
            | "volkswagen"
            | "vw"
            | "volvo"
            | "mitsubishi"
            | "infiniti"
            | "prius"
            | "camry"
            | "corolla"
            | "civic"
            | "accord"
            | "odyssey"
            | "sienna"
            | "rav4"
            | "altima"
            | "sentra"
    )
}

/// Small words that are no part of a plate ("a plate at 1230").
fn small_word(word: &str) -> bool {
    matches!(
        word,
        "at" | "on"
            | "in"
            | "for"
            | "to"
            | "by"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "with"
            | "is"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vehicles(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Vehicles::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn plates_and_vins() {
        for (text, plate) in [
            ("car (plate WBE-8876) hit", "WBE-8876"),
            ("and plate is RPC 1461 - Priya", "RPC 1461"),
            ("vehicle plate 751 UAX, lot B", "751 UAX"),
            ("plate 8vas615 lot b", "8vas615"),
            ("plate is 7XGT477.", "7XGT477"),
            ("plate is vxm 4703. - daniel", "vxm 4703"),
            ("VIN 1HGCM82633A004352 on file", "1HGCM82633A004352"),
        ] {
            assert_eq!(vehicles(text), vec![plate], "{text}");
        }
    }

    #[test]
    fn not_vehicles() {
        assert!(vehicles("put it on a plate at 5 pm, take 2 tabs").is_empty());
    }

    #[test]
    fn plates_after_the_cars_make() {
        assert_eq!(
            vehicles("lost my permit, blue honda accord AC 55102, grey"),
            vec!["AC 55102"]
        );
        assert_eq!(
            vehicles("the silver toyota sienna BHK 1942 in row C"),
            vec!["BHK 1942"]
        );
        assert!(vehicles("my kia soul EV 2021 needs a tune up").is_empty());
        assert!(vehicles("his Ford F 150 is in the shop").is_empty());
        assert!(vehicles("the honda civic at 1230 pm").is_empty());
    }

    #[test]
    fn plates_a_few_words_after_their_noun() {
        assert_eq!(vehicles("plate HP 22190 for the sedan"), vec!["HP 22190"]);
        assert_eq!(
            vehicles("needs your plate, you wrote MX 7731 on it"),
            vec!["MX 7731"]
        );
        assert!(vehicles("put it on a plate at 1230 pm").is_empty());
    }
}
