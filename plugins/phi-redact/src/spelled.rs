//! A name spelled out letter by letter is the name: "this is Margaret
//! Kowalski, that's K O W A L S K I", "Caller Dana Whitcombe (D-A-N-A
//! W-H-I-T-C-O-M-B-E)", "Soy Ramona Peña, P E Ñ A". Callers spell their
//! names to answering services and voicemail, and the letters, read one
//! at a time, are no word a detector knows.

use crate::detectors::Scan;
use crate::finding::{Finding, Kind};
use crate::lexicon::fold;
use crate::words::Word;

/// Words before a run of letters that say a spelling follows, whatever it
/// spells ("last name Lindgren like L I N D G R E N").
const SPELLING_CUES: &[&str] = &[
    "spelled",
    "spelt",
    "spell",
    "spelling",
    "that's",
    "that\u{2019}s",
    "thats",
    "like",
    "deletreo",
    "deletreado",
    "escribe",
];

/// Adds a finding for each run of single letters (two or more, apart by
/// one space or hyphen) that spells a word of a name already found, or
/// that follows a spelling cue and spells three letters or more.
pub fn spelled_names(scan: &Scan<'_>, findings: &mut Vec<Finding>) {
    let words = scan.words;
    let mut runs = runs_of_letters(scan.text, words).peekable();
    if runs.peek().is_none() {
        return;
    }
    let names = name_words(scan, findings);
    let mut spelled = Vec::new();
    for (i, end) in runs {
        // The longest first part that spells a name ("H O E K I'm": the
        // caller's "I" follows the spelling), else the whole run after a
        // cue, less such an "I".
        let spells = |to: usize| {
            let letters: String = words[i..to].iter().map(|w| fold(&w.lower)).collect();
            names.contains(&letters)
        };
        let named = (i + 2..=end).rev().find(|&to| spells(to));
        let cued_end = if scan.text[words[end - 1].end..].starts_with(['\'', '\u{2019}']) {
            end - 1
        } else {
            end
        };
        let cued = (cued_end >= i + 3 && cue_before(scan, i)).then_some(cued_end);
        if let Some(to) = named.or(cued) {
            let (start, stop) = (words[i].start, words[to - 1].end);
            let covered = findings.iter().any(|f| f.overlaps(start, stop));
            if !covered && !scan.is_protected(start, stop) {
                spelled.push(Finding::new(start, stop, Kind::Name));
            }
        }
    }
    findings.extend(spelled);
}

/// The runs of two single letters or more (start and end word).
fn runs_of_letters<'a>(
    text: &'a str,
    words: &'a [Word<'_>],
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < words.len() {
            let start = i;
            let end = run_end(text, words, i);
            i = end.max(i + 1);
            if end - start >= 2 {
                return Some((start, end));
            }
        }
        None
    })
}

/// What the names found may be spelled as: each word of a name of two
/// letters or more, and each run of its words without the spaces ("Van
/// Der Hoek" spelled "V A N D E R", then "H O E K").
fn name_words(scan: &Scan<'_>, findings: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in findings.iter().filter(|f| f.kind == Kind::Name) {
        let inside: Vec<String> = scan
            .words
            .iter()
            .filter(|w| f.start <= w.start && w.end <= f.end)
            .map(|w| fold(&w.lower))
            .collect();
        for from in 0..inside.len() {
            for to in from + 1..=inside.len() {
                let joined = inside[from..to].concat();
                if joined.chars().count() >= 2 {
                    out.push(joined);
                }
            }
        }
    }
    out
}

/// The end (exclusive) of the run of single letters starting at word `i`,
/// apart by exactly one space or hyphen ("K O W", "D-A-N-A"); the "s" of
/// "that's" is none.
fn run_end(text: &str, words: &[Word<'_>], i: usize) -> usize {
    let single = |w: &Word<'_>| {
        // (A quick no for longer words: one character is at most 4 bytes.)
        if w.end - w.start > 4 {
            return false;
        }
        let mut chars = text[w.start..w.end].chars();
        let elided = text[..w.start].ends_with(['\'', '\u{2019}']);
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none() && !elided
    };
    let mut end = i;
    while end < words.len() && single(&words[end]) {
        let joined = end == i || matches!(&text[words[end - 1].end..words[end].start], " " | "-");
        if !joined {
            break;
        }
        end += 1;
    }
    end
}

/// Whether a spelling cue is the word before word `i` (across a comma).
fn cue_before(scan: &Scan<'_>, i: usize) -> bool {
    let before = scan.lower[..scan.words[i].start].trim_end_matches([' ', ',']);
    SPELLING_CUES.iter().any(|cue| {
        before.strip_suffix(cue).is_some_and(|rest| {
            !rest.ends_with(char::is_alphanumeric) && !rest.ends_with(['\'', '\u{2019}'])
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::tests::redact_plain as redact;

    #[test]
    fn a_found_name_spelled_out() {
        assert_eq!(
            redact("this is Ingrid Sandoval, S A N D O V A L, about my refill"),
            "this is [NAME], [NAME], about my refill"
        );
        assert_eq!(
            redact("Caller Tomasz Wrobel (T-O-M-A-S-Z) wants his records"),
            "Caller [NAME] ([NAME]) wants his records"
        );
    }

    #[test]
    fn a_name_of_several_words_spelled_in_parts() {
        assert_eq!(
            redact(
                "my name is Patricia Van Der Hoek that's V A N D E R and then H O E K I'm calling"
            ),
            "my name is [NAME] that's [NAME] and then [NAME] I'm calling"
        );
    }

    #[test]
    fn a_spelling_cue_names_what_follows() {
        assert_eq!(
            redact("my last name is spelled Q U I R O G A and I need a callback"),
            "my last name is spelled [NAME] and I need a callback"
        );
    }

    #[test]
    fn letters_that_spell_no_name_stay() {
        assert_eq!(
            redact("Ingrid Sandoval asks if vitamin A D E K is ok, reply Y N"),
            "[NAME] asks if vitamin A D E K is ok, reply Y N"
        );
    }
}
