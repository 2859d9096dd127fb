//! Places on a numbered road, where rural and travelling people say they
//! are: "hwy 50, white double wide", "4471 State Route 32, Lot 6", "CR 1250
//! & FM 87", "Route 1 Box 240", "I-80 westbound, exit 142", "mile marker
//! 14", "carretera 15 kilómetro 8". The road's number with its unit or box;
//! an exit or a mile marker only in a sentence that names a road (not "the
//! exit 3 doors down", not "5 mm").

use regex::Regex;

use super::{Detector, Scan, word_set};
use crate::finding::{Finding, Kind};

pub struct Roads {
    /// A numbered road, maybe its direction and a unit or box after it.
    road: Regex,
    /// "Box 88, Star Route", "RR 2 Box 15".
    box_first: Regex,
    /// An interstate ("I-80") with a direction or an exit after it (not
    /// "I-131", the iodine).
    interstate: Regex,
    /// An exit or a mile marker.
    marker: Regex,
}

impl Roads {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            road: super::compile(concat!(
                r"\b(?:(?i:state\s+(?:route|road|rd|hwy|highway)|us\s+(?:hwy|highway|route)|county\s+(?:road|rd)",
                r"|farm\s+to\s+market|ranch\s+road|rural\s+route|star\s+route|highway|hwy|route|rte|carretera)",
                r"|CR|FM|HC)\s*#?\s*\d{1,4}(?i:[a-z])?\b",
                // (The rest in any case: "HWY 61 N", "lot c-14".)
                r"(?i)",
                r"(?:\s+(?:n|s|e|w|north|south|east|west)\b\.?)?",
                r"(?:,?\s+(?:bypass|byp|loop|spur))?",
                r"(?:,?\s+(?:lot|apt|unit|trailer|space|box|site|#)\s*#?\s*[a-z]?-?\d{1,5}[a-z]?\b)?",
            ))?,
            box_first: super::compile(concat!(
                r"(?i)\bbox\s+\d{1,5},?\s+(?:star|rural)\s+route(?:\s+\d{1,3}\b)?",
                // A rural route's box ("RR 2 Box 15"; "RR 18" alone is a
                // breathing rate).
                r"|\bRR\s*\d{1,3},?\s+box\s+\d{1,5}\b",
            ))?,
            interstate: super::compile(concat!(
                r"\bI-?\s?\d{1,3}\b(?:\s+(?:(?i)westbound|eastbound|northbound|southbound|[NSEW]B)\b",
                r"|,?\s+(?i)exit\s+\d{1,3}[a-z]?\b)",
            ))?,
            marker: super::compile(
                r"(?i)\b(?:exit|mile\s+marker|mile\s+post|milepost|mm|kil(?:o|ó)metro|km)\s*\d{1,4}(?:\.\d)?[a-z]?\b",
            )?,
        })
    }
}

word_set! {
    /// Words that may open a numbered road or a box: the road patterns run
    /// only in a message with one.
    fn is_road_word {
        "state" | "us" | "county" | "farm" | "ranch" | "rural" | "star" | "highway" | "hwy"
            | "route" | "rte" | "carretera" | "cr" | "fm" | "hc" | "rr" | "box" | "i"
    }
}

word_set! {
    /// Words that open an exit or a marker.
    fn is_marker_word {
        "exit" | "mile" | "milepost" | "mm" | "kilometro" | "kilómetro" | "km"
    }
}

/// Words that name a road in a sentence, for an exit or a marker.
fn names_a_road(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| {
            matches!(
                w,
                "hwy"
                    | "highway"
                    | "interstate"
                    | "freeway"
                    | "turnpike"
                    | "tollway"
                    | "route"
                    | "carretera"
                    | "autopista"
                    | "westbound"
                    | "eastbound"
                    | "northbound"
                    | "southbound"
            )
        })
}

/// The sentence around byte `at` (between '.', '!', '?' or a line break).
fn sentence_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(['!', '?', '\n'])
        .map_or(text.len(), |i| at + i);
    &text[start..end]
}

impl Detector for Roads {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if scan.profile.digits == 0 {
            return;
        }
        let roads = scan.words.iter().any(|w| is_road_word(&w.lower));
        let markers = scan.words.iter().any(|w| is_marker_word(&w.lower));
        if !roads && !markers {
            return;
        }
        let patterns: &[&Regex] = if roads {
            &[&self.road, &self.box_first, &self.interstate]
        } else {
            &[]
        };
        for re in patterns {
            for m in re.find_iter(text) {
                // (A value, not a road: "CR 1.2".)
                let decimal = text[m.end()..]
                    .strip_prefix('.')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                if decimal {
                    continue;
                }
                let end = m.start() + m.as_str().trim_end_matches('.').len();
                // (Pushed even over a street found already: "1880 County
                // Road" and "County Road 9, Lot 4" merge into one.)
                out.push(Finding::new(m.start(), end, Kind::Address));
            }
        }
        if !markers {
            return;
        }
        for m in self.marker.find_iter(text) {
            if names_a_road(sentence_at(text, m.start())) {
                out.push(Finding::new(m.start(), m.end(), Kind::Address));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roads(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Roads::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn numbered_roads_exits_and_markers() {
        assert_eq!(
            roads("hwy 50 past the church, white double wide"),
            vec!["hwy 50"]
        );
        assert_eq!(
            roads("4471 State Route 32, Lot 6 behind"),
            vec!["State Route 32, Lot 6"]
        );
        assert_eq!(
            roads("Location: CR 1250 & FM 87, NE corner"),
            vec!["CR 1250", "FM 87"]
        );
        assert_eq!(roads("Route 1 Box 240 Tulsa"), vec!["Route 1 Box 240"]);
        assert_eq!(roads("RR 2 Box 15, Alma"), vec!["RR 2 Box 15"]);
        assert_eq!(
            roads("mail to Box 88, Star Route, Ely"),
            vec!["Box 88, Star Route"]
        );
        assert_eq!(roads("HWY 61 N, 3RD HOUSE"), vec!["HWY 61 N"]);
        assert_eq!(
            roads("I-80 westbound, exit 142, at the rest stop"),
            vec!["I-80 westbound", "exit 142"]
        );
        assert_eq!(
            roads("broke down on the highway near mile marker 14"),
            vec!["mile marker 14"]
        );
        assert_eq!(
            roads("carretera 15, kilómetro 8"),
            vec!["carretera 15", "kilómetro 8"]
        );
    }

    #[test]
    fn not_roads() {
        for text in [
            "I-131 scan next week, take the exit 3 doors down",
            "a 5 mm stone, walked 2 km",
            "route of administration: oral",
            "Cr 1.2, BUN 18",
            "A - RR 32, SpO2 84% RA",
        ] {
            assert!(roads(text).is_empty(), "{text}");
        }
    }
}
