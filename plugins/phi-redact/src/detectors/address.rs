//! Street addresses: a house number, an optional direction, one to three
//! street-name words and a street type ("670 magnolia hwy", "1 E Sanchez
//! Drive", "3181 SW Sam Jackson Pk Rd", "9500 Meridian Ave N"), with the
//! apartment or unit that follows ("Apt. 4A", "Unit 162", "#1c"), and "No."
//! or "#" before the number; PO boxes. Street names without a number are
//! `street_name`'s.
//! Facility streets are the organisation's and are protected elsewhere.

use regex::Regex;

use super::word_set;
use super::{Detector, Scan, is_unit};
use crate::casing::CaseMode;
use crate::finding::{Finding, Kind};
use crate::words::Word;

/// Street types, full and abbreviated (USPS), longest first.
const STREET_TYPES: &str = "street|avenue|road|drive|lane|boulevard|parkway|highway|court|circle|\
terrace|place|trail|square|crossing|expressway|freeway|plaza|way|loop|pike|run|path|walk|row|\
alley|cove|heights|route|grove|glen|ridge|hollow|bend|commons|gardens|creek|hills|meadows|knoll|manor|estates|st|str|ave|av|rd|dr|ln|blvd|pkwy|pky|hwy|ct|cir|terr|ter|pl|trl|sq|xing|\
expy|fwy|aly|cv|hts|rte|pk";

/// Direction words that may stand before or after the street name.
const DIRECTIONS: &str =
    "north|south|east|west|northeast|northwest|southeast|southwest|ne|nw|se|sw|n|s|e|w";

word_set! {
    /// Whether a lowercased word is one of [`DIRECTIONS`]
    /// (`directions_and_units_match_their_patterns` keeps the two the same).
    pub fn is_direction {
        "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast"
            | "southwest" | "ne" | "nw" | "se" | "sw" | "n" | "s" | "e" | "w"
    }
}

/// Words that never sit inside a street name ("2 hours drive", "3 days
/// in a row").
const NOT_STREET_WORDS: &[&str] = &[
    "the", "a", "an", "in", "of", "to", "at", "for", "and", "or", "with", "on", "by", "per",
    "each", "every", "your", "my", "his", "her", "their", "our", "this", "that", "is", "are",
    "was", "be", "it", "you", "we", "us", "me", "same", "long", "short", "more", "less",
];

/// Words of a dwelling's unit that may follow a street with no type
/// ("55 Orchard, unit 4").
const UNIT_WORDS: &str = "apt|apartment|unit|suite|ste|lot|space|trailer";

word_set! {
    /// Whether a lowercased word is one of [`UNIT_WORDS`].
    pub(super) fn is_unit_word {
        "apt" | "apartment" | "unit" | "suite" | "ste" | "lot" | "space" | "trailer"
    }
}

/// Words that name a dwelling's number alone ("apt 6D", "depto. 3"): the
/// `dwelling` pattern's, and its word gate's.
const DWELLING_WORDS: &str = "apartment|apto|apartamento|depto|dpto|departamento|flat";

/// Street types that, written in lower case, still say "street" in a
/// message otherwise capitalised ("I'm at 77 river rd"): not titles or
/// shorthand ("dr", "st", "ct", "pl").
const LOWERCASE_TYPES: &[&str] = &[
    "rd",
    "ave",
    "blvd",
    "ln",
    "hwy",
    "pkwy",
    "road",
    "avenue",
    "boulevard",
    "lane",
    "highway",
    "street",
    "parkway",
];

/// The street part of an address (number to street type and direction).
pub struct StreetPattern {
    typed: Regex,
    /// A number and a capitalised name before a unit, with no street
    /// type: "55 Orchard, unit 4".
    before_unit: Regex,
    /// A number, a compass point and a capitalised name, with no street
    /// type: "6020 N Kenmore", "(19 W Oak)".
    directed: Regex,
}

impl StreetPattern {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            typed: super::compile(&format!(
                concat!(
                    // (A rural grid number too: "N7421 Lakeview Rd", "W5690 County Rd K".)
                    r"(?i)^(?:[nsew]\d{{3,6}}|\d{{1,2}}\s?[nsew]\s?\d{{3}}|\d{{1,6}}(?:-(?:\d{{1,4}}|[a-z]))?[a-z]?)(?:\s+1/2)?\s+",
                    // A compass point and a bare numbered street ("2812 W 25
                    // PL"), or names ("455 w. 42nd st", "670 magnolia hwy").
                    r"(?:(?:{dirs})\.?\s+\d{{1,3}}\s+|(?:(?:{dirs})\.?\s+)?",
                    // (Latin letters with accents too: "3 Piñon Trl".)
                    r"(?:(?:\d{{1,3}}\s?(?:st|nd|rd|th)|[a-z0-9\u{{C0}}-\u{{24F}}][a-z\u{{C0}}-\u{{24F}}'.-]*)\s+){{1,3}}?)",
                    r"(?:{types})\b\.?(?:\s+(?:{types})\b\.?)?",
                    r"(?:\s+(?:ne|nw|se|sw|n|s|e|w)\b\.?)?",
                ),
                dirs = DIRECTIONS,
                types = STREET_TYPES
            ))?,
            before_unit: super::compile(&format!(
                concat!(
                    r"^(\d{{1,6}}[A-Za-z]?\s+(?:(?i:{dirs})\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)",
                    r",?\s*(?i:{units})\b",
                ),
                dirs = DIRECTIONS,
                units = UNIT_WORDS,
            ))?,
            directed: super::compile(
                r"^\d{1,6}\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\.?|North|South|East|West|1/2)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b",
            )?,
        })
    }

    /// Byte ranges of street addresses (without unit) in `text`, whose
    /// words are `words`.
    pub fn streets(&self, text: &str, words: &[Word<'_>], mode: CaseMode) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        self.typed(text, words, mode, &mut out);
        // Streets without a type, where no typed street is.
        let mut untyped = Vec::new();
        self.before_unit(text, words, &mut untyped);
        self.directed(text, words, &mut untyped);
        if mode != CaseMode::Mixed {
            directed_in_one_case(text, words, &mut untyped);
        }
        if mode == CaseMode::Mixed {
            bare(text, words, &mut untyped);
        }
        after_home_cue(text, words, &mut untyped);
        for (start, end) in untyped {
            if !out.iter().any(|&(s, e)| s < end && start < e) {
                out.push((start, end));
            }
        }
        out.sort_unstable();
        out
    }

    /// Streets with a type after the name ("670 magnolia hwy").
    fn typed(&self, text: &str, words: &[Word<'_>], mode: CaseMode, out: &mut Vec<(usize, usize)>) {
        // A street type two to nine words on: where a match may start.
        let typed_after = |i: usize| {
            (words[i].lower.starts_with(|c: char| c.is_ascii_digit())
                || grid_number(&words[i].lower))
                && words[i].lower.len() <= 7
                && words
                    .iter()
                    .skip(i + 2)
                    .take(8)
                    .any(|t| is_street_type(&t.lower))
        };
        // A match is kept only if its words are a street's: a rejected one
        // leaves the words after its start to the next house number
        // ("pickup 0700 3109 W Fulton Blvd").
        let find = |start: usize, from: &str| {
            let matched = &from[..self.typed.find(from)?.end()];
            let mut buf = [0u8; 16];
            let last = matched.split_whitespace().last().unwrap_or_default();
            let lowercase_ok =
                LOWERCASE_TYPES.contains(&lower_ascii(last.trim_matches('.'), &mut buf));
            // A compass point after the house number says "street" in
            // lower case too ("455 w. 42nd st", "3900 n lake shore dr").
            // (With a name between the point and the type: not "2 s dr".)
            let directed = matched.split_whitespace().count() >= 4
                && matched.split_whitespace().nth(1).is_some_and(|w| {
                    w.len() <= 2 && is_direction(&w.trim_end_matches('.').to_ascii_lowercase())
                });
            // The words after the house number: street name, type, direction.
            let plausible = matched.split_whitespace().skip(1).all(|w| {
                let mut buf = [0u8; 16];
                let w = w.trim_matches('.');
                let lower = lower_ascii(w, &mut buf);
                let cased = mode != CaseMode::Mixed
                    || lowercase_ok
                    || directed
                    || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
                // ("Five Mile Rd": a mile names roads.)
                cased
                    && !NOT_STREET_WORDS.contains(&lower)
                    && (!is_unit(lower) || lower == "mile")
                    && !is_calendar(lower)
            });
            // A trailing '.' after an abbreviation ends the sentence too.
            let street = matched.trim_end_matches('.').len();
            // ("DOB 11-02-1957  4410 W FULLERTON AVE": a whole date, then a
            // street with its compass point, is a form's next field.)
            let next_field = directed && after_whole_date(text, start);
            (plausible && (next_field || !after_number_or_date(text, start)))
                .then_some((matched.len(), street))
        };
        for (start, street) in anchored(text, words, typed_after, find) {
            out.push((start, start + street));
        }
    }

    /// "6020 N Kenmore", "2260 West Foster": a house number, a capital
    /// compass point and a capitalised name; or a half number and a name
    /// ("1204 1/2 Jefferson").
    fn directed(&self, text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
        // A house number, then a capital compass point or "1/2", then a
        // word: where a match may start.
        let directed_at = |i: usize| {
            let (Some(number), Some(point), Some(_)) =
                (words.get(i), words.get(i + 1), words.get(i + 2))
            else {
                return false;
            };
            number.is_digits()
                && number.lower.len() <= 6
                && (matches!(
                    &text[point.start..point.end],
                    "N" | "S"
                        | "E"
                        | "W"
                        | "NE"
                        | "NW"
                        | "SE"
                        | "SW"
                        | "North"
                        | "South"
                        | "East"
                        | "West"
                ) || text[point.start..].starts_with("1/2 "))
        };
        let find = |_: usize, from: &str| self.directed.find(from).map(|m| (m.end(), m.end()));
        for (start, len) in anchored(text, words, directed_at, find) {
            let end = start + len;
            let name_ok = text[start..end].split_whitespace().skip(2).all(|w| {
                let lower = w.to_ascii_lowercase();
                // Not a drug, a state or a function word ("2 N Tylenol").
                let never =
                    super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(&lower))
                        .never();
                !never
                    && !NOT_STREET_WORDS.contains(&lower.as_str())
                    && !is_calendar(&lower)
                    && !matches!(
                        lower.as_str(),
                        "wing" | "tower" | "pavilion" | "building" | "unit" | "campus" | "side"
                    )
            });
            // "room 4 W Wing", "bed 2 N": a place in a hospital.
            let in_building = matches!(
                super::previous_word(text, start)
                    .to_ascii_lowercase()
                    .as_str(),
                "room"
                    | "rm"
                    | "bed"
                    | "unit"
                    | "floor"
                    | "fl"
                    | "suite"
                    | "ste"
                    | "ward"
                    | "pod"
                    | "bay"
            );
            if name_ok && !in_building && !after_number_or_date(text, start) {
                out.push((start, end));
            }
        }
    }

    /// "55 Orchard, unit 4": a house number and a capitalised name with a
    /// unit word after them, no street type. (Not "#": "2 Tylenol #3" is a
    /// drug.)
    fn before_unit(&self, text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
        // A unit word two to four words on.
        let unit_soon = |i: usize| {
            words
                .iter()
                .skip(i + 2)
                .take(3)
                .any(|t| is_unit_word(&t.lower))
        };
        // (The pattern runs only if a plain house number has a unit after
        // it; then from any number, "55A" too.)
        let candidate = (0..words.len())
            .any(|i| words[i].is_digits() && words[i].lower.len() <= 6 && unit_soon(i));
        if !candidate {
            return;
        }
        let unit_after =
            |i: usize| words[i].lower.starts_with(|c: char| c.is_ascii_digit()) && unit_soon(i);
        let find = |_: usize, from: &str| {
            let caps = self.before_unit.captures(from)?;
            Some((caps.get(0)?.end(), caps.get(1)?.end()))
        };
        for (street_start, len) in anchored(text, words, unit_after, find) {
            let street_end = street_start + len;
            let street = &text[street_start..street_end];
            let name_ok = street.split_whitespace().skip(1).all(|w| {
                let lower = w.to_ascii_lowercase();
                !NOT_STREET_WORDS.contains(&lower.as_str())
                    && !is_unit(&lower)
                    && !is_calendar(&lower)
            });
            if name_ok && !after_number_or_date(text, street_start) {
                out.push((street_start, street_end));
            }
        }
    }
}

/// "went to 1207 Maple per the referral", "blue house at 41 Hollis,": a
/// house number after "at", "to" or "is", then one capitalised word that
/// is no drug, month, weekday, direction or function word, ending the
/// clause.
/// "im at 5530 w fullerton", "2370 W CORTLAND": in a body of one case, a
/// house number after a place word ("at", "live", "on"), a compass point
/// and a word that is a name or no word at all (not "took 500 w food").
fn directed_in_one_case(text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
    let lexicon = crate::lexicon::lexicon();
    for i in 1..words.len().saturating_sub(2) {
        let (number, point, name) = (&words[i], &words[i + 1], &words[i + 2]);
        let placed = matches!(
            &*words[i - 1].lower,
            "at" | "on"
                | "to"
                | "live"
                | "lives"
                | "living"
                | "is"
                | "its"
                | "address"
                | "not"
                | "en"
        ) || text[..number.start].trim_end().ends_with('@');
        if !placed
            || !number.is_digits()
            || !(3..=5).contains(&number.lower.len())
            || !matches!(
                &*point.lower,
                "n" | "s" | "e" | "w" | "north" | "south" | "east" | "west"
            )
        {
            continue;
        }
        let entry = lexicon.get(&name.lower);
        let street_name = !name.is_digits()
            && name.lower.len() >= 3
            && (!entry.is_known_word() || (entry.is_name() && !entry.is_ordinary()))
            && !super::name::vocabulary::flags_of(entry).never();
        let spaced = text[number.end..point.start] == *" " && text[point.end..name.start] == *" ";
        if street_name && spaced {
            out.push((number.start, name.end));
        }
    }
}

fn bare(text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
    for i in 1..words.len().saturating_sub(1) {
        let (number, name) = (&words[i], &words[i + 1]);
        let house_number = number.is_digits()
            && (1..=5).contains(&number.lower.len())
            && matches!(&*words[i - 1].lower, "at" | "to" | "is")
            && text.get(number.end..name.start) == Some(" ");
        if !house_number {
            continue;
        }
        let raw = &text[name.start..name.end];
        let capitalised = raw.starts_with(|c: char| c.is_ascii_uppercase())
            && raw[1..].bytes().all(|b| b.is_ascii_lowercase());
        let flags = super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(&name.lower));
        let plain = capitalised
            && name.lower.len() >= 3
            && !flags.never()
            && !is_calendar(&name.lower)
            && !is_direction(&name.lower)
            && !is_unit(&name.lower)
            && !NOT_STREET_WORDS.contains(&&*name.lower);
        if plain
            && place_ends_after(text, words, i + 1)
            && !after_number_or_date(text, number.start)
        {
            out.push((number.start, name.end));
        }
    }
}

word_set! {
    /// Words that may follow a street named without a type, ending it
    /// ("at 44 Poplar now with her sister", "at 41 Hollis per the note").
    fn follows_a_place {
        "per" | "not" | "but" | "and" | "so" | "if" | "now" | "with" | "since" | "until"
            | "near" | "behind" | "across" | "next"
    }
}

/// Whether a street named without a type ends with word `j`: the text
/// or the clause ends after it, or a word that may follow a place comes
/// next.
fn place_ends_after(text: &str, words: &[Word<'_>], j: usize) -> bool {
    let rest = text[words[j].end..].trim_start_matches(' ');
    rest.is_empty()
        || rest.starts_with([',', '.', ';', ')', '!', '?', '\n'])
        || words.get(j + 1).is_some_and(|w| follows_a_place(&w.lower))
}

/// "I live at 903 elm", "the address is 2210 n sheridan", "mi dirección es
/// 415 palmas": after a cue that can only introduce a home, a house number
/// of two to five digits and one or two words in any case that are no
/// function word, unit, month, drug or amount, ending the clause.
fn after_home_cue(text: &str, words: &[Word<'_>], out: &mut Vec<(usize, usize)>) {
    for i in 2..words.len().saturating_sub(1) {
        let number = &words[i];
        let cue = (&*words[i - 2].lower, &*words[i - 1].lower);
        let home = matches!(
            cue,
            (
                "live" | "lives" | "living" | "reside" | "resides" | "residing",
                "at"
            ) | ("address" | "addy" | "dirección" | "direccion", "is" | "es")
        );
        if !home
            || !number.is_digits()
            || !(2..=5).contains(&number.lower.len())
            || text.get(number.end..words[i + 1].start) != Some(" ")
        {
            continue;
        }
        let street_word = |w: &Word<'_>| {
            let flags = super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(&w.lower));
            w.lower.len() >= 3
                && w.lower.bytes().all(|b| b.is_ascii_alphabetic())
                && !flags.never()
                && !is_calendar(&w.lower)
                && !is_unit(&w.lower)
                && !is_unit_word(&w.lower)
                && !NOT_STREET_WORDS.contains(&&*w.lower)
                && !follows_a_place(&w.lower)
                && !matches!(
                    &*w.lower,
                    "different" | "other" | "separate" | "places" | "homes" | "houses" | "times"
                )
        };
        let first = i + 1;
        if !street_word(&words[first]) {
            continue;
        }
        let second = words.get(first + 1).filter(|w| {
            text.get(words[first].end..w.start) == Some(" ")
                && street_word(w)
                && place_ends_after(text, words, first + 1)
        });
        let end = match second {
            Some(w) => w.end,
            None if place_ends_after(text, words, first) => words[first].end,
            None => continue,
        };
        if !after_number_or_date(text, number.start) {
            out.push((number.start, end));
        }
    }
}

/// The matches of a pattern anchored with `^`, tried at the words where
/// `may_start` says a match may begin, left to right and not overlapping,
/// as `captures_iter` over the whole text would find them: each search
/// runs a few words from a word's start instead of scanning the whole
/// message. `search` runs the pattern on the text from a word's start (at
/// that byte offset of `text`) and gives its match's length and what the
/// caller needs of it, or nothing when there is no match or the caller
/// rejects it (a rejected match hides no start inside it); each result
/// comes with its byte offset in `text`.
fn anchored<T>(
    text: &str,
    words: &[Word<'_>],
    may_start: impl Fn(usize) -> bool,
    search: impl Fn(usize, &str) -> Option<(usize, T)>,
) -> Vec<(usize, T)> {
    let mut out = Vec::new();
    let mut resume = 0;
    for (i, w) in words.iter().enumerate() {
        if w.start < resume || !may_start(i) {
            continue;
        }
        // Twelve words on, at a word's start, is past the end of any match
        // (a shorter haystack keeps the search engine's setup small).
        let end = words.get(i + 12).map_or(text.len(), |far| far.start);
        if let Some((len, found)) = search(w.start, &text[w.start..end]) {
            resume = w.start + len;
            out.push((w.start, found));
        }
    }
    out
}

/// A rural grid house number, a compass letter and digits ("n7421").
fn grid_number(word: &str) -> bool {
    let mut bytes = word.bytes();
    matches!(bytes.next(), Some(b'n' | b's' | b'e' | b'w'))
        && (4..=7).contains(&word.len())
        && bytes.all(|b| b.is_ascii_digit())
}

/// Whether a house number at byte `start` is rather part of an amount, a
/// longer number or a date ("$25 Main St.", "05/04/24 Son", "Oct. 15
/// Son").
/// ("pickup 0700 3109 W Fulton Blvd": a 24-hour clock time before is
/// no longer number.)
fn after_number_or_date(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let last = before.rsplit(' ').next().unwrap_or_default();
    let clock = last.len() == 4
        && before.len() < start
        && last.bytes().all(|b| b.is_ascii_digit())
        && last[..2] <= *"23"
        && last[2..] <= *"59";
    // ("addr:6128 w belmont ave": a label's colon; "10:15" a clock's.)
    let clock_colon = text[..start]
        .strip_suffix(':')
        .is_some_and(|b| !b.ends_with(char::is_alphabetic));
    text[..start].ends_with(['$', '.', ',', '/', '-'])
        || clock_colon
        || (before.ends_with(|c: char| c.is_ascii_digit()) && !clock)
        || is_calendar(&super::previous_word(text, start))
}

/// Whether the word before byte `start`, apart from it by a space, is a
/// whole date with two separators ("11-02-1957", "3/4/61").
fn after_whole_date(text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let last = before
        .trim_end_matches(' ')
        .rsplit(' ')
        .next()
        .unwrap_or_default();
    let parts = last.split(['-', '/']);
    parts.clone().count() == 3
        && parts
            .into_iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `word` lowercased into `buf` (ASCII words up to 16 bytes; others are
/// returned as they are, which no list here matches anyway).
fn lower_ascii<'b>(word: &'b str, buf: &'b mut [u8; 16]) -> &'b str {
    if word.len() > buf.len() || !word.is_ascii() {
        return word;
    }
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).unwrap_or(word)
}

word_set! {
    /// The words the `latin` pattern starts with ("Cra", "calle", "C/").
    fn is_latin_street_word {
        "cra" | "kra" | "carrera" | "calle" | "cl" | "cll" | "diagonal" | "dg" | "transversal"
            | "tv" | "avenida" | "av" | "ak" | "ac" | "c"
    }
}

word_set! {
    /// Whether a lowercased word names a dwelling's number: "apt" or one of
    /// [`DWELLING_WORDS`] (a compiled `match`: every word of a message asks;
    /// `dwelling_words_match_the_pattern` keeps the two the same).
    pub(super) fn is_dwelling_word {
        "apt" | "unit" | "bldg" | "apartment" | "apto" | "apartamento" | "depto" | "dpto"
            | "departamento" | "flat"
    }
}

word_set! {
    /// Whether a lowercased word is a street type ("st", "avenue").
    /// (A `match` over [`STREET_TYPES`], compiled, no table at init: every
    /// word of a message asks; `street_types_match_the_pattern` keeps the two
    /// the same.)
    pub fn is_street_type {
        "street"
            | "avenue"
            | "road"
            | "drive"
            | "lane"
            | "boulevard"
            | "parkway"
            | "highway"
            | "court"
            | "circle"
            | "terrace"
            | "place"
            | "trail"
            | "square"
            | "crossing"
            | "expressway"
            | "freeway"
            | "plaza"
            | "way"
            | "loop"
            | "pike"
            | "run"
            | "path"
            | "walk"
            | "row"
            | "alley"
            | "cove"
            | "heights"
            | "route"
            | "st"
            | "str"
            | "ave"
            | "av"
            | "rd"
            | "dr"
            | "ln"
            | "blvd"
            | "pkwy"
            | "pky"
            | "hwy"
            | "ct"
            | "cir"
            | "terr"
            | "ter"
            | "pl"
            | "trl"
            | "sq"
            | "xing"
            | "expy"
            | "fwy"
            | "aly"
            | "cv"
            | "hts"
            | "rte"
            | "pk"
            | "grove"
            | "glen"
            | "ridge"
            | "hollow"
            | "bend"
            | "commons"
            | "gardens"
            | "creek"
            | "hills"
            | "meadows"
            | "knoll"
            | "manor"
            | "estates"
    }
}

/// A comparable form of a street address: lowercase words, street types
/// and directions abbreviated ("9200 Wisconsin Avenue" and "9200 wisconsin
/// ave." both give "9200 wisconsin ave").
pub fn normalize_street(street: &str) -> String {
    street
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let short = match w.as_str() {
                "street" | "str" => "st",
                "avenue" | "av" => "ave",
                "road" => "rd",
                "drive" => "dr",
                "lane" => "ln",
                "boulevard" => "blvd",
                "parkway" | "pky" => "pkwy",
                "highway" => "hwy",
                "court" => "ct",
                "circle" => "cir",
                "terrace" => "ter",
                "place" => "pl",
                "trail" => "trl",
                "square" => "sq",
                "north" => "n",
                "south" => "s",
                "east" => "e",
                "west" => "w",
                "northeast" => "ne",
                "northwest" => "nw",
                "southeast" => "se",
                "southwest" => "sw",
                other => return other.to_owned(),
            };
            short.to_owned()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub struct Addresses {
    unit: Regex,
    /// A unit written before its street ("Apt 211, 3900 Jefferson Blvd").
    unit_first: Regex,
    po_box: Regex,
    dwelling: Regex,
    /// Latin American and Spanish street addresses: "Cra 76 #33-85",
    /// "Calle 10 Sur # 43A-12" (Colombia: the street, then the cross
    /// street and the distance), "4a. calle 12-45 zona 18" (Guatemala),
    /// "C/ Alcalá 123, 4º B" (Spain, with its floor and door).
    latin: Regex,
    /// A lot or a room where someone lives ("Lot 37", "lote 19", "room
    /// 118"), read only in a message about a trailer park or a motel.
    lodging: Regex,
}

/// Words of a trailer or RV park, for its lots and spaces.
fn is_park_word(word: &str) -> bool {
    matches!(
        word,
        "trailer"
            | "trailers"
            | "mobile"
            | "rv"
            | "camper"
            | "campground"
            | "park"
            | "court"
            | "traila"
            | "trailas"
            | "traila's"
            | "parque"
            | "remolque"
            | "casa_rodante"
    )
}

/// Words of a motel, hotel or shelter, for its rooms.
fn is_lodging_word(word: &str) -> bool {
    matches!(
        word,
        "motel"
            | "hotel"
            | "inn"
            | "suites"
            | "lodge"
            | "shelter"
            | "refugio"
            | "albergue"
            | "hostel"
    )
}

/// Words of a hospital or a care home, where a room is a ward's.
fn is_ward_word(word: &str) -> bool {
    matches!(
        word,
        "hospital"
            | "icu"
            | "floor"
            | "bed"
            | "unit"
            | "ward"
            | "rehab"
            | "snf"
            | "nursing"
            | "er"
            | "ed"
            | "clinic"
            | "cama"
            | "piso"
    )
}

impl Addresses {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            unit: super::compile(concat!(
                r"(?i)^\.?(?:(?:,?\s*(?:apt|apartment|unit|suite|ste|bldg|building|fl|floor|rm|room|",
                // "Lake Shore Drive number 2204", "W 26TH ST INT 3" (interior).
                r"lot|lote|space|spc|box|piso|number|int|interior|apto|apartamento|depto|dpto|unidad)\b\.?\s*#?\s*|\s*#\s*)[a-z0-9][a-z0-9-]{0,5}\b",
                // "No." only before a number ("..., no la de enfrente" is a word).
                r"|,?\s*no\b\.?\s*#?\s*[0-9][a-z0-9-]{0,5}\b",
                // The house behind or a basement: "4012 S Honore back house",
                // "5911 W Huron, bsmt", "2723 S Trumbull, la casa de atrás",
                // and a place in the house after a unit ("2ND FL REAR", "depto
                // 2 atrás").
                r"|,?\s*(?:back|rear|front|coach)\s+house\b",
                r"|,?\s*(?:the\s+)?(?:bsmt|basement)(?:\s+(?:apt|apartment|unit))?\b",
                r"|,?\s*(?:la\s+)?casa\s+de\s+(?:atr[aá]s|enfrente|arriba|abajo)\b",
                r"|,?\s*(?:el\s+)?cuarto\s+de\s+(?:arriba|abajo|atr[aá]s)\b",
                r"|\s+(?:rear|atr[aá]s|arriba|abajo)\b",
                // "5210 N Winthrop Ave, Garden Unit", "rear apt".
                r"|,?\s*(?:garden|basement|rear|front|upper|lower|back)\s+(?:unit|apt|apartment|flat|level)\b",
                // "66 Ridge Ave, 2nd fl", "1140 Mission St, 2do piso".
                r"|,?\s*\d{1,2}(?:st|nd|rd|th)\s+(?:fl|floor)\b\.?",
                r"|,?\s*\d{1,2}(?:er|ro|do|to|vo|no|mo)\.?\s+piso\b",
                // "West 18th Street segundo piso".
                r"|,?\s*(?:primer|primero|segundo|tercer|tercero|cuarto|quinto|sexto)\s+piso\b)",
            ))?,
            // PO boxes, rural ones with their route: "Rural Route 2 Box
            // 88", "RR 2 Box 88", "HC 64 Box 1120" (a highway contract
            // route), "RFD 3, Box 12", and military ones ("PSC 473 Box 118").
            unit_first: super::compile(concat!(
                r"(?i)\b(?:(?:building|bldg|apt|apartment|unit|suite|ste|lot)\.?\s*#?\s*",
                r"[a-z0-9][a-z0-9-]{0,4}\s*,\s*){1,2}$",
            ))?,
            po_box: super::compile(concat!(
                r"(?i)\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box",
                r"|apartado\s+postal|apdo\.?(?:\s+postal)?",
                r"|(?:rural\s+route|r\.?\s?r\.?|rfd|hc|star\s+route)\s*#?\s*\d{1,4}\s*,?\s*box",
                // Military mail: "PSC 473 Box 118", "Unit 2050 Box 337", "CMR 402 Box 9".
                r"|(?:psc|cmr|unit|omc)\s*#?\s*\d{1,6}\s*,?\s*box)\s+\d{1,6}[a-z]?\b",
            ))?,
            // "apt 6D", "depto. 3", "flat 4": a dwelling's number alone. "apt"
            // is also an appointment ("apt 3pm", "apt 2 weeks"), and "unit"
            // and "bldg" count things ("unit 3 of insulin"): after them, only
            // a number with a letter ("7B", "4-D") or a "#".
            lodging: super::compile(
                r"(?i)\b(lot|lote|space|espacio|site|room|rm|cuarto|habitaci[oó]n)\s*#?\s*\d{1,4}[a-z]?\b",
            )?,
            latin: super::compile(concat!(
                r"(?i)\b(?:(?:cra|kra|carrera|calle|cl|cll|diagonal|dg|transversal|tv|avenida|av|ak|ac)\.?[ \t]*",
                r"[0-9]{1,3} ?[a-z]?(?:[ \t]*bis)?(?:[ \t]+(?:sur|norte|este|oeste))?[ \t]*(?:#|no\.?|n[°º])[ \t]*[0-9]{1,3} ?[a-z]?[ \t]*-[ \t]*[0-9]{1,3}",
                r"|[0-9]{1,2} ?a\.?[ \t]+(?:calle|avenida|av\.?)[ \t]+[0-9]{1,3}-[0-9]{1,3}(?:,?[ \t]*zona[ \t]+[0-9]{1,2})?",
                r"|(?-i:C)/[ \t]*(?-i:[A-ZÁÉÍÓÚÑ])[a-záéíóúñü]+(?:[ \t]+(?:de|del|la|las|los|(?-i:[A-ZÁÉÍÓÚÑ])[a-záéíóúñü]+)){0,3},?[ \t]+[0-9]{1,4}",
                r"(?:,[ \t]*[0-9]{1,2} ?[ºª°][ \t]*(?:[a-z]{1,4}\b\.?)?)?)",
            ))?,
            dwelling: super::compile(&format!(
                concat!(
                    r"(?i)\b((?:{dwellings})\b\.?\s*(?:#|no\.?)?\s*[0-9][a-z0-9-]{{0,4}}",
                    r"|(?:apt|unit|bldg)\b\.?\s*(?:#\s*[0-9]{{1,4}}[a-z]?|[0-9]{{1,4}}-?[a-z]|[a-z]-?[0-9]{{1,4}}))\b",
                    r"(?:[^:/.0-9]|\.(?:\s|$)|$)",
                ),
                dwellings = DWELLING_WORDS
            ))?,
        })
    }
}

/// Months and weekdays (full or abbreviated, lowercase): never a street
/// name.
fn is_calendar(word: &str) -> bool {
    const CALENDAR: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    // `word` is lowercase already.
    CALENDAR.contains(&word.trim_end_matches('.'))
}

impl Detector for Addresses {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        for &(start, end) in scan.streets {
            // Up to two units ("Bldg C #214").
            let mut unit_end = end;
            for _ in 0..2 {
                match self.unit.find(&text[unit_end..]) {
                    Some(m) if m.end() > 0 => unit_end += m.end(),
                    _ => break,
                }
            }
            // "No. 18 Pine Street", "# 40 Elm St": the number's own label.
            let before = &text[..start];
            let label = ["No. ", "no. ", "NO. ", "No ", "# "]
                .iter()
                .find(|l| before.ends_with(*l))
                .map_or(0, |l| l.len());
            let start = start - label;
            // "Building 4, Apt 211, 3900 Jefferson Blvd", "apt 5, 2300
            // Bryant St": the unit written first.
            let start = self
                .unit_first
                .find(&text[..start])
                .map_or(start, |m| m.start());
            out.push(Finding::new(start, unit_end, Kind::Address));
        }
        if scan.words.iter().any(|w| is_latin_street_word(&w.lower)) {
            for m in self.latin.find_iter(text) {
                out.push(Finding::new(m.start(), m.end(), Kind::Address));
            }
        }
        let park = super::any_word(scan.words, is_park_word);
        let lodging = super::any_word(scan.words, is_lodging_word)
            && !super::any_word(scan.words, is_ward_word);
        if park || lodging {
            for found in self.lodging.captures_iter(text) {
                let word = found[1].to_ascii_lowercase();
                let room =
                    matches!(&*word, "room" | "rm" | "cuarto") || word.starts_with("habitaci");
                let m = found.get(0).expect("whole match");
                let inside = out.iter().any(|f| f.start <= m.start() && m.end() <= f.end);
                if (if room { lodging } else { park }) && !inside {
                    out.push(Finding::new(m.start(), m.end(), Kind::Address));
                }
            }
        }
        let dwelling_word = super::any_word(scan.words, is_dwelling_word);
        if dwelling_word {
            for found in self.dwelling.captures_iter(text) {
                let Some(m) = found.get(1) else { continue };
                // "apt 3 pm": a time.
                let rest = text[m.end()..].trim_start().as_bytes();
                let am_pm = rest.len() >= 2
                    && matches!(rest[0].to_ascii_lowercase(), b'a' | b'p')
                    && rest[1].eq_ignore_ascii_case(&b'm');
                let inside = out.iter().any(|f| f.start <= m.start() && m.end() <= f.end);
                if !inside && !am_pm {
                    out.push(Finding::new(m.start(), m.end(), Kind::Address));
                }
            }
        }
        if scan
            .words
            .iter()
            .any(|w| matches!(&*w.lower, "box" | "apartado" | "apdo"))
        {
            for m in self.po_box.find_iter(text) {
                out.push(Finding::new(m.start(), m.end(), Kind::Address));
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn street_types_match_the_pattern() {
        for t in STREET_TYPES.split('|') {
            assert!(is_street_type(t), "{t}");
        }
        assert!(!is_street_type("streets") && !is_street_type(""));
    }

    #[test]
    fn directions_and_units_match_their_patterns() {
        for d in DIRECTIONS.split('|') {
            assert!(is_direction(d), "{d}");
        }
        for u in UNIT_WORDS.split('|') {
            assert!(is_unit_word(u), "{u}");
        }
        assert!(!is_direction("nw2") && !is_unit_word("units"));
    }

    #[test]
    fn dwelling_words_match_the_pattern() {
        for w in DWELLING_WORDS.split('|').chain(["apt", "unit", "bldg"]) {
            assert!(is_dwelling_word(w), "{w}");
        }
        assert!(!is_dwelling_word("apts") && !is_dwelling_word("appt"));
    }

    use super::*;
    use crate::known::Known;

    fn found(text: &str) -> Vec<&str> {
        let detector = Addresses::new().expect("patterns compile");
        let words = crate::words::words(text);
        let known = Known::default();
        let streets = StreetPattern::new().expect("compiles").streets(
            text,
            &words,
            crate::casing::case_mode(text),
        );
        let scan = Scan {
            text,
            lower: &text.to_ascii_lowercase(),
            words: &words,
            known: &known,
            protected: &[],
            streets: &streets,
            mode: crate::casing::case_mode(text),
            profile: crate::detectors::Profile::of(text),
            facility_hosts: &[],
            organisation: None,
        };
        let mut out = Vec::new();
        detector.detect(&scan, &mut out);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn lots_and_rooms_where_people_live() {
        assert_eq!(
            found("We're in Lot 37, Shady Pines Mobile Home Park, third row"),
            vec!["Lot 37"]
        );
        assert_eq!(
            found("been at the Star Lite Motel on the highway, room 118 for 2 weeks"),
            vec!["room 118"]
        );
        assert!(found("pt in room 212 at the motel unit, hospital bed ordered").is_empty());
        assert!(found("parking lot 3 at the clinic is full").is_empty());
    }

    #[test]
    fn street_addresses_with_units() {
        for (text, address) in [
            (
                "shipped to 638 S Church Ave. Apt. 4A, Flagstaff",
                "638 S Church Ave. Apt. 4A",
            ),
            ("at 670 magnolia hwy mobile, al", "670 magnolia hwy"),
            ("app for R. Tafoya, 3 Piñon Trl, Chimayó NM", "3 Piñon Trl"),
            ("pick me up at 1201 e 75 th st at 8:15", "1201 e 75 th st"),
            ("New pt: 19 W 555 Lake St, Addison IL", "19 W 555 Lake St"),
            // A rural grid number (Wisconsin, Illinois).
            (
                "up at the cabin, N7421 Lakeview Rd, Minocqua",
                "N7421 Lakeview Rd",
            ),
            (
                "I live at 1187 Lake Shore Drive number 2204. Ring",
                "1187 Lake Shore Drive number 2204",
            ),
            (
                "We're at 2260 West Foster, use the side door",
                "2260 West Foster",
            ),
            (
                "en 1502 West 18th Street segundo piso, 555",
                "1502 West 18th Street segundo piso",
            ),
            // After a form's label; not after a clock's colon.
            ("addr:6128 w belmont ave chicago", "6128 w belmont ave"),
            (
                "65950 North Lewis Drive South Bend",
                "65950 North Lewis Drive",
            ),
            (
                "at 257 Walnut Street, Apt 2B, Sioux Falls",
                "257 Walnut Street, Apt 2B",
            ),
            ("57290 5th Cir Apt 8B, Asheville", "57290 5th Cir Apt 8B"),
            ("for james lerma 531 church ter #1c", "531 church ter #1c"),
            ("(67 Locust Road #379).", "67 Locust Road #379"),
            ("9 Jackson St. Camden", "9 Jackson St"),
            (
                "at 3181 SW Sam Jackson Pk Rd today",
                "3181 SW Sam Jackson Pk Rd",
            ),
            ("delivered to PO Box 193 Shreveport", "PO Box 193"),
            (
                "dad lives out on Rural Route 2 Box 88 past",
                "Rural Route 2 Box 88",
            ),
            ("My address is HC 64 Box 1120, Tok AK", "HC 64 Box 1120"),
            (
                "mail it to PSC 473 Box 118, FPO AP 96349",
                "PSC 473 Box 118",
            ),
            (
                "pls change addr to 61-B Hornet St on base",
                "61-B Hornet St",
            ),
            ("RR 3, Box 12A", "RR 3, Box 12A"),
            (
                "Our address 41-20 Main St Apt 5C, Flushing",
                "41-20 Main St Apt 5C",
            ),
            (
                "Family lives at 66 Ridge Ave, 2nd fl, Pittsburgh",
                "66 Ridge Ave, 2nd fl",
            ),
            ("Home visit addr: 17 Bay View Terr. Dog", "17 Bay View Terr"),
            (
                "back door pls, 1204 1/2 Jefferson, the steps",
                "1204 1/2 Jefferson",
            ),
            ("blue house at 41 Hollis, front steps broken", "41 Hollis"),
            (
                "New address will be 3105 N Five Mile Rd, 83713.",
                "3105 N Five Mile Rd",
            ),
            (
                "unit is 1450 Ridgeview Cir, Bldg C #214, Kingsport",
                "1450 Ridgeview Cir, Bldg C #214",
            ),
            ("driver went to 1207 Maple per the referral", "1207 Maple"),
            (
                "please mail it to Unit 12, 4410 Harbor Blvd, Oxnard",
                "Unit 12, 4410 Harbor Blvd",
            ),
            (
                "at 1150 University Ave Box 2291, Madison",
                "1150 University Ave Box 2291",
            ),
            (
                "en 1140 Mission St, 2do piso, San Francisco",
                "1140 Mission St, 2do piso",
            ),
            (
                "mail it to my house No. 7 Cedar Street, Yuma",
                "No. 7 Cedar Street",
            ),
            // A lower-case street in a message otherwise capitalised.
            ("I'm at 77 river rd lot 12 in Aurora", "77 river rd lot 12"),
            ("deliver to 918 w 19th pl, back door", "918 w 19th pl"),
            ("318 Cottage Grove, wife will pick up", "318 Cottage Grove"),
            // No street type: a unit after the name, or a compass point.
            ("our address is 55 Orchard, unit 4", "55 Orchard, unit 4"),
            ("new address: 55 Orchard, unit 4", "55 Orchard, unit 4"),
            ("dont send it to the house (19 W Oak) pls", "19 W Oak"),
            ("the driver can't find Apt 3B, use the side door", "Apt 3B"),
            ("delivery to 6020 N Kenmore today", "6020 N Kenmore"),
            ("we moved to the 6th floor, apt 6D, same building", "apt 6D"),
            ("vivimos arriba de la carnicería, depto. 3", "depto. 3"),
        ] {
            assert_eq!(found(text), vec![address], "{text}");
        }
    }

    #[test]
    fn not_addresses() {
        for text in [
            "Take 2 tablets a day, 3 days in a row.",
            "It is a 2 hours drive away.",
            "Walk 30 minutes each day on the same path.",
            "Check in at Room 214 Dr Smith will see you.",
            "Thank you St. Brendan team, see Dr. Park on Monday",
            "The total is $25 Main St. fee",
            "hip fx 05/04/24 Son Tommy visiting Dr Young",
            "hip fx Oct. 15 Son Derrick visiting Dr Arnold",
            "FAX SENT ON 30 DEC. PLZ CALL",
            "my apt 3pm got moved",
            "apt 2 weeks from now pls",
            "can u move my apt to 3:30",
            "Take 2 Tylenol #3 at bedtime, max 4 a day",
            "Ms Lee in room 4 W Wing asked for water",
            "Take 2 N Tylenol tabs at night",
            "see you at 3 Friday",
            "come to 5 West for the infusion",
            "I'm at 2 Advil a day",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn normalizes_streets() {
        assert_eq!(
            normalize_street("9200 Wisconsin Avenue"),
            "9200 wisconsin ave"
        );
        assert_eq!(
            normalize_street("1400 W. HARRISON ST"),
            "1400 w harrison st"
        );
        assert_eq!(
            normalize_street("1400 West Harrison Street"),
            "1400 w harrison st"
        );
    }
}
