//! Vehicle identifiers: licence plates after "plate" or "tag" ("plate
//! WBE-8876", "plate is RPC 1461", "plate 751 UAX", "plate 8vas615") and
//! VINs (17 characters, no I, O or Q, letters and digits) anywhere.

use regex::Regex;

use super::{Detector, Scan, has_digit};
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
                r"([a-z0-9]{1,8}(?:-[a-z0-9]{1,5})?)(?:[ ]([a-z0-9]{2,4})\b)?",
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
        let cue = scan
            .words
            .iter()
            .any(|w| matches!(&*w.lower, "plate" | "plates" | "tag" | "vin"));
        let plates = if cue {
            self.plate.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for caps in plates {
            let Some(first) = caps.get(1) else { continue };
            let head = first.as_str();
            // "RPC 1461", "751 UAX": letters and digits split by a space.
            let end = match caps.get(2) {
                Some(second)
                    if (all_letters(head) && all_digits(second.as_str()))
                        || (all_digits(head) && all_letters(second.as_str())) =>
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
}
