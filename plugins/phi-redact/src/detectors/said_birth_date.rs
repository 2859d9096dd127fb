//! A date of birth right after its cue, in whatever shape a caller or a
//! form gives it: said in number words ("date of birth ten twenty-two
//! forty one", "oh seven, twenty-nine, eighty-four"), spaced out ("DOB 2 /
//! 28 / 2001", "D.O.B 04 - 30 - 1982", "1 1 1 9 9 5"), with Spanish joiners
//! ("4 del 9 del 2019", "nacida 17 marzo 2021") or in a form's blank
//! ("Date of Birth ____05/19/1961____"). The cue says what the numbers
//! are, so their shape need not.

use std::borrow::Cow;

use super::date::{month_word, ordinal_day_word, spanish_day_word, spanish_month, spanish_tens};
use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::lexicon::fold;
use crate::words::Word;

/// Cues of a birth date, as word sequences.
const CUES: &[&[&str]] = &[
    &["dob"],
    &["d", "o", "b"],
    &["date", "of", "birth"],
    &["birth", "date"],
    &["birthdate"],
    &["birthday"],
    &["born"],
    &["nacida"],
    &["nacido"],
    &["nacio"],
    &["fecha", "de", "nacimiento"],
    &["fecha", "de", "nac"],
    &["f", "nac"],
    &["cumpleanos"],
];

/// Words between a cue and the date ("birthday is the ...", "born on").
const FILLERS: &[&str] = &["is", "was", "es", "on", "the", "el", "its", "fue"];

/// The most words a said date runs to ("the first of february two
/// thousand seventeen").
const MAX_WORDS: usize = 10;

pub struct SaidBirthDates;

impl Detector for SaidBirthDates {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let words = scan.words;
        for i in 0..words.len() {
            let Some(after_cue) = cue_at(words, i) else {
                continue;
            };
            let mut j = after_cue;
            while j < words.len() && FILLERS.contains(&&*words[j].lower) && j < after_cue + 2 {
                j += 1;
            }
            if j >= words.len() || !gap_ok(&scan.text[words[j - 1].end..words[j].start], true) {
                continue;
            }
            // (Pushed whatever overlaps it: a detector that read "3" of "8
            // del 3 del 2016" as a day is joined to the whole date.)
            if let Some(end) = date_run(scan.text, words, j) {
                out.push(Finding::new(words[j].start, words[end - 1].end, Kind::Date));
            }
        }
    }
}

super::word_set! {
    /// The first words of [`CUES`] (folded): a quick no for the words of a
    /// message that open no cue (`every_cue_opens_with_a_gate_word` keeps
    /// the two the same).
    fn opens_cue {
        "dob" | "d" | "date" | "birth" | "birthdate" | "birthday" | "born" | "nacida" | "nacido"
            | "nacio" | "fecha" | "f" | "cumpleanos"
    }
}

/// The word after the cue that starts at word `i`, if one does.
fn cue_at(words: &[Word<'_>], i: usize) -> Option<usize> {
    let first = folded(&words[i]);
    if !opens_cue(&first) {
        return None;
    }
    CUES.iter().find_map(|cue| {
        let matches = cue[0] == first
            && cue[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| words.get(i + 1 + k).is_some_and(|word| folded(word) == *w));
        matches.then_some(i + cue.len())
    })
}

/// A word with its accents folded ("nació" → "nacio"), borrowed when it
/// has none.
fn folded<'a>(w: &'a Word<'_>) -> Cow<'a, str> {
    if w.lower.is_ascii() {
        Cow::Borrowed(&w.lower)
    } else {
        Cow::Owned(fold(&w.lower))
    }
}

/// Whether the text between two words of a date (or between the cue and
/// the date, `first`) holds only separators: spaces, "/ - . ," and a
/// form's underscores or colon.
fn gap_ok(gap: &str, first: bool) -> bool {
    let short = gap.chars().count() <= if first { 12 } else { 4 };
    short
        && gap.chars().all(|c| {
            matches!(c, ' ' | '/' | '-' | '.' | ',') || (first && matches!(c, '_' | ':' | '\t'))
        })
}

/// What a word of a date is.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Digits,
    NumberWord,
    Month,
    /// "of" before a month, "del"/"de" before a number or a month, "and"/"y"
    /// between number words.
    Joiner,
}

fn part_of(text: &str, words: &[Word<'_>], k: usize) -> Option<Part> {
    let w = &*words[k].lower;
    // "DOS" in capitals is a date of service, not Spanish "two".
    if &text[words[k].start..words[k].end] == "DOS" {
        return None;
    }
    let next = words.get(k + 1).map(|n| &*n.lower);
    let next_part = |test: fn(&str) -> bool| next.is_some_and(test);
    if w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Part::Digits);
    }
    if month_word(w) || spanish_month(w) {
        return Some(Part::Month);
    }
    if number_word(w) {
        return Some(Part::NumberWord);
    }
    let joins = match w {
        "of" => next_part(|n| month_word(n) || spanish_month(n)),
        "de" | "del" => next_part(|n| {
            month_word(n) || spanish_month(n) || n.bytes().all(|b| b.is_ascii_digit())
        }),
        "and" | "y" => next_part(number_word),
        _ => false,
    };
    joins.then_some(Part::Joiner)
}

/// Number words of a said date, English and Spanish: "oh", "ten",
/// "twenty", "fourteenth", "nineteen", "hundred", "veintisiete", "mil".
fn number_word(w: &str) -> bool {
    super::ssn::number_word(w)
        || matches!(w, "oh" | "hundred" | "thousand" | "mil" | "novecientos")
        || ordinal_day_word(w)
        || spanish_day_word(w)
        || spanish_tens(w)
}

/// The end (exclusive) of a date said from word `start`, if the words
/// there make one: two numbers or more, or a month and a number (a lone
/// year, "born in 1950", is no date here; "one of two" neither).
fn date_run(text: &str, words: &[Word<'_>], start: usize) -> Option<usize> {
    let mut parts: Vec<Part> = Vec::new();
    let mut digit_separator: Option<String> = None;
    let mut end = start;
    while end < words.len() && end < start + MAX_WORDS {
        let gap = if end > start {
            &text[words[end - 1].end..words[end].start]
        } else {
            ""
        };
        if end > start && !gap_ok(gap, false) {
            break;
        }
        let Some(part) = part_of(text, words, end) else {
            break;
        };
        // A comma goes on only with words ("oh seven, twenty-nine") or to
        // a month's year ("June 9, 1931"): after "born 12/3," a time or a
        // weight follows.
        let year = words[end].lower.len() == 4 && parts.contains(&Part::Month);
        if gap.contains(',') && part == Part::Digits && !year {
            break;
        }
        // Numbers keep one separator: "8/17 0412" is a date, then a time.
        let separator: String = gap.chars().filter(|c| *c != ' ').collect();
        if part == Part::Digits && parts.last() == Some(&Part::Digits) {
            match &digit_separator {
                Some(first) if *first != separator => break,
                _ => digit_separator = Some(separator),
            }
        }
        parts.push(part);
        end += 1;
    }
    while parts.last() == Some(&Part::Joiner) {
        parts.pop();
        end -= 1;
    }
    let numbers = parts
        .iter()
        .filter(|p| matches!(p, Part::Digits | Part::NumberWord))
        .count();
    let month = parts.contains(&Part::Month);
    // Digits alone: a day and a month, or more ("2 / 28 / 2001").
    let digits_only = parts.iter().all(|p| *p == Part::Digits);
    let enough = if digits_only {
        numbers >= 3 || (numbers == 2 && words[end - 1].lower.len() >= 2)
    } else {
        numbers >= 2 || (month && numbers >= 1)
    };
    (enough && parts.first() != Some(&Part::Joiner)).then_some(end)
}

#[cfg(test)]
mod tests {
    use crate::tests::redact_plain as redact;

    #[test]
    fn said_and_spaced_after_the_cue() {
        let cases = [
            (
                "date of birth nine thirteen fifty one. We did",
                "date of birth [DATE]. We did",
            ),
            (
                "Date of birth oh four, seventeen, sixty-two. Thanks",
                "Date of birth [DATE]. Thanks",
            ),
            (
                "DOB 3 / 19 / 1988. Wants a refill",
                "DOB [DATE]. Wants a refill",
            ),
            (
                "D.O.B   11 - 02 - 1979 Preferred name",
                "D.O.B   [DATE] Preferred name",
            ),
            (
                "Su cumpleaños es 8 del 3 del 2016. Gracias",
                "Su cumpleaños es [DATE]. Gracias",
            ),
            (
                "(nacido 22 junio 2020) tiene tos",
                "(nacido [DATE]) tiene tos",
            ),
            (
                "Date of Birth  ____07/23/1958____ Release",
                "Date of Birth  ____[DATE]____ Release",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text), want, "{text}");
        }
    }

    #[test]
    fn what_follows_a_date_after_a_comma_stays() {
        assert_eq!(
            redact("baby boy born 12/3, 0412, 34wk"),
            "baby boy born [DATE], 0412, 34wk"
        );
        assert_eq!(
            redact("records for pt, DOB 7/2/1960, DOS 4/1/2025"),
            "records for pt, DOB [DATE], DOS [DATE]"
        );
        assert_eq!(
            redact("Her birthday is June 9, 1931."),
            "Her birthday is [DATE]."
        );
        assert_eq!(
            redact("baby born 8/17 0412, 34wk"),
            "baby born [DATE] 0412, 34wk"
        );
    }

    #[test]
    fn every_cue_opens_with_a_gate_word() {
        for cue in super::CUES {
            assert!(super::opens_cue(cue[0]), "{cue:?}");
        }
    }

    #[test]
    fn counts_and_lone_years_after_a_cue_stay() {
        let kept = [
            "born 2 weeks early, doing well",
            "she was born one of two twins",
            "born in 1950 in Ohio",
            "his birthday party is on saturday",
        ];
        for text in kept {
            assert_eq!(redact(text), text);
        }
    }
}
