//! Short bodies. With a few words there is little context to find an
//! identifier by, so a body left with fewer than `min_words` words is sent
//! only when every word left is plainly not an identifier: a word of the
//! vocabulary (function words, greetings, titles, clinical abbreviations),
//! a dictionary word that is no first name and no surname only, a single
//! letter or a number of at most three digits ("ok thanks, [NAME]", "[NAME]
//! here", "yes [DATE] works", "[NAME] k 3.1"). Anything else (an unknown
//! word, a first name, a longer number: "Shah [DATE]", "joy") gets the
//! notice instead.

use crate::detectors::name::vocabulary::flags_of;
use crate::finding::Kind;
use crate::lexicon::{fold, lexicon};
use crate::words::words;

/// Labels of identifiers: a body of labels and tokens says nothing
/// ("[NAME] [DATE] MRN [MRN]").
const LABELS: &[&str] = &[
    "mrn", "dob", "ssn", "ss", "dl", "acct", "account", "id", "npi", "dea", "member", "rx", "lic",
    "license", "serial", "sn", "phone", "tel", "fax", "email", "no", "num", "number", "name",
    "address", "zip", "plate", "age", "fecha", "nombre",
];

/// Whether every word of `redacted` (replacement tokens aside) is plainly
/// not an identifier, and one of them says something (not only labels
/// such as "MRN"); `false` when no word is left.
pub fn only_plain_words(redacted: &str) -> bool {
    let mut text = redacted.to_owned();
    for kind in Kind::ALL {
        text = text.replace(kind.token(), " ");
    }
    let words = words(&text);
    words.iter().any(|w| !LABELS.contains(&&*w.lower)) && words.iter().all(|w| plain(&w.lower))
}

fn plain(word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.len() <= 3;
    }
    if word.chars().count() == 1 {
        return true;
    }
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let entry = lexicon().get(&fold(word));
    if flags_of(entry).never() {
        return true;
    }
    let surname_only = entry.is_surname() && !entry.is_ordinary();
    entry.is_known_word() && !entry.is_first_name() && !surname_only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_short_bodies() {
        for body in [
            "ok thanks, [NAME]",
            "[NAME] here",
            "yes [DATE] works",
            "[NAME] k 3.1",
            "RX READY [NAME]",
            "ok gracias [NAME]",
            "[NAME] aquí",
        ] {
            assert!(only_plain_words(body), "{body}");
        }
    }

    #[test]
    fn bodies_that_may_hold_an_identifier() {
        for body in [
            "Shah [DATE]",
            "joy",
            "cx [NAME] [DATE]",
            "[NAME] [MRN]",
            "[NAME] [DATE] MRN [MRN]",
            "",
            "[NAME] 4471",
            "deepa ok",
            "EBONY?",
        ] {
            assert!(!only_plain_words(body), "{body}");
        }
    }
}
