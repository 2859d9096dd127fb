//! One module per kind of identifier. Each detector reports byte ranges;
//! `finding::merge` resolves overlaps. To add a kind, write a module with a
//! type implementing [`Detector`] and list it in [`all`] (the order there
//! breaks ties between equal ranges).

mod birth_date;
mod date;
mod email;
mod known_names;
mod known_numbers;
mod labeled_id;
mod long_number;
mod phone;
mod ssn;
mod title;
mod url;
mod zip;

use regex::Regex;

use crate::finding::Finding;
use crate::known::Known;
use crate::words::Word;

/// Finds identifiers of some kind in a message body.
pub trait Detector: Send + Sync {
    /// Adds a finding for every identifier in `text` (whose words are
    /// `words`); `known` holds the envelope's own identifiers.
    fn detect(&self, text: &str, words: &[Word], known: &Known, out: &mut Vec<Finding>);
}

/// Every detector, in tie-break order (envelope identifiers first).
pub fn all() -> Result<Vec<Box<dyn Detector>>, regex::Error> {
    Ok(vec![
        Box::new(known_names::KnownNames),
        Box::new(known_numbers::KnownNumbers),
        Box::new(birth_date::BirthDates),
        Box::new(email::Emails::new()?),
        Box::new(url::Urls::new()?),
        Box::new(ssn::Ssns::new()?),
        Box::new(phone::Phones::new()?),
        Box::new(date::Dates::new()?),
        Box::new(labeled_id::LabeledIds::new()?),
        Box::new(title::TitledNames::new()?),
        Box::new(zip::Zips::new()?),
        Box::new(long_number::LongNumbers::new()?),
    ])
}

/// Whether the character before byte `start` and the one at byte `end`
/// leave the match standing alone (no letter or digit glued to it).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Compiles a detector pattern. Word boundaries (`\b`) become ASCII word
/// boundaries: a Unicode `\b` makes the regex engine fall back to a slow
/// path on any non-ASCII text (one curly apostrophe cost 10x), and every
/// pattern here borders ASCII letters, digits or punctuation anyway.
fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

/// A cheap pre-check for the detectors that need a digit.
fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Every match of `regex`, as findings of `kind`.
fn find_regex(regex: &Regex, text: &str, kind: crate::finding::Kind, out: &mut Vec<Finding>) {
    out.extend(
        regex
            .find_iter(text)
            .map(|m| Finding::new(m.start(), m.end(), kind)),
    );
}
