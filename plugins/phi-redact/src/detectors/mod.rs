//! One module per kind of identifier. Each detector reports byte ranges;
//! `finding::merge` resolves overlaps. To add a kind, write a module with a
//! type implementing [`Detector`] and list it in [`all`] (the order there
//! breaks ties between equal ranges).
//!
//! The organisation's own data (facility names, main lines, streets, 911 and
//! 988) is found first by [`organisation`]; findings overlapping it are
//! dropped, and the name detector does not look inside it.

pub mod address;
mod age;
mod birth_date;
mod birth_year;
mod city;
mod corrected_code;
mod cued_id;
mod date;
mod email;
mod foreign_date;
mod form_name;
mod han_hangul;
mod handle;
mod image_file;
mod ip;
mod known_names;
mod known_numbers;
mod labeled_id;
mod long_number;
pub mod name;
pub mod organisation;
mod patient_initials;
mod phone;
mod road;
mod said_birth_date;
mod signed_initials;
mod ssn;
mod street_name;
mod url;
mod vehicle;
pub mod zip;

use regex::Regex;

use crate::casing::CaseMode;
use crate::finding::{Finding, Kind};
use crate::known::Known;
pub use crate::profile::Profile;
use crate::words::Word;

/// What a detector looks at: one message body and what is known about it.
pub struct Scan<'a> {
    pub text: &'a str,
    /// The text with ASCII letters lowercased (same byte offsets).
    pub lower: &'a str,
    /// The body's letter-and-digit runs, lowercased.
    pub words: &'a [Word<'a>],
    /// The envelope's own identifiers.
    pub known: &'a Known,
    /// Byte ranges of the organisation's own data (never PHI).
    pub protected: &'a [(usize, usize)],
    /// Byte ranges of street addresses (number to street type), found once
    /// for the organisation check and the address detector.
    pub streets: &'a [(usize, usize)],
    /// How the body is written (capitals meaningful or not).
    pub mode: CaseMode,
    /// Cheap facts about the body, for detectors to skip it at once.
    pub profile: Profile,
    /// The facilities' web hosts, lowercase, without "www.".
    pub facility_hosts: &'a [String],
    /// The organisation's directory (its facility names' words), if any.
    pub organisation: Option<&'a organisation::Organisation>,
}

impl Scan<'_> {
    /// Whether `start..end` overlaps the organisation's own data.
    pub fn is_protected(&self, start: usize, end: usize) -> bool {
        self.protected.iter().any(|&(s, e)| start < e && s < end)
    }

    /// Whether a lowercase word is a word of a facility's name ("northgate").
    pub fn is_facility_word(&self, word: &str) -> bool {
        self.organisation.is_some_and(|o| o.is_name_word(word))
    }
}

/// Finds identifiers of some kind in a message body.
pub trait Detector: Send + Sync {
    /// Adds a finding for every identifier in `scan.text`.
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>);
}

/// Every detector but the name detector, in tie-break order (envelope
/// identifiers first, then the labelled and most specific patterns). The
/// name detector (`name::Names`) runs after them all: its second opinion
/// looks only at words no other finding covers.
pub fn all() -> Result<Vec<Box<dyn Detector>>, regex::Error> {
    Ok(vec![
        Box::new(known_names::KnownNames),
        Box::new(known_numbers::KnownNumbers),
        Box::new(birth_date::BirthDates),
        Box::new(email::Emails::new()?),
        Box::new(url::Urls::new()?),
        Box::new(ip::IpAddresses::new()?),
        Box::new(handle::Handles::new()?),
        Box::new(image_file::ImageFiles::new()?),
        Box::new(ssn::Ssns::new()?),
        Box::new(labeled_id::LabeledIds::new()?),
        Box::new(form_name::FormNames),
        Box::new(cued_id::CuedIds::new()),
        Box::new(vehicle::Vehicles::new()?),
        Box::new(date::Dates::new()?),
        Box::new(said_birth_date::SaidBirthDates),
        Box::new(foreign_date::ForeignDates),
        Box::new(birth_year::BirthYears),
        Box::new(age::Ages::new()),
        Box::new(phone::Phones::new()?),
        Box::new(address::Addresses::new()?),
        Box::new(street_name::StreetNames),
        Box::new(road::Roads::new()?),
        Box::new(city::Cities::new()?),
        Box::new(zip::Zips::new()?),
        Box::new(long_number::LongNumbers::new()?),
        Box::new(corrected_code::CorrectedCodes),
        Box::new(signed_initials::SignedInitials),
        Box::new(patient_initials::PatientInitials::new()?),
        Box::new(han_hangul::HanHangul),
    ])
}

/// Adds a finding unless one already overlaps it (a detector's own earlier
/// pattern): `finding::merge` would join them, but a detector's output
/// stays one finding per identifier.
fn push_new(out: &mut Vec<Finding>, kind: Kind, start: usize, end: usize) {
    if !out.iter().any(|f| f.overlaps(start, end)) {
        out.push(Finding::new(start, end, kind));
    }
}

/// Whether the character before byte `start` and the one at byte `end`
/// leave the match standing alone (no letter or digit glued to it).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Compiles a detector pattern, once, at init. Word boundaries (`\b`)
/// become ASCII word boundaries: a Unicode `\b` makes the regex engine fall
/// back to a slow path on any non-ASCII text (one curly apostrophe cost
/// 10x), and every pattern here borders ASCII letters, digits or
/// punctuation anyway. A pattern that only matches ASCII (digits, `[a-z]`,
/// `\s`, case-insensitive letters) is compiled without Unicode classes,
/// which makes its automaton several times smaller and faster; a pattern
/// that needs Unicode (a negated class, `\p{..}`) keeps it.
fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?-u){pattern}")).or_else(|_| Regex::new(&pattern))
}

/// A function saying whether a word is one of a list, written as a
/// `match` (compiled, no table at init) behind a quick reject: a table,
/// built at compile time, of the lengths of the list's words by their first
/// byte. Most words of a message fail that one look and skip the string
/// comparisons (plain loops inside WebAssembly).
macro_rules! word_set {
    ($(#[$meta:meta])* $vis:vis fn $name:ident { $($word:literal)|+ }) => {
        $(#[$meta])*
        $vis fn $name(word: &str) -> bool {
            const LENGTHS: [u64; 256] = $crate::detectors::lengths_by_first_byte(&[$($word),+]);
            $crate::detectors::may_be_in(&LENGTHS, word) && matches!(word, $($word)|+)
        }
    };
}
pub(crate) use word_set;

/// For [`word_set!`]: for each first byte, a bit for the length of each
/// word that starts with it (words of 64 bytes or more are never rejected).
pub(crate) const fn lengths_by_first_byte(words: &[&str]) -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_bytes();
        if !word.is_empty() && word.len() < 64 {
            table[word[0] as usize] |= 1 << word.len();
        }
        i += 1;
    }
    table
}

/// [`lengths_by_first_byte`] of a list of words separated by whitespace.
pub(crate) const fn lengths_by_first_byte_in(list: &str) -> [u64; 256] {
    let bytes = list.as_bytes();
    let mut table = [0u64; 256];
    let (mut start, mut i) = (0, 0);
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i].is_ascii_whitespace() {
            let len = i - start;
            if len > 0 && len < 64 {
                table[bytes[start] as usize] |= 1 << len;
            }
            start = i + 1;
        }
        i += 1;
    }
    table
}

/// Whether `word` may be in the list whose [`lengths_by_first_byte`] is
/// `lengths` (an empty word or one of 64 bytes or more always may).
pub(crate) fn may_be_in(lengths: &[u64; 256], word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&first) if word.len() < 64 => lengths[usize::from(first)] >> word.len() & 1 != 0,
        _ => true,
    }
}

/// Whether some word of a scan passes `check`, or may hide a word a
/// pattern's ASCII `\b` starts inside it: a pattern's word starts at a
/// scan word's start unless a letter beyond ASCII comes before it
/// ("ésnap"), so where this is false such a pattern cannot match.
fn any_word(words: &[Word<'_>], check: impl Fn(&str) -> bool) -> bool {
    words.iter().any(|w| check(&w.lower) || !w.lower.is_ascii())
}

/// A cheap pre-check for the detectors that need a digit.
fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Every match of `regex`, as findings of `kind`.
fn find_regex(regex: &Regex, text: &str, kind: Kind, out: &mut Vec<Finding>) {
    out.extend(
        regex
            .find_iter(text)
            .map(|m| Finding::new(m.start(), m.end(), kind)),
    );
}

/// The lowercased letters of the word that follows byte `at` (after spaces
/// and simple punctuation), at most 20 characters.
fn next_word(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or_default()
        .trim_start_matches([' ', '\t', ',', '(', ')'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(20)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lowercased letters of the word that ends before byte `at` (skipping
/// spaces and simple punctuation), at most 20 characters.
fn previous_word(text: &str, at: usize) -> String {
    let before = text
        .get(..at)
        .unwrap_or_default()
        .trim_end_matches([' ', '\t', ',', '(', ')', ':', '#', '.']);
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(20)
        .collect();
    word.into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that measure something: after "1/2" or "3-5" they make a fraction
/// or a range, not a date; after a 5-digit number, not a ZIP.
#[cfg(test)]
const UNITS: &str = "tab tabs tablet tablets pill pills cap caps capsule capsules cup cups tsp tbsp \
    teaspoon teaspoons tablespoon tablespoons dose doses mg mcg g kg lb lbs ml l oz iu \
    units unit puff puffs drop drops spray sprays inch inches cm mm ft feet mile miles \
    km hour hours hr hrs min mins minute minutes sec seconds day days week weeks wk wks \
    month months year years yr yrs time times x of out steps reps sets glasses servings \
    calories cal kcal percent pct mmhg bpm am pm";

word_set! {
    /// (A `match` over the list `UNITS` of the tests: compiled, no table at init;
    /// `units_match_the_list` keeps the two the same.)
    fn is_unit {
        "tab"
            | "tabs"
            | "tablet"
            | "tablets"
            | "pill"
            | "pills"
            | "cap"
            | "caps"
            | "capsule"
            | "capsules"
            | "cup"
            | "cups"
            | "tsp"
            | "tbsp"
            | "teaspoon"
            | "teaspoons"
            | "tablespoon"
            | "tablespoons"
            | "dose"
            | "doses"
            | "mg"
            | "mcg"
            | "g"
            | "kg"
            | "lb"
            | "lbs"
            | "ml"
            | "l"
            | "oz"
            | "iu"
            | "units"
            | "unit"
            | "puff"
            | "puffs"
            | "drop"
            | "drops"
            | "spray"
            | "sprays"
            | "inch"
            | "inches"
            | "cm"
            | "mm"
            | "ft"
            | "feet"
            | "mile"
            | "miles"
            | "km"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "min"
            | "mins"
            | "minute"
            | "minutes"
            | "sec"
            | "seconds"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "wk"
            | "wks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "yr"
            | "yrs"
            | "time"
            | "times"
            | "x"
            | "of"
            | "out"
            | "steps"
            | "reps"
            | "sets"
            | "glasses"
            | "servings"
            | "calories"
            | "cal"
            | "kcal"
            | "percent"
            | "pct"
            | "mmhg"
            | "bpm"
            | "am"
            | "pm"
    }
}

#[cfg(test)]
#[test]
fn units_match_the_list() {
    for u in UNITS.split_whitespace() {
        assert!(is_unit(u), "{u}");
    }
    assert!(!is_unit("mgs") && !is_unit(""));
}

/// Whether `a` and `b` differ by one letter added, dropped, changed, or
/// two neighbours swapped, with the same first letter.
pub(crate) fn one_typo(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.first() != b.first() || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let dropped = |long: &[u8], short: &[u8]| long.len() == short.len() + 1 && &long[1..] == short;
    let swapped = ra.len() >= 2
        && ra.len() == rb.len()
        && ra[0] == rb[1]
        && ra[1] == rb[0]
        && ra[2..] == rb[2..];
    let changed = ra.len() == rb.len() && !ra.is_empty() && ra[1..] == rb[1..];
    dropped(ra, rb) || dropped(rb, ra) || swapped || changed
}

/// The word of `list` (of `min_len` letters or more) that `word` is one
/// typo away from ("turnde": "turned", "husbnad": "husband"), when `word`
/// itself is no word and no common name.
pub(crate) fn typo_in<'l>(word: &str, list: &[&'l str], min_len: usize) -> Option<&'l str> {
    if word.len() + 1 < min_len || !word.is_ascii() {
        return None;
    }
    // What `one_typo` needs, cheap to test first: most words have no list
    // word near them, and then need no lookup.
    let near = |l: &str| {
        l.len() >= min_len
            && l.len().abs_diff(word.len()) <= 1
            && l.as_bytes().first() == word.as_bytes().first()
    };
    if !list.iter().any(|l| near(l)) {
        return None;
    }
    let entry = crate::lexicon::lexicon().get(word);
    if entry.is_known_word() || entry.is_common_name() || entry.vocabulary_bits() != 0 {
        return None;
    }
    list.iter().copied().find(|l| near(l) && one_typo(word, l))
}

/// Whether `word` (in no list) is a word of the dictionary or of the
/// vocabulary with two neighbouring letters swapped or one letter doubled
/// ("nedes", "thsi", "VAULE", "waait", "Wlagreens"): a typo, not a name.
/// Names in no list are rarely that close to a word.
pub(crate) fn swapped_or_doubled(word: &str) -> bool {
    if !word.is_ascii() || !(4..=20).contains(&word.len()) {
        return false;
    }
    let lexicon = crate::lexicon::lexicon();
    let is_word = |variant: &[u8]| {
        let entry = lexicon.get_bytes(variant);
        (entry.is_known_word() || entry.vocabulary_bits() != 0) && !entry.is_first_name()
    };
    let bytes = word.as_bytes();
    let mut buf = [0u8; 20];
    for k in 1..bytes.len() {
        if bytes[k] == bytes[k - 1] {
            let len = bytes.len() - 1;
            buf[..k].copy_from_slice(&bytes[..k]);
            buf[k..len].copy_from_slice(&bytes[k + 1..]);
            if is_word(&buf[..len]) {
                return true;
            }
        } else {
            buf[..bytes.len()].copy_from_slice(bytes);
            buf.swap(k - 1, k);
            if is_word(&buf[..bytes.len()]) {
                return true;
            }
        }
    }
    false
}

/// The last `max_bytes` (or fewer, at a character boundary) of `text`.
fn tail(text: &str, max_bytes: usize) -> &str {
    let mut from = text.len().saturating_sub(max_bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// Runs one detector over `text` alone (no envelope identifiers, no
/// organisation data, no street ranges): the detectors' unit tests.
#[cfg(test)]
pub(crate) fn detect_alone(detector: &dyn Detector, text: &str) -> Vec<Finding> {
    detect_alone_known(detector, text, &Known::default())
}

/// [`detect_alone`] with what the envelope says (the year it is now...).
#[cfg(test)]
pub(crate) fn detect_alone_known(
    detector: &dyn Detector,
    text: &str,
    known: &Known,
) -> Vec<Finding> {
    let words = crate::words::words(text);
    let lower = text.to_ascii_lowercase();
    let scan = Scan {
        text,
        lower: &lower,
        words: &words,
        known,
        protected: &[],
        streets: &[],
        mode: crate::casing::case_mode(text),
        profile: Profile::of(text),
        facility_hosts: &[],
        organisation: None,
    };
    let mut out = Vec::new();
    detector.detect(&scan, &mut out);
    out
}
