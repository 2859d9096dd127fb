//! The organisation's own data, which is not PHI: the configured facilities'
//! names (or any two or more consecutive words of one: "Oak Valley",
//! "St. Brendan"), their published main lines in any format, their street
//! addresses, and the public numbers 911 and 988. Found before the
//! detectors run; findings that overlap it are dropped.

use carewire_plugin_sdk::phone;

use super::address::{StreetPattern, is_direction, is_street_type, normalize_street};
use crate::casing::CaseMode;
use crate::config::Facility;
use crate::lexicon::FnvMap;
use crate::words::{Word, find_joined, joinable, words};

/// Numbers that are never PHI.
const PUBLIC_NUMBERS: [&str; 2] = ["911", "988"];

pub struct Organisation {
    /// Each facility name as lowercased words.
    names: Vec<Vec<String>>,
    /// Every word of every facility name: where it occurs (facility,
    /// position in the name).
    name_words: FnvMap<String, Vec<(usize, usize)>>,
    /// The first bytes of those words (a quick reject).
    name_starts: [bool; 256],
    /// Main lines as digits, with and without the US country code.
    phones: Vec<String>,
    /// Web hosts, lowercase, without a scheme, "www." or a path.
    pub hosts: Vec<String>,
    /// Street addresses, normalised (`normalize_street`), each also
    /// without its trailing type and direction ("1400 w harrison" for "1400
    /// W Harrison St"): a street found with no type may be a facility's.
    streets: Vec<String>,
    /// The same without the house number, as words ("pond", "ave"): a
    /// facility's street named without its number is the organisation's too.
    bare_streets: Vec<Vec<String>>,
    street_pattern: StreetPattern,
}

impl Organisation {
    pub fn new(facilities: &[Facility]) -> Result<Self, regex::Error> {
        let mut phones = Vec::new();
        for number in facilities.iter().filter_map(|f| f.phone.as_deref()) {
            let comparable = phone::comparable(number);
            if comparable.len() >= 7 {
                if comparable.len() == 10 {
                    phones.push(format!("1{comparable}"));
                }
                phones.push(comparable);
            }
        }
        let names: Vec<Vec<String>> = facilities
            .iter()
            .map(|f| {
                words(&f.name)
                    .into_iter()
                    .map(|w| w.lower.into_owned())
                    .collect()
            })
            .filter(|w: &Vec<String>| !w.is_empty())
            .collect();
        let mut name_words: FnvMap<String, Vec<(usize, usize)>> = FnvMap::default();
        for (facility, name) in names.iter().enumerate() {
            for (offset, word) in name.iter().enumerate() {
                name_words
                    .entry(word.clone())
                    .or_default()
                    .push((facility, offset));
            }
        }
        let mut name_starts = [false; 256];
        for word in name_words.keys() {
            if let Some(&b) = word.as_bytes().first() {
                name_starts[usize::from(b)] = true;
            }
        }
        let hosts = facilities
            .iter()
            .filter_map(|f| f.web.as_deref())
            .map(web_host)
            .filter(|h| !h.is_empty())
            .collect();
        Ok(Self {
            hosts,
            name_words,
            name_starts,
            names,
            phones,
            streets: facilities
                .iter()
                .filter_map(|f| f.street.as_deref())
                .map(normalize_street)
                .filter(|s| !s.is_empty())
                .flat_map(|street| [untyped(&street), Some(street)])
                .flatten()
                .collect(),
            bare_streets: facilities
                .iter()
                .filter_map(|f| f.street.as_deref())
                .map(|s| {
                    normalize_street(s)
                        .split(' ')
                        .skip_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .filter(|w| w.len() >= 2)
                .collect(),
            street_pattern: StreetPattern::new()?,
        })
    }

    /// Whether a lowercase word is a word of a facility's name.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_words.contains_key(word)
    }

    /// The street addresses of `text` (see `StreetPattern`).
    pub fn streets(&self, text: &str, words: &[Word<'_>], mode: CaseMode) -> Vec<(usize, usize)> {
        self.street_pattern.streets(text, words, mode)
    }

    /// Byte ranges of `text` that are the organisation's own data, given
    /// its street addresses.
    pub fn protected(
        &self,
        text: &str,
        words: &[Word],
        streets: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.facility_names(text, words, &mut out);
        if !self.phones.is_empty() {
            out.extend(find_joined(text, words, &self.phones, 6, Word::is_digits));
        }
        for word in words {
            if !PUBLIC_NUMBERS.contains(&&*word.lower) {
                continue;
            }
            // "call 911", but not the area code of "(988)789-6053".
            let before = text[..word.start].chars().next_back();
            let after = text[word.end..].trim_start_matches([')', '-', '.', ' ']);
            let glued = matches!(before, Some('(' | '-' | '.' | '+'))
                || (text[word.end..].starts_with([')', '-', '.', ' '])
                    && after.starts_with(|c: char| c.is_ascii_digit()));
            if !glued {
                out.push((word.start, word.end));
            }
        }
        if !self.streets.is_empty() {
            for &street in streets {
                let normalized = normalize_street(&text[street.0..street.1]);
                if self.streets.contains(&normalized) {
                    out.push(street);
                }
            }
        }
        self.bare_streets(words, &mut out);
        out
    }

    /// "Use the Pond Ave garage": a facility street without its number.
    fn bare_streets(&self, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
        if self.bare_streets.is_empty() {
            return;
        }
        for (end, word) in words.iter().enumerate() {
            if !is_street_type(&word.lower) {
                continue;
            }
            let last = normalize_street(&word.lower);
            for street in &self.bare_streets {
                let k = street.len();
                if end + 1 < k || street.last() != Some(&last) {
                    continue;
                }
                let start = end + 1 - k;
                let same = words[start..end]
                    .iter()
                    .zip(street)
                    .all(|(w, s)| normalize_street(&w.lower) == *s);
                let range = (words[start].start, word.end);
                let inside = out.iter().any(|&(s, e)| s <= range.0 && range.1 <= e);
                // "9201 Wisconsin Ave" is someone's address, not the facility's.
                let numbered = start > 0 && words[start - 1].is_digits();
                if same && !inside && !numbered {
                    out.push(range);
                }
            }
        }
    }

    /// Runs of two or more consecutive words of a facility name (or the
    /// whole name when it is one word).
    fn facility_names(&self, text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
        let mut i = 0;
        while i < words.len() {
            let first = words[i].lower.as_bytes().first().copied().unwrap_or(0);
            let places = if self.name_starts[usize::from(first)] {
                self.name_words.get(&*words[i].lower)
            } else {
                None
            };
            let Some(places) = places else {
                i += 1;
                continue;
            };
            let mut best = 0;
            for &(facility, offset) in places {
                let name = &self.names[facility];
                let mut n = 0;
                while i + n < words.len()
                    && offset + n < name.len()
                    && *words[i + n].lower == *name[offset + n]
                    && (n == 0 || joinable(text, &words[i + n - 1], &words[i + n]))
                {
                    n += 1;
                }
                if n >= 2.min(name.len()) {
                    best = best.max(n);
                }
            }
            if best > 0 {
                out.push((words[i].start, words[i + best - 1].end));
                i += best;
            } else {
                i += 1;
            }
        }
    }
}

/// The host of a web address: "https://www.OakValleyHealth.org/x" gives
/// "oakvalleyhealth.org".
pub fn web_host(web: &str) -> String {
    let rest = web.split_once("://").map_or(web, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.to_ascii_lowercase();
    host.strip_prefix("www.")
        .map_or(host.clone(), str::to_owned)
}

/// A normalised street without its trailing street types and directions
/// ("1400 w harrison" for "1400 w harrison st"), when it has any and a
/// name is left.
fn untyped(street: &str) -> Option<String> {
    let words: Vec<&str> = street.split(' ').collect();
    let kept = words
        .iter()
        .rposition(|w| !is_street_type(w) && !is_direction(w))
        .map_or(0, |last| last + 1);
    (kept < words.len() && kept >= 2).then(|| words[..kept].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casing::case_mode;

    fn org() -> Organisation {
        Organisation::new(&[
            Facility {
                name: "St. Brendan Medical Center".to_owned(),
                phone: Some("(414) 805-3666".to_owned()),
                web: Some("stbrendanmc.org".to_owned()),
                street: Some("9200 Wisconsin Ave".to_owned()),
            },
            Facility {
                name: "Mercy".to_owned(),
                ..Facility::default()
            },
        ])
        .expect("patterns compile")
    }

    fn protected(text: &str) -> Vec<&str> {
        let org = org();
        let words = words(text);
        org.protected(text, &words, &org.streets(text, &words, case_mode(text)))
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn finds_names_lines_streets_and_public_numbers() {
        assert_eq!(
            protected("Call ST BRENDAN MEDICAL CENTER at 414.805.3666 or 911."),
            vec!["ST BRENDAN MEDICAL CENTER", "414.805.3666", "911"]
        );
        assert_eq!(
            protected("come to 9200 Wisconsin, suite 4"),
            vec!["9200 Wisconsin"]
        );
        assert_eq!(
            protected("at Brendan Medical today"),
            vec!["Brendan Medical"]
        );
        assert_eq!(
            protected("enter on 9200 wisconsin avenue."),
            vec!["9200 wisconsin avenue"]
        );
        assert_eq!(protected("Mercy says hi, dial 988"), vec!["Mercy", "988"]);
        assert_eq!(
            protected("park in the Wisconsin Avenue garage"),
            vec!["Wisconsin Avenue"]
        );
    }

    #[test]
    fn leaves_other_data() {
        assert!(protected("Brendan called from 414-805-3667 at 9201 Wisconsin Ave").is_empty());
        assert!(protected("fax (988)789-6053 or 911-555-1234").is_empty());
        assert_eq!(
            web_host("https://WWW.StBrendanMC.org/forms"),
            "stbrendanmc.org"
        );
        assert_eq!(org().hosts, vec!["stbrendanmc.org"]);
        assert!(protected("Medical Center").len() == 1);
    }
}
