//! Cities and other places below state level: the capitalised words
//! after a street address and a comma ("12 Elm St, Pine Ridge —"), the words before a state
//! and ZIP ("Tampa, FL 79388", "eugene or 98130", "Oxnard, California
//! 30815") or before a state after a comma ("Macon, GA"), the words between
//! a street address and a ZIP ("2 Park Ave Bangor 03185", "Apt. 4A,
//! Flagstaff 12749"), and the place after "lives in" and the like ("lives
//! with her nephew in Sioux Falls"), and any US city or town of the
//! gazetteer (`data/us_places.txt`) after a locative word ("moving to
//! Tucson", "in tucson", "de El Paso"). The state itself is not PHI and stays.

use regex::Regex;

use super::name::vocabulary::vocabulary;
use super::zip::zip_codes;
use super::{Detector, Scan};
use crate::casing::{Case, CaseMode, case_of};
use crate::finding::{Finding, Kind};
use crate::words::Word;
use std::sync::OnceLock;

use crate::lexicon::{PreHashed, fold, lexicon, word_hash};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// Street types and unit words: where a city's words stop, going back.
const ADDRESS_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "court",
    "ct",
    "circle",
    "cir",
    "terrace",
    "ter",
    "place",
    "pl",
    "way",
    "trail",
    "trl",
    "apt",
    "unit",
    "suite",
    "ste",
    "box",
    "n",
    "s",
    "e",
    "w",
    "ne",
    "nw",
    "se",
    "sw",
];

/// Words that are never part of a place name.
const NOT_PLACE: &[&str] = &[
    "the",
    "a",
    "an",
    "to",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "and",
    "or",
    "with",
    "by",
    "her",
    "his",
    "my",
    "your",
    "our",
    "their",
    "is",
    "are",
    "was",
    "lives",
    "live",
    "shipped",
    "sent",
    "delivered",
    "mail",
    "mailed",
    "area",
    "near",
    "city",
    "town",
    "county",
    "state",
    "zip",
    "code",
    "address",
    "home",
    "house",
    "apartment",
    "i",
    "we",
    "you",
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "pharmacy",
    "clinic",
    "hospital",
    "room",
    "suite",
    "pod",
    "bay",
    "bed",
    "floor",
    "building",
    "lot",
    "unit",
    "ward",
    "lobby",
    "garage",
    "mrn",
    "dob",
];

pub struct Cities {
    lives_in: Regex,
}

impl Cities {
    pub fn new() -> Result<Self, regex::Error> {
        // Build the gazetteer now, not on the first message.
        places();
        Ok(Self {
            lives_in: super::compile(concat!(
                r"(?i)\b(?:lives?|living|lived|resides?|residing|resident|moved|moving|relocated|",
                r"relocating|staying|stays|",
                // Spanish: "nos mudamos a waukegan", "vivo en pilsen".
                r"mudamos|mud[eé]|mudaron|mud[oó]|vivo|vive|vivimos|viven|quedando|estamos)\b[^.!?;\n]{0,40}?\b(?:in|to|near|of|a|en)\s+",
                // Leaving a town: "leaving kankakee now".
                r"|\b(?:leaving|heading\s+out\s+of|driving\s+from|coming\s+from)\s+",
            ))?,
        })
    }
}

/// First and second words of two-word state names ("New York").
const STATE_FIRST: &[&str] = &["new", "north", "south", "rhode", "west"];
const STATE_SECOND: &[&str] = &[
    "york",
    "jersey",
    "mexico",
    "hampshire",
    "carolina",
    "dakota",
    "island",
    "virginia",
];

/// Whether `word` (a trailing "." allowed) is a US state's name or
/// abbreviation.
pub(super) fn is_state(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    vocabulary().get(&lower).state()
}

/// The start of the state name that ends right before byte `at` (skipping
/// spaces and one comma), if there is one: "FL", "or", "California", "New
/// York".
fn state_before(text: &str, at: usize) -> Option<usize> {
    let (s, e, _) = word_before(text, at)?;
    let word = text[s..e].trim_end_matches('.').to_ascii_lowercase();
    if STATE_SECOND.contains(&word.as_str())
        && let Some((ps, pe, false)) = word_before(text, s)
        && STATE_FIRST.contains(&text[ps..pe].to_ascii_lowercase().as_str())
    {
        return Some(ps);
    }
    is_state(&word).then_some(s)
}

/// One word before byte `at`: its range, skipping spaces and one comma.
fn word_before(text: &str, at: usize) -> Option<(usize, usize, bool)> {
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '\t']);
    let (trimmed, comma) = match trimmed.strip_suffix(',') {
        Some(t) => (t.trim_end_matches([' ', '\t']), true),
        None => (trimmed, false),
    };
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '\'' || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    (start < end).then_some((start, end, comma))
}

fn is_address_word(word: &str) -> bool {
    ADDRESS_WORDS.contains(&word.trim_end_matches('.').to_ascii_lowercase().as_str())
}

/// Whether `word` (at byte `start`) names a dwelling after its unit word:
/// the "B" of "Unit B Oak Park 60302", the "4C" of "Apt 4C".
fn unit_designator(text: &str, start: usize, word: &str) -> bool {
    word.len() <= 4
        && word.bytes().all(|b| b.is_ascii_alphanumeric())
        && word_before(text, start).is_some_and(|(s, e, _)| {
            super::address::is_unit_word(&text[s..e].trim_end_matches('.').to_ascii_lowercase())
        })
}

/// Whether `word` may be part of a place name here.
fn place_word(word: &str, mode: CaseMode) -> bool {
    let lower = fold(word.trim_end_matches('.'));
    if lower.len() < 2 || NOT_PLACE.contains(&lower.as_str()) || vocabulary().get(&lower).state() {
        return false;
    }
    // "moved to thursday", "moving to cardiology": a weekday, a month or a
    // word of the clinic's vocabulary is no place.
    let flags = vocabulary().get(&lower);
    if lower != "st" && flags.never() && !flags.function_word() {
        return false;
    }
    match mode {
        CaseMode::Mixed => case_of(word) == Case::Title || lower == "st",
        _ => true,
    }
}

/// The city words (up to three) that end right before byte `at`, going
/// back until an address word, a digit, punctuation or a non-place word.
/// Also says whether an address word or number came right before them.
fn city_before(text: &str, at: usize, mode: CaseMode) -> Option<(usize, usize, bool)> {
    let mut start = None;
    let mut end = None;
    let mut cursor = at;
    for n in 0..3 {
        let Some((s, e, comma)) = word_before(text, cursor) else {
            break;
        };
        let word = &text[s..e];
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return start.zip(end).map(|(s, e)| (s, e, true));
        }
        if is_address_word(word) || !place_word(word, mode) {
            let after_address = is_address_word(word) || unit_designator(text, s, word);
            return start.zip(end).map(|(s, e)| (s, e, after_address));
        }
        start = Some(s);
        end = end.or(Some(e));
        cursor = s;
        // A comma inside a city name is unusual: stop after it.
        if comma && n == 0 {
            // "Flagstaff, CA": the comma was between city and state.
        } else if comma {
            break;
        }
    }
    let before = text[..cursor].trim_end_matches([' ', ',']);
    let after_address = before.ends_with(|c: char| c.is_ascii_digit()) || before.ends_with('#');
    start.zip(end).map(|(s, e)| (s, e, after_address))
}

const PLACES: &str = include_str!("../../data/us_places.txt");

/// The gazetteer: US cities and towns (`data/us_places.txt`), as hashes of
/// their lowercase names ("st louis", "las cruces").
struct Places {
    set: HashSet<u64, BuildHasherDefault<PreHashed>>,
    /// One bit per value of a hash's low bits, set for the places' hashes:
    /// most phrases are no place, and their bit (one look) says so before
    /// the set is probed.
    filter: Vec<u64>,
}

/// Bits of the filter (about ten per place).
const FILTER_BITS: usize = 1 << 16;

/// The filter's bit for a hash: its low 16 bits.
fn filter_bit(hash: u64) -> usize {
    usize::try_from(hash & 0xffff).unwrap_or_default()
}

impl Places {
    fn contains(&self, hash: u64) -> bool {
        let bit = filter_bit(hash);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(&hash)
    }
}

fn places() -> &'static Places {
    static PLACES_SET: OnceLock<Places> = OnceLock::new();
    PLACES_SET.get_or_init(|| {
        let set: HashSet<u64, BuildHasherDefault<PreHashed>> = PLACES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(word_hash)
            .collect();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for &hash in &set {
            let bit = filter_bit(hash);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Places { set, filter }
    })
}

/// Words right before a place name: "in Tucson", "moving to Tucson", "de
/// Tucson", "from Albuquerque".
const LOCATIVE: &[&str] = &[
    "in", "to", "from", "near", "around", "outside", "de", "en", "desde", "cerca", "hacia", "para",
    "visiting", "of",
];

/// Words after a place that end its phrase in lower or upper case text.
const AFTER_PLACE: &[&str] = &[
    "now",
    "and",
    "y",
    "next",
    "last",
    "this",
    "for",
    "since",
    "with",
    "con",
    "ahora",
    "area",
    "fax",
    "but",
    "pero",
    "so",
    "where",
    "donde",
    "to",
    "on",
    "at",
    "is",
    "was",
    "hospital",
    // "at my sister's in Flagstaff til the 9th", "ando en Phoenix trabajando".
    "til",
    "till",
    "until",
    "hasta",
    "tonight",
    "tomorrow",
    "today",
    "hoy",
    "working",
    "trabajando",
    "visiting",
    "staying",
];

impl Cities {
    /// Gazetteer places after a locative word. A place that is also an
    /// ordinary word ("Mobile", "Aurora") needs a capital in mixed case, or
    /// the end of the phrase after it in lower or upper case.
    fn gazetteer(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words) = (scan.text, scan.words);
        let set = places();
        let lex = lexicon();
        let mut joined = String::new();
        for i in 1..words.len() {
            let cue = &*words[i - 1].lower;
            if !LOCATIVE.contains(&cue) || text[words[i - 1].end..words[i].start].trim() != "" {
                continue;
            }
            // "of" only in "city of", "town of".
            if cue == "of"
                && !(i >= 2 && matches!(&*words[i - 2].lower, "city" | "town" | "ciudad"))
            {
                continue;
            }
            let mut found = None;
            joined.clear();
            for (k, w) in words.iter().enumerate().skip(i).take(3) {
                if k > i {
                    let gap = &text[words[k - 1].end..w.start];
                    if !matches!(gap, " " | ". " | "-") {
                        break;
                    }
                    joined.push(' ');
                }
                if w.is_digits() {
                    break;
                }
                if w.lower.is_ascii() {
                    joined.push_str(&w.lower);
                } else {
                    joined.push_str(&fold(&w.lower));
                }
                if set.contains(word_hash(&joined)) {
                    found = Some(k);
                }
            }
            let Some(last) = found else { continue };
            // "en México": a country or a language, not the town.
            if last == i && vocabulary().get(&fold(&words[i].lower)).never() {
                continue;
            }
            let (start, end) = (words[i].start, words[last].end);
            let first = &words[i];
            let capital = text[first.start..].starts_with(char::is_uppercase);
            // One ordinary word ("Mobile"); a place of two or three words
            // ("El Paso", "Fort Worth") is a name even when its words are not.
            let ordinary = last == i && {
                let w = fold(&words[i].lower);
                lex.get(&w).is_known_word() || vocabulary().get(&w).never()
            };
            let ends = words.get(last + 1).is_none_or(|n| {
                text[end..n.start].contains([',', '.', ';', '!', '?', ')', '\n'])
                    || AFTER_PLACE.contains(&&*n.lower)
                    || is_state(&n.lower)
                    || n.is_digits()
            });
            // "el laboratorio de Mission", "the office in Mobile": a place
            // noun before the locative word says the word is the town.
            let place_noun_before = i >= 2 && is(PLACE_NOUNS, &words[i - 2].lower);
            let ok = match scan.mode {
                CaseMode::Mixed if ordinary => {
                    capital && (ends || place_noun_before) && !first_of_sentence(text, start)
                }
                CaseMode::Mixed => capital || ends,
                _ => !ordinary || ends,
            };
            if ok {
                out.push(Finding::new(start, end, Kind::City));
            }
        }
    }
}

/// Nouns of a place of care or of the way there, which a town's name
/// may stand right before ("Kalamazoo traffic", "the Kenosha draw site",
/// "Ypsilanti lab") or which come before "de"/"in" and the town ("la
/// oficina de Weslaco", "the clinic in Mobile").
const PLACE_NOUNS: &[&str] = &[
    "traffic",
    "office",
    "offices",
    "clinic",
    "clinics",
    "hospital",
    "lab",
    "labs",
    "laboratory",
    "location",
    "site",
    "branch",
    "campus",
    "pharmacy",
    "airport",
    "er",
    "area",
    "draw",
    "facility",
    "store",
    "downtown",
    "county",
    "center",
    "centre",
    "police",
    "library",
    "school",
    "shelter",
    "station",
    "oficina",
    "clinica",
    "clínica",
    "laboratorio",
    "farmacia",
    "sucursal",
    "hospitales",
    "escuela",
    "centro",
    "condado",
    "tienda",
];

fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

impl Cities {
    /// Gazetteer places with no locative word before them: a place right
    /// before a place noun ("Kalamazoo traffic", "the Kenosha draw site";
    /// in mixed case the place needs its capital), or, in mixed case, a
    /// capitalised place that no dictionary, list of names or facility
    /// name has ("if Harlingen has a lab", "Edinburg queda más cerca"). A
    /// place that is an ordinary word ("Mobile", "Mission") needs the place
    /// noun and its capital.
    fn gazetteer_bare(scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words) = (scan.text, scan.words);
        let set = places();
        let lex = lexicon();
        let mut joined = String::new();
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            let after_locative = i > 0 && LOCATIVE.contains(&&*words[i - 1].lower);
            if w.is_digits() || after_locative || w.lower.len() < 2 {
                i += 1;
                continue;
            }
            let capital = text[w.start..].starts_with(char::is_uppercase);
            if scan.mode == CaseMode::Mixed && !capital {
                i += 1;
                continue;
            }
            let mut found = None;
            joined.clear();
            for (k, x) in words.iter().enumerate().skip(i).take(3) {
                if k > i {
                    if !matches!(&text[words[k - 1].end..x.start], " " | ". " | "-") {
                        break;
                    }
                    joined.push(' ');
                }
                if x.is_digits() {
                    break;
                }
                if x.lower.is_ascii() {
                    joined.push_str(&x.lower);
                } else {
                    joined.push_str(&fold(&x.lower));
                }
                if set.contains(word_hash(&joined)) {
                    found = Some(k);
                }
            }
            let Some(last) = found else {
                i += 1;
                continue;
            };
            let (start, end) = (w.start, words[last].end);
            if scan.is_protected(start, end) {
                i = last + 1;
                continue;
            }
            let place_noun_after = words
                .get(last + 1)
                .is_some_and(|n| text[end..n.start] == *" " && is(PLACE_NOUNS, &n.lower));
            let one = fold(&w.lower);
            let entry = lex.get(&one);
            let vocab = vocabulary().get(&one);
            let plain = last > i
                || !(entry.is_known_word()
                    || entry.is_name()
                    || vocab.never()
                    || vocab.title()
                    || vocab.relation()
                    || vocab.greeting()
                    || scan.is_facility_word(&one));
            // "AMARILLO OFFICE", "modesto lab": without capitals, a place
            // that is a rarer word (Spanish, the larger dictionary) before a
            // place noun.
            let rare_word_ok = last == i
                && scan.mode != CaseMode::Mixed
                && entry.is_known_word()
                && !entry.is_ordinary()
                && !entry.is_name()
                && !vocab.never()
                && !scan.is_facility_word(&one);
            let ordinary_ok = last == i
                && entry.is_known_word()
                && !vocab.never()
                && !scan.is_facility_word(&one)
                && capital
                && scan.mode == CaseMode::Mixed
                && !first_of_sentence(text, start);
            let short = last == i && one.len() < 4;
            let ok = if short {
                false
            } else if place_noun_after {
                plain || ordinary_ok || rare_word_ok
            } else {
                scan.mode == CaseMode::Mixed && plain && last == i
            };
            if ok {
                out.push(Finding::new(start, end, Kind::City));
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }
}

/// Whether byte `at` starts a sentence (a capital there says nothing).
fn first_of_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '\n'])
}

impl Detector for Cities {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let first = out.len();
        self.find(scan, out);
        // "St. Louis", "Ft. Worth", "Mount Vernon": the saint's or the
        // fort's word is the city's too.
        for found in &mut out[first..] {
            let before = &scan.text[..found.start];
            // "La Ceiba", "Los Alcarrizos", "El Paso": a capitalised article
            // is the city's first word.
            if let Some(article) = ["La ", "Las ", "Los ", "El "]
                .iter()
                .find(|a| before.ends_with(**a))
                .filter(|a| {
                    before.len() == a.len()
                        || !before.as_bytes()[before.len() - a.len() - 1].is_ascii_alphanumeric()
                })
            {
                found.start -= article.len();
                continue;
            }
            if let Some(prefix) = CITY_PREFIXES.iter().find(|p| {
                before.len() >= p.len()
                    && before.is_char_boundary(before.len() - p.len())
                    && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
                    && (before.len() == p.len()
                        || !before.as_bytes()[before.len() - p.len() - 1].is_ascii_alphanumeric())
            }) {
                found.start -= prefix.len();
            }
            // "Rio Grande City", "Tuba City": the word "City" ends the name.
            let after = &scan.text[found.end..];
            if after.starts_with(" City") && !after[5..].starts_with(|c: char| c.is_alphanumeric())
            {
                found.end += 5;
            }
        }
    }
}

/// Words before a city's name that belong to it.
const CITY_PREFIXES: &[&str] = &[
    "st. ", "st ", "saint ", "ste. ", "ft. ", "ft ", "fort ", "mt. ", "mt ", "mount ", "port ",
    "ciudad ",
];

impl Cities {
    fn find(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let mode = scan.mode;
        Self::gazetteer(scan, out);
        Self::gazetteer_bare(scan, out);
        after_address(scan, out);
        if scan.profile.longest_digits >= 5 {
            for (zip, _) in zip_codes(text) {
                // "Tampa, FL 79388": the city before the state; "2 Park Ave
                // Bangor 03185": the words between an address and the ZIP.
                let found = match state_before(text, zip) {
                    Some(state) => city_before(text, state, mode),
                    None => city_before(text, zip, mode).filter(|c| c.2),
                };
                if let Some((s, e, _)) = found {
                    out.push(Finding::new(s, e, Kind::City));
                }
            }
        }
        if text.contains(',') {
            self.comma_states(scan, out);
        }
        if text.contains("City") || text.contains("Ciudad") {
            named_cities(scan, out);
        }
        if text.contains(':') {
            form_city(scan, out);
        }
        let verbs = scan.words.iter().any(|w| {
            matches!(
                &*w.lower,
                "live"
                    | "lives"
                    | "living"
                    | "lived"
                    | "reside"
                    | "resides"
                    | "residing"
                    | "resident"
                    | "moved"
                    | "moving"
                    | "relocated"
                    | "relocating"
                    | "staying"
                    | "stays"
                    | "mudamos"
                    | "mude"
                    | "mudé"
                    | "mudaron"
                    | "mudo"
                    | "mudó"
                    | "vivo"
                    | "vive"
                    | "vivimos"
                    | "viven"
                    | "quedando"
                    | "estamos"
                    | "leaving"
                    | "heading"
                    | "driving"
                    | "coming"
            )
        });
        if !verbs {
            return;
        }
        for m in self.lives_in.find_iter(text) {
            if let Some((s, e)) = place_after(text, m.end(), mode) {
                out.push(Finding::new(s, e, Kind::City));
            }
        }
    }
}

/// The value of a form's city field, whatever its case: "| CITY: CHICAGO
/// | ZIP: 60637", "Ciudad: cicero". One to three words of letters after
/// the label's colon, up to the next field (a "|", "/", ",", a line break,
/// a gap of two spaces, or a word before a colon); not "n/a", "same",
/// "unknown".
fn form_city(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    for (i, label) in words.iter().enumerate() {
        if !matches!(&*label.lower, "city" | "ciudad" | "town" | "municipio") {
            continue;
        }
        let Some(first) = words.get(i + 1) else { break };
        let gap = &text[label.end..first.start];
        if gap.trim() != ":" {
            continue;
        }
        let mut last = i + 1;
        while last + 1 < words.len()
            && last - i < 3
            && &text[words[last].end..words[last + 1].start] == " "
        {
            if text[words[last + 1].end..].trim_start().starts_with(':') {
                break;
            }
            last += 1;
        }
        let value = &text[first.start..words[last].end];
        let letters = value
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.');
        let empty = matches!(
            &*first.lower,
            "n" | "na" | "same" | "unknown" | "none" | "tbd" | "pending" | "see" | "as"
        );
        let ends = text[words[last].end..]
            .trim_start_matches(' ')
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '|' | '/' | ',' | '\n' | ';' | '.'))
            || text[words[last].end..].starts_with("  ");
        if letters && !empty && ends && !scan.is_protected(first.start, words[last].end) {
            super::push_new(out, Kind::City, first.start, words[last].end);
        }
    }
}

/// A city named as one: one to three capitalised words before "City"
/// ("Quezon City", "Salt Lake City"), or "Ciudad" and one or two
/// capitalised words, maybe after "de" ("Ciudad de Guatemala", "Ciudad
/// Juárez").
fn named_cities(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let capitalised = |w: &Word<'_>| {
        let raw = &text[w.start..w.end];
        raw.starts_with(char::is_uppercase) && raw.chars().skip(1).all(char::is_lowercase)
    };
    let spaced = |a: &Word<'_>, b: &Word<'_>| &text[a.end..b.start] == " ";
    for (i, w) in words.iter().enumerate() {
        match &text[w.start..w.end] {
            "City" => {
                let mut first = i;
                while first > 0
                    && i - first < 3
                    && capitalised(&words[first - 1])
                    && spaced(&words[first - 1], &words[first])
                {
                    first -= 1;
                }
                if first < i {
                    out.push(Finding::new(words[first].start, w.end, Kind::City));
                }
            }
            "Ciudad" => {
                let mut k = i + 1;
                if words
                    .get(k)
                    .is_some_and(|d| d.lower == "de" && spaced(&words[k - 1], d))
                {
                    k += 1;
                }
                let mut last = None;
                while k < words.len()
                    && k <= i + 3
                    && capitalised(&words[k])
                    && spaced(&words[k - 1], &words[k])
                {
                    last = Some(k);
                    k += 1;
                }
                if let Some(last) = last {
                    out.push(Finding::new(w.start, words[last].end, Kind::City));
                }
            }
            _ => {}
        }
    }
}

impl Cities {
    /// "Macon, GA." without a ZIP: a state code in capitals (or a full state
    /// name) after a comma, ending the phrase.
    fn comma_states(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        for (i, word) in scan.words.iter().enumerate() {
            // Only a word right after a comma (or after "New", "North"...).
            let after_comma = text[..word.start].trim_end_matches(' ').ends_with(',');
            if !after_comma && !STATE_SECOND.contains(&&*word.lower) {
                continue;
            }
            let raw = &text[word.start..word.end];
            // "Smith, MD" and "Jones, PA" are credentials, not states.
            let credential = matches!(raw, "MD" | "PA" | "DO" | "NP");
            let code = raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_uppercase()) && !credential;
            if !(code || (raw.len() > 2 && is_state(raw))) {
                continue;
            }
            let mut start = word.start;
            if STATE_SECOND.contains(&&*word.lower)
                && let Some(prev) = i.checked_sub(1).map(|p| &scan.words[p])
                && STATE_FIRST.contains(&&*prev.lower)
            {
                start = prev.start;
            }
            if !is_state(&word.lower) && start == word.start {
                continue;
            }
            let before = text[..start].trim_end_matches(' ');
            let after = text[word.end..].trim_start_matches(['.', ' ']);
            let ends = after.is_empty() || after.starts_with([',', ';', '!', '?', ')', '\n']);
            let ends = ends || text[word.end..].starts_with(". ");
            if let Some(comma) = before.strip_suffix(',').map(str::len)
                && ends
                && let Some((s, e, _)) = city_before(text, comma + 1, scan.mode)
            {
                out.push(Finding::new(s, e, Kind::City));
            }
        }
    }
}

/// The place name (up to three words) starting at byte `at`.
fn place_after(text: &str, at: usize, mode: CaseMode) -> Option<(usize, usize)> {
    let lex = lexicon();
    let mut end = None;
    let mut cursor = at;
    for _ in 0..3 {
        let rest = &text[cursor..];
        let skipped = rest.len() - rest.trim_start_matches(' ').len();
        if end.is_some() && skipped == 0 {
            break;
        }
        let word_len = rest[skipped..]
            .find(|c: char| !(c.is_alphabetic() || c == '\'' || c == '-' || c == '.'))
            .unwrap_or(rest.len() - skipped);
        let word = rest[skipped..skipped + word_len].trim_end_matches('.');
        if word.is_empty() || !place_word(word, mode) {
            break;
        }
        // Without capitals to go by, an ordinary word ("pain", "fear")
        // is no place unless it is also a name ("warren", "jackson").
        let entry = lex.get(&fold(word));
        if mode != CaseMode::Mixed && entry.is_ordinary() && !entry.is_common_name() {
            break;
        }
        end = Some(cursor + skipped + word.len());
        cursor = cursor + skipped + word.len();
    }
    end.map(|e| (at, e))
}

/// "[street address], Pine Ridge": one to three capitalised words after
/// a street address and a comma, followed by the end, a punctuation mark,
/// a dash, a state's two letters or a ZIP, are its town. In a body of one
/// case ("218 BIRCHWOOD LN, NAPERVILLE.", "77 cherry st, elmhurst)") the
/// words must be a gazetteer place, or a state or a ZIP must follow.
fn after_address(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let mixed = scan.mode == CaseMode::Mixed;
    let text = scan.text;
    let ends: Vec<usize> = out
        .iter()
        .filter(|f| f.kind == Kind::Address)
        .map(|f| f.end)
        .collect();
    for end in ends {
        let Some(rest) = text[end..].strip_prefix(',') else {
            continue;
        };
        let start = end + 1 + (rest.len() - rest.trim_start().len());
        let mut stop = start;
        let mut words = 0;
        let mut at = start;
        while words < 3 {
            let word_end = text[at..]
                .find(|c: char| !c.is_alphabetic())
                .map_or(text.len(), |k| at + k);
            let word = &text[at..word_end];
            let lower = word.to_ascii_lowercase();
            let street_word = ADDRESS_WORDS.contains(&lower.as_str());
            let cased = !mixed || case_of(word) == Case::Title;
            // (A state after the town is the state's: "springfield il 62704".)
            let state_after = words > 0
                && is_state(&lower)
                && (lower.len() > 2
                    || text[word_end..]
                        .trim_start_matches([' ', ','])
                        .starts_with(|c: char| c.is_ascii_digit()));
            if word.chars().count() < 2 || !cased || street_word || state_after {
                break;
            }
            words += 1;
            stop = word_end;
            match text[word_end..].strip_prefix(' ') {
                Some(next) if next.starts_with(|c: char| c.is_uppercase() || !mixed) => {
                    at = word_end + 1
                }
                _ => break,
            }
        }
        if words == 0 {
            continue;
        }
        let after = text[stop..].trim_start();
        // (In one case a state's two letters count only before a ZIP: "la",
        // "me" and "in" are words too.)
        let state = after
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| {
                let zip_next = after[w.len()..]
                    .trim_start_matches([' ', ','])
                    .bytes()
                    .take(5)
                    .filter(u8::is_ascii_digit)
                    .count()
                    == 5;
                (w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
                    || (!mixed && is_state(w) && (w.len() > 2 || zip_next))
            });
        let zip = after.len() >= 5
            && after.as_bytes()[..5].iter().all(u8::is_ascii_digit)
            && !after.as_bytes().get(5).is_some_and(u8::is_ascii_digit);
        let closes = after.is_empty()
            || after.starts_with([
                '.', ',', ';', ':', '!', '?', ')', '-', '\u{2013}', '\u{2014}',
            ])
            || state
            || zip;
        // (In one case, a word before a full stop may be any word: "... at
        // 12 Elm St, then home.")
        let known = mixed
            || state
            || zip
            || places().contains(word_hash(&text[start..stop].to_lowercase()));
        if closes && known && !scan.is_protected(start, stop) {
            super::push_new(out, Kind::City, start, stop);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cities(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Cities::new().expect("compiles"), text);
        let merged = crate::finding::merge(out);
        merged.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn a_saint_or_fort_before_and_city_after() {
        assert_eq!(
            cities("she moved to St. Louis last year"),
            vec!["St. Louis"]
        );
        assert_eq!(
            cities("family is driving from Fort Collins tonight"),
            vec!["Fort Collins"]
        );
        assert_eq!(
            cities("we're coming from Tuba City for the visit"),
            vec!["Tuba City"]
        );
    }

    #[test]
    fn places() {
        for (text, city) in [
            ("sent to 670 magnolia hwy mobile, al 36691. rx", "mobile"),
            (
                "shipped to 638 S Church Ave. Apt. 4A, Flagstaff 12749. Questions",
                "Flagstaff",
            ),
            (
                "65950 North Lewis Drive South Bend, IN 77143.",
                "South Bend",
            ),
            ("929 Lake Ave, Oxnard, California 30815.", "Oxnard"),
            ("75465 ridge cir lincoln ne 30839 balance", "lincoln"),
            ("to 2 Park Ave Bangor 03185 Questions", "Bangor"),
            (
                "lives with her nephew in Sioux Falls. Hearing",
                "Sioux Falls",
            ),
            ("LIVES WITH HER HUSBAND IN FARGO HEARING AID", "FARGO"),
            ("moved to Macon, GA.", "Macon"),
            ("we drove up from Fresno yesterday", "Fresno"),
            ("faxed to the clinic in tucson fax 555", "tucson"),
            ("MI HIJA VIVE EN EL PASO AHORA", "EL PASO"),
            ("HE IS AT HIS SONS IN MOBILE", "MOBILE"),
            ("she just moved to St. Louis for work", "St. Louis"),
            ("leaving kankakee now running late", "kankakee"),
            ("nos mudamos a waukegan el mes pasado", "waukegan"),
        ] {
            assert_eq!(cities(text), vec![city], "{text}");
        }
    }

    #[test]
    fn not_places() {
        for text in [
            "Replacement ships to the 26110 area this week.",
            "She lives in fear of falls.",
            "He lives with his son in the city.",
            "Hi Anna, IN 2 weeks",
            "Thanks, Anna, GA lab",
            "Signed, Dr. Oyelaran, MD.",
            "the app works in mobile mode, in Spanish too",
            "She is in Independence Day mood, in Progress Notes",
            "coming from work, running late",
            "estamos en casa, todo bien",
        ] {
            assert!(cities(text).is_empty(), "{text}: {:?}", cities(text));
        }
    }

    #[test]
    fn a_forms_city_field() {
        assert_eq!(
            cities("ADDR: 1405 E 67TH PL #1 | CITY: CHICAGO | ZIP: 60637"),
            vec!["CHICAGO"]
        );
        assert_eq!(
            cities("Ciudad: san luis potosi, Estado: SLP"),
            vec!["san luis potosi"]
        );
        assert!(cities("City: same as above").is_empty());
        assert!(cities("City: n/a / State: IL").is_empty());
    }

    #[test]
    fn towns_after_an_address_in_one_case() {
        // (With the address detector before: `redact_plain`.)
        use crate::tests::redact_plain as redact;
        assert_eq!(
            redact("SHE LIVES WITH ME AT 218 BIRCHWOOD LN, NAPERVILLE. CALL ME."),
            "SHE LIVES WITH ME AT [ADDRESS], [CITY]. CALL ME."
        );
        assert_eq!(
            redact("at her place (77 cherry st, elmhurst) and"),
            "at her place ([ADDRESS], [CITY]) and"
        );
        assert_eq!(
            redact("new address 12 oak st, springfield il 62704"),
            "new address [ADDRESS], [CITY] il [ZIP]"
        );
        // ("la", "me": words, not states.)
        assert!(!redact("mi casa es 12 calle roble, entren por la tienda").contains("[CITY]"));
    }

    #[test]
    fn places_without_a_locative() {
        assert_eq!(
            cities("Sorry, Sheboygan traffic was slow"),
            vec!["Sheboygan"]
        );
        assert_eq!(cities("is the kenosha draw site open"), vec!["kenosha"]);
        assert_eq!(
            cities("check if Pflugerville has a lab"),
            vec!["Pflugerville"]
        );
        assert_eq!(cities("¿el laboratorio de Mission abre?"), vec!["Mission"]);
        assert_eq!(cities("the el paso office called"), vec!["el paso"]);
        assert!(cities("the mission of the clinic").is_empty());
        assert!(cities("Mobile phones only").is_empty());
    }
}
