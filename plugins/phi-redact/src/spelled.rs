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
    "deletreó",
    "deletreado",
    "escribe",
    "apellido",
    "apellidos",
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
    for (i, units) in runs {
        // The longest first part that spells a name ("H O E K I'm": the
        // caller's "I" follows the spelling), else the whole run after a
        // cue, less such an "I".
        let named = units
            .iter()
            .skip(1)
            .rev()
            .find(|(_, letters)| names.contains(letters))
            .map(|&(to, _)| to);
        let mut whole = units.len();
        let end = units[whole - 1].0;
        if scan.text[words[end - 1].end..].starts_with(['\'', '\u{2019}']) {
            whole -= 1;
        }
        let cued = (whole >= 3 && cue_before(scan, i)).then(|| units[whole - 1].0);
        if let Some(to) = named.or(cued) {
            let (start, stop) = (words[i].start, words[to - 1].end);
            // (A word of the run may be found already: "V as in Victor".)
            let covered = findings.iter().any(|f| f.start <= start && stop <= f.end);
            if !covered && !scan.is_protected(start, stop) {
                spelled.push(Finding::new(start, stop, Kind::Name));
            }
        }
    }
    findings.extend(spelled);
}

/// The runs of two letters or more: each run's first word, and for each
/// of its letters the word after it and the letters so far (folded).
fn runs_of_letters<'a>(
    text: &'a str,
    words: &'a [Word<'_>],
) -> impl Iterator<Item = (usize, Vec<(usize, String)>)> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < words.len() {
            let start = i;
            let units = run(text, words, i);
            i = units.last().map_or(i + 1, |&(end, _)| end.max(i + 1));
            if units.len() >= 2 {
                return Some((start, units));
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

/// The letters of the run starting at word `i`, each with the word after
/// it and the letters so far: single letters one space, hyphen or comma
/// apart ("K O W", "D-A-N-A", "P, I, L, A, R"; the "s" of "that's" is
/// none), a letter told by a word ("K as in kilo", "Q as in queen"), a
/// hyphen said between them ("G, hyphen, M"), and, apart by commas,
/// Spanish letter names ("ce, erre, u, zeta", "e con acento").
fn run(text: &str, words: &[Word<'_>], i: usize) -> Vec<(usize, String)> {
    let single = |w: &Word<'_>| {
        // (A quick no for longer words: one character is at most 4 bytes.)
        if w.end - w.start > 4 {
            return None;
        }
        let mut chars = text[w.start..w.end].chars();
        let elided = text[..w.start].ends_with(['\'', '\u{2019}']);
        let first = chars.next().filter(|c| c.is_alphabetic())?;
        (chars.next().is_none() && !elided).then(|| fold(&first.to_lowercase().to_string()))
    };
    let gap = |k: usize| &text[words[k - 1].end..words[k].start];
    let lower = |k: usize| words.get(k).map_or("", |w| &*w.lower);
    let mut units: Vec<(usize, String)> = Vec::new();
    let mut letters = String::new();
    let mut k = i;
    while k < words.len() {
        if k > i && !matches!(gap(k), " " | "-" | ", " | "," | " - ") {
            break;
        }
        let comma = (k > i && gap(k).contains(','))
            || words.get(k + 1).is_some_and(|_| gap(k + 1).contains(','));
        if let Some(letter) = single(&words[k]) {
            letters.push_str(&letter);
            k += 1;
            // "K as in kilo": the word tells the letter.
            if lower(k) == "as"
                && lower(k + 1) == "in"
                && words
                    .get(k + 2)
                    .is_some_and(|w| fold(&w.lower).starts_with(&letter))
            {
                k += 3;
            }
        } else if !units.is_empty() && matches!(lower(k), "hyphen" | "dash" | "guion" | "guión") {
            k += 1;
            continue;
        } else if let Some(letter) = comma.then(|| spanish_letter(lower(k))).flatten() {
            letters.push_str(letter);
            k += 1;
        } else {
            break;
        }
        // "e con acento": the accent goes with its letter.
        if lower(k) == "con" && lower(k + 1) == "acento" {
            k += 2;
        }
        units.push((k, letters.clone()));
    }
    units
}

/// The letter a Spanish letter name says ("erre", "zeta", "eñe").
fn spanish_letter(name: &str) -> Option<&'static str> {
    let letter = match name {
        "be" => "b",
        "ce" => "c",
        "de" => "d",
        "efe" => "f",
        "ge" => "g",
        "hache" => "h",
        "jota" => "j",
        "ka" => "k",
        "ele" => "l",
        "eme" => "m",
        "ene" => "n",
        "eñe" => "n",
        "pe" => "p",
        "cu" => "q",
        "erre" | "ere" => "r",
        "ese" => "s",
        "te" => "t",
        "uve" | "ve" => "v",
        "equis" => "x",
        "ye" => "y",
        "zeta" => "z",
        _ => return None,
    };
    Some(letter)
}

/// Whether a spelling cue is the word before word `i` (across a comma or
/// a colon).
fn cue_before(scan: &Scan<'_>, i: usize) -> bool {
    let before = scan.lower[..scan.words[i].start].trim_end_matches([' ', ',', ':']);
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
    fn letters_told_by_words_or_apart_by_commas() {
        assert_eq!(
            redact("it's Tom, Tom Kowal, that's K as in kilo, O, W, A, L. Calling"),
            "it's [NAME], [NAME], that's [NAME]. Calling"
        );
        assert_eq!(
            redact("last name is spelled Z as in zebra, A, J, A, C as in cat, Z, K. First"),
            "last name is spelled [NAME]. First"
        );
        assert_eq!(
            redact("mi apellido es Quiñones, se escribe cu, u, i, eñe, o, ene, e, ese. Nombre"),
            "mi apellido es [NAME], se escribe [NAME]. Nombre"
        );
        assert_eq!(
            redact(
                "Patient's name is Ada Boateng-Mensah, spelled B, O, A, T, E, N, G, hyphen, M, E, N, S, A, H. He"
            ),
            "Patient's name is [NAME], spelled [NAME]. He"
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
