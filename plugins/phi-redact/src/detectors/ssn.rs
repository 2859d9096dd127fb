//! US social security numbers written 123-45-6789, 123 45 6789, 123.45.6789,
//! 123 - 45 - 6789, with en or em dashes or mixed separators, and
//! "last 4" mentions ("last 4 on file 4815", "SSN ending in 1234") in a
//! message that speaks of a social security number. (Numbers labelled SSN
//! are found by `labeled_id`.)

use regex::Regex;

use super::{Detector, Scan, find_regex};
use crate::finding::{Finding, Kind};
use crate::words::Word;

pub struct Ssns {
    full: Regex,
    last4: Regex,
    first3: Regex,
    mentions_ssn: Regex,
    piece: Regex,
    spoken_dashes: Regex,
    then_group: Regex,
    first_five: Regex,
    three_turns: Regex,
}

impl Ssns {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            // Any mix of one space, "-", ".", "/" or a dash between the groups:
            // "123 45-6789", "123–45–6789", "123 . 45 . 6789", "123/45/6789"
            // (no date: no month has three digits).
            full: super::compile(concat!(
                r"\b\d{3}(?: ?[,./_\-\x{2010}-\x{2014}] ?| )",
                r"\d{2}(?: ?[,./_\-\x{2010}-\x{2014}] ?| )\d{4}\b",
            ))?,
            last4: super::compile(concat!(
                r"(?i)(?:(?:\bu|\x{fa})ltimos\s*(?:4|cuatro)(?:\s+(?:digitos|d\x{ed}gitos|numeros|n\x{fa}meros))?|\b(?:last\s*(?:4|four)|ending(?:\s+(?:in|with))?|ends?(?:\s+(?:in|with|w))?\b/?|finish(?:es|ing)?\s+(?:in|with)|termina(?:\s+en|\s+con)?))\b",
                r"(?:\s+digits)?(?:\s+(?:of|on|in)\s+(?:your\s+|my\s+|the\s+)?(?:ssn|social(?:\s+security)?(?:\s+number)?|file|record))*",
                r"\s*(?:is|are|r|son|es|:|-|=|its|it's|it\s+is)?\s*(\d{4}|\d \d \d \d)\b",
            ))?,
            // "first 3 of my ssn are 431", "los primeros tres del seguro
            // social son 431": the first group, in a message about an SSN.
            first3: super::compile(concat!(
                r"(?i)\b(?:first\s*(?:3|three)|primeros\s*(?:3|tres))",
                r"(?:\s+(?:digits|numbers|d[ií]gitos|n[uú]meros))?",
                r"(?:\s+(?:of|on|in|del|de)\s+(?:your\s+|my\s+|the\s+|mi\s+|su\s+|el\s+)?(?:ssn|ss#?|social(?:\s+security)?(?:\s+number)?|seguro\s+social))?",
                r"\s*(?:is|are|r|son|es|:|-|=)?\s*(\d{3})\b",
            ))?,
            // "social" alone is the social security number in a message
            // that has a "last 4" in it ("the last four: 4471, for my
            // social").
            mentions_ssn: super::compile(r"(?i)\b(?:ssn|ss#|ss\b|social|seguro\s+social)")?,
            // "first 3 r 6 1 9", "middle 2: 04", "last four = 5512": a
            // group named by its place in the number, digits spaced or not.
            piece: super::compile(concat!(
                r"(?i)(\bfirst|\b1st|\bmiddle|\bmid|\blast|\bfinal|(?:\bu|\x{fa})ltimos)\s*(two|three|four|five|[2-5]|part|cuatro)",
                r"(?:\s+(?:digits?|numbers?|nums?))?",
                r"\s*(?:is|are|r|=|:|-|would be|should be|son|es)?\s*(\d(?:[ -]?\d){0,4})\b",
            ))?,
            // "6 1 2 dash 0 9 dash 4 4 1 8": the dashes said as words.
            spoken_dashes: super::compile(concat!(
                r"(?i)\b\d(?: ?\d){2} (?:dash|guion|gui\x{f3}n) \d ?\d ",
                r"(?:dash|guion|gui\x{f3}n) \d(?: ?\d){3}\b",
            ))?,
            // "..., then 71, ...", "... then '2290'": a group said next.
            then_group: super::compile(
                r#"(?i)\b(?:then|rest\s+is|rest)\s*['"\x{2018}\x{2019}\x{201c}\x{201d}]?\s*(\d{4}|\d{2})\b"#,
            )?,
            // "'301-77' ... then '2290'": a first five said as 3-2.
            first_five: super::compile(r"\b\d{3}-\d{2}\b")?,
            // "318, then 07, then 4422", "231 then 48 then 1175": the
            // three groups said in turns, one span.
            three_turns: super::compile(concat!(
                r"(?i)\b\d{3}\s*,?\s*(?:and\s+then|then|y\s+luego|luego|despu[eé]s)\s*,?\s*\d{2}",
                r"\s*,?\s*(?:and\s+then|then|y\s+luego|luego|despu[eé]s)\s*,?\s*\d{4}\b",
            ))?,
        })
    }
}

impl Detector for Ssns {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        spelled_numbers(scan, out);
        if scan.profile.digits >= 3 {
            if scan.profile.digits >= 9 {
                find_regex(&self.full, text, Kind::Ssn, out);
            }
            self.named_pieces(scan, out);
        }
        // (The piece pattern needs a digit and a word starting with a place.)
        let place = |w: &str| {
            ["first", "1st", "mid", "last", "final", "ultimos", "últimos"]
                .iter()
                .any(|p| w.starts_with(p))
        };
        if scan.profile.digits > 0 && super::any_word(scan.words, place) {
            dictated_in_pieces(&self.piece, &self.mentions_ssn, text, out);
        }
        // "should end 5512 not 5521", "ending 4471 or 4417".
        super::corrected_code::offered_again(scan, out, &[Kind::Ssn]);
        // The SSN named by a word ("ssn", "ss#", "social", "seguro
        // social"): cheaper than a regex scan inside WebAssembly.
        let named = || {
            scan.words
                .iter()
                .any(|w| matches!(&*w.lower, "ssn" | "ss" | "social"))
        };
        if scan.profile.digits >= 2 && (out.iter().any(|f| f.kind == Kind::Ssn) || named()) {
            self.said_in_turns(text, out);
        }
    }
}

impl Ssns {
    /// In a message about an SSN: the dashes said as words, a first five
    /// said as 3-2 on its own, and a group said after "then" once some
    /// group is found ("first three are 431, then 71, the last part is
    /// 5512").
    fn said_in_turns(&self, text: &str, out: &mut Vec<Finding>) {
        for m in self.three_turns.find_iter(text) {
            out.push(Finding::new(m.start(), m.end(), Kind::Ssn));
        }
        for m in self.spoken_dashes.find_iter(text) {
            super::push_new(out, Kind::Ssn, m.start(), m.end());
        }
        // (Any 3-2 group, even inside "123-45-6789" that the labelled-number
        // detector finds after this one, counts as a group found.)
        let mut grouped = false;
        for m in self.first_five.find_iter(text) {
            grouped = true;
            // Part of a longer number or date, not "521-66-" cut off.
            let mut after = text[m.end()..].chars();
            let goes_on = matches!(after.next(), Some('-' | '/' | '.'))
                && after.next().is_some_and(|c| c.is_ascii_digit());
            if !goes_on && !text[..m.start()].ends_with(['-', '/', '.']) {
                super::push_new(out, Kind::Ssn, m.start(), m.end());
            }
        }
        if !grouped && !out.iter().any(|f| f.kind == Kind::Ssn) {
            return;
        }
        for caps in self.then_group.captures_iter(text) {
            if let Some(m) = caps.get(1) {
                super::push_new(out, Kind::Ssn, m.start(), m.end());
            }
        }
    }
}

impl Ssns {
    /// Pieces of the number in a message that names it: "last 4 on file
    /// 4815", "first 3 of my ssn are 431".
    fn named_pieces(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let speaks_of_ssn = scan
            .words
            .iter()
            .any(|w| matches!(&*w.lower, "ssn" | "ss" | "social"));
        let Some(mention) = speaks_of_ssn
            .then(|| self.mentions_ssn.find(text))
            .flatten()
        else {
            return;
        };
        // A group of digits counts when the SSN is named before it, or
        // shortly after.
        let near = |start: usize| mention.start() < start + 120;
        for caps in self.last4.captures_iter(text) {
            let (Some(whole), Some(digits)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            // "card ending 1234" is an account, even in a message about SSNs.
            let before = super::tail(&text[..whole.start()], 30).to_ascii_lowercase();
            let about_card = ["card", "acct", "account"]
                .iter()
                .any(|w| before.contains(w));
            if near(whole.start()) && !about_card {
                out.push(Finding::new(digits.start(), digits.end(), Kind::Ssn));
            }
        }
        for caps in self.first3.captures_iter(text) {
            let (Some(whole), Some(digits)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let rest = &text[digits.end()..];
            // ("first 3 are 431-22": the full number is the full
            // pattern's.)
            let alone = !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '.')
                || rest.starts_with(". ");
            if near(whole.start()) && alone {
                out.push(Finding::new(digits.start(), digits.end(), Kind::Ssn));
            }
        }
        last_four_in_sentence(scan, out);
    }
}

/// An SSN dictated in pieces, each named by its place: "first 3 r 6 1 9,
/// middle 2 r 0 4, last 4 r 5 5 1 2", "first 5 are 371 48 and last 4 are
/// 2265". A piece counts when its digits are as many as its place holds
/// (first 3 or 5, middle 2, last 4) and the message names an SSN or
/// another piece; "first 3 pills are 500 mg" names no digits.
fn dictated_in_pieces(piece: &Regex, mentions_ssn: &Regex, text: &str, out: &mut Vec<Finding>) {
    // Each piece with whether it is the last one.
    let pieces: Vec<_> = piece
        .captures_iter(text)
        .filter_map(|caps| {
            let place = caps.get(1)?.as_str().to_ascii_lowercase();
            let digits = caps.get(3)?;
            let count = digits.as_str().bytes().filter(u8::is_ascii_digit).count();
            let size = match caps.get(2)?.as_str().to_ascii_lowercase().as_str() {
                "two" | "2" => 2,
                "three" | "3" => 3,
                "four" | "4" | "cuatro" => 4,
                // "first part is 301-55": the size is the digits'.
                "part" => count,
                _ => 5,
            };
            let last = matches!(place.as_str(), "last" | "final" | "ultimos" | "últimos");
            let fits = match place.as_str() {
                "first" | "1st" => size == 3 || size == 5,
                "middle" | "mid" => size == 2,
                _ => size == 4,
            };
            (fits && count == size).then_some((digits, last))
        })
        .collect();
    // One piece alone counts when the SSN is named, when it is a last four
    // ("last 4 r 3 3 8 0": some number's end, an SSN's or a card's,
    // redacted either way), or when it is written as an SSN's first two
    // groups ("first 5 r 244-91").
    let alone_counts = |(digits, last): &(regex::Match<'_>, bool)| {
        let p = digits.as_str().as_bytes();
        let ssn_grouped = p.len() == 6 && matches!(p[3], b'-' | b' ');
        *last || ssn_grouped || mentions_ssn.is_match(text)
    };
    if pieces.len() >= 2 || pieces.first().is_some_and(alone_counts) {
        for (digits, _) in pieces {
            super::push_new(out, Kind::Ssn, digits.start(), digits.end());
        }
    }
}

/// "it's 9876, the end of my social", "the last digits are 9876 from my
/// social": four digits alone in a sentence that names the social security
/// number and its end or last digits (not a year, an amount, a time, nor
/// in a sentence about a card or an account).
fn last_four_in_sentence(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let text = scan.text;
    let words = scan.words;
    for (i, w) in words.iter().enumerate() {
        if w.lower.len() != 4
            || !w.is_digits()
            || w.lower.starts_with("19")
            || w.lower.starts_with("20")
        {
            continue;
        }
        let before = &text[..w.start];
        let after = &text[w.end..];
        if before.ends_with(['$', '#', ':', '.', '-', '/'])
            || after.starts_with([':', '%', '.', '-', '/'])
                && after[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let boundary = |a: usize, b: usize| text[a..b].contains(['.', '!', '?', '\n', ';']);
        let mut lo = i;
        while lo > 0 && i - lo < 10 && !boundary(words[lo - 1].end, words[lo].start) {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < words.len() && hi - i < 10 && !boundary(words[hi].end, words[hi + 1].start) {
            hi += 1;
        }
        let sentence = &words[lo..=hi];
        // ("social worker", "social media": no number of a person's.)
        let names_ssn = (lo..=hi).any(|k| {
            matches!(&*words[k].lower, "ssn" | "ss")
                || &*words[k].lower == "social"
                    && !words.get(k + 1).is_some_and(|n| {
                        matches!(
                            &*n.lower,
                            "worker"
                                | "workers"
                                | "work"
                                | "media"
                                | "services"
                                | "history"
                                | "skills"
                        )
                    })
        });
        // "at 1030", "by 0900", "1030 am": a clock time.
        let clock = i > 0
            && matches!(
                &*words[i - 1].lower,
                "at" | "by" | "around" | "until" | "til"
            )
            || words
                .get(i + 1)
                .is_some_and(|n| matches!(&*n.lower, "am" | "pm" | "hrs" | "hours" | "h"));
        // ("the lasst 4 are 7887": one typo from "last" or "ending".)
        const END_WORDS: &[&str] = &[
            "end", "ends", "ending", "last", "digits", "final", "termina", "ultimos",
        ];
        let end_word = sentence.iter().any(|x| {
            END_WORDS.contains(&&*x.lower) || super::typo_in(&x.lower, END_WORDS, 4).is_some()
        });
        let other_owner = sentence.iter().any(|x| {
            matches!(
                &*x.lower,
                "card" | "acct" | "account" | "cuenta" | "tarjeta" | "phone" | "cell" | "mrn"
            )
        });
        let found = out.iter().any(|f| f.start <= w.start && f.end >= w.end);
        if names_ssn && end_word && !other_owner && !clock && !found {
            out.push(Finding::new(w.start, w.end, Kind::Ssn));
        }
    }
}

/// "last 4 is", "last four:", "los últimos 4 son": the words before a
/// number that say it is the last four digits of one.
fn last_four_before(before: &[Word<'_>]) -> bool {
    before.windows(2).any(|pair| {
        matches!(&*pair[0].lower, "last" | "ultimos" | "últimos")
            && matches!(&*pair[1].lower, "4" | "four" | "cuatro")
    })
}

/// What one word of a number said aloud stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Said {
    /// "four", "cuatro" (and "oh" inside a run): one digit.
    Digit,
    /// "fifty", "setenta": two digits, or one with the digit joined to it
    /// ("fifty-six", "setenta y dos").
    Tens,
    /// "eighteen", "quince", "veintidós": two digits.
    Teen,
    /// A group of digits as written ("60", "4418").
    Digits(usize),
    /// "doble", "double", "triple" before a digit: its extra copies.
    Repeat(usize),
}

/// The digit a word says ("oh" and "cero" too).
fn digit_value(word: &str) -> Option<u8> {
    let value = match word {
        "zero" | "oh" | "cero" => 0,
        "one" | "uno" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        _ => return None,
    };
    Some(value)
}

/// A number said as a word, English or Spanish ("seven", "twenty",
/// "quince"): the words [`Said`] reads, less "oh" (a digit only inside a
/// number) and "double".
pub(super) fn number_word(word: &str) -> bool {
    matches!(
        Said::of(word, false),
        Some(Said::Digit | Said::Tens | Said::Teen)
    )
}

impl Said {
    fn of(word: &str, inside: bool) -> Option<Self> {
        // (An "oh" is a digit only inside a number.)
        if word != "oh" && digit_value(word).is_some() {
            return Some(Said::Digit);
        }
        let said = match word {
            "oh" | "o" if inside => Said::Digit,
            "doble" | "double" => Said::Repeat(1),
            "triple" => Said::Repeat(2),
            "twenty" | "thirty" | "forty" | "fourty" | "fifty" | "sixty" | "seventy" | "eighty"
            | "ninety" | "veinte" | "treinta" | "cuarenta" | "cincuenta" | "sesenta"
            | "setenta" | "ochenta" | "noventa" => Said::Tens,
            "ten" | "eleven" | "twelve" | "thirteen" | "fourteen" | "fifteen" | "sixteen"
            | "seventeen" | "eighteen" | "nineteen" | "diez" | "once" | "doce" | "trece"
            | "catorce" | "quince" | "dieciseis" | "dieciséis" | "diecisiete" | "dieciocho"
            | "diecinueve" | "veintiuno" | "veintidos" | "veintidós" | "veintitres"
            | "veintitrés" | "veinticuatro" | "veinticinco" | "veintiseis" | "veintiséis"
            | "veintisiete" | "veintiocho" | "veintinueve" => Said::Teen,
            _ if (1..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) => {
                Said::Digits(word.len())
            }
            _ => return None,
        };
        Some(said)
    }

    fn is_word(self) -> bool {
        !matches!(self, Said::Digits(_))
    }
}

/// Nouns of a card's or a claim's number, just before a number said aloud.
const ID_CUES: &[&str] = &[
    "group",
    "member",
    "id",
    "policy",
    "medicare",
    "medicaid",
    "claim",
    "auth",
    "authorization",
    "rx",
    "account",
    "acct",
    "confirmation",
    "reference",
    "ref",
    "referencia",
    "tracking",
    "rastreo",
    "seguimiento",
    "order",
    "orden",
    "grupo",
    "miembro",
    "poliza",
];

/// Words of a social security number just before a number said aloud.
const SSN_CUES: &[&str] = &["ssn", "ss", "social", "seguro", "itin", "security"];

/// Numbers said aloud or spaced digit by digit: "social: four one two, five
/// five, nine eight seven six", "three three nine, 60, 4418", "cuatro uno
/// ocho, setenta y dos, cinco cinco cero tres", "4 5 1 2 9 3 0 7 7". A run
/// of such words (digits, tens, teens, digit groups, joined by spaces,
/// commas, dashes, dots or a Spanish "y" after tens) counts its digits;
/// with a word of a social security number up to eight words before, four
/// digits or more are an SSN, and anywhere seven or more are some number
/// (a phone, an id). A run of written digit groups alone counts only when
/// every group has one or two digits ("4 5 1 2 9..."): plain numbers are
/// the other detectors'.
fn spelled_numbers(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let joined = |a: &Word<'_>, b: &Word<'_>| {
        text[a.end..b.start]
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '-' | '.' | '\u{2013}'))
    };
    let mut i = 0;
    while i < words.len() {
        // ("oh oh seven three": an "oh" opens a run before a digit.)
        let opens = |k: usize| {
            matches!(&*words[k].lower, "oh" | "o")
                && words.get(k + 1).is_some_and(|n| {
                    joined(&words[k], n) && Said::of(&n.lower, true) == Some(Said::Digit)
                })
        };
        let Some(first) = Said::of(&words[i].lower, opens(i)) else {
            i += 1;
            continue;
        };
        let mut said = vec![first];
        let mut j = i + 1;
        while j < words.len() {
            // "2 1 8 and then 6 6 and then 0 4 1 9": groups joined by "and
            // then" (only between digits said one by one).
            let then = match (
                words[j].lower.as_ref(),
                words.get(j + 1).map(|w| w.lower.as_ref()),
            ) {
                ("and", Some("then")) => 2,
                ("then", _) => 1,
                _ => 0,
            };
            if then > 0
                && said.last() == Some(&Said::Digits(1))
                && words
                    .get(j + then)
                    .and_then(|w| Said::of(&w.lower, true))
                    .is_some_and(|s| s == Said::Digits(1))
            {
                j += then;
                continue;
            }
            // "four four two dash one one dash ...": a dash said aloud.
            if matches!(&*words[j].lower, "dash" | "hyphen" | "guion" | "guión")
                && words
                    .get(j + 1)
                    .and_then(|w| Said::of(&w.lower, true))
                    .is_some()
            {
                j += 1;
                continue;
            }
            // "setenta y dos": a Spanish "y" between tens and a digit.
            if words[j].lower == "y"
                && said.last() == Some(&Said::Tens)
                && words
                    .get(j + 1)
                    .and_then(|w| Said::of(&w.lower, true))
                    .is_some_and(|s| s == Said::Digit)
            {
                j += 1;
                continue;
            }
            match Said::of(&words[j].lower, true) {
                Some(next) if joined(&words[j - 1], &words[j]) => {
                    said.push(next);
                    j += 1;
                }
                _ => break,
            }
        }
        let digits: usize = said
            .iter()
            .enumerate()
            .map(|(k, s)| match s {
                // A digit after tens is its units ("fifty-six").
                Said::Digit if k > 0 && said[k - 1] == Said::Tens => 0,
                Said::Digit => 1,
                Said::Tens | Said::Teen => 2,
                Said::Digits(n) | Said::Repeat(n) => *n,
            })
            .sum();
        let spoken = said.iter().any(|s| s.is_word());
        // "4 5 1 2 9 3 0 7 7", "708 5 5 5 0 1 7 9": digits spaced one by
        // one (an area code may stay whole).
        let spaced = said.len() >= 5
            && said
                .iter()
                .skip(1)
                .all(|s| matches!(s, Said::Digits(1 | 2)))
            && (matches!(said[0], Said::Digits(1 | 2))
                || (matches!(said[0], Said::Digits(3)) && said.len() >= 7));
        // "the last four, I said 7 7 0 2", "seguro social ... 3, 3, 1, 9":
        // four digits said one by one after a word of the number.
        let before = &words[i.saturating_sub(8)..i];
        // A word of the SSN up to eight words before ("her social worker":
        // not the number).
        let cue = before.iter().enumerate().any(|(k, w)| {
            SSN_CUES.contains(&&*w.lower)
                && !before.get(k + 1).is_some_and(|n| {
                    matches!(
                        &*n.lower,
                        "worker" | "workers" | "work" | "media" | "services" | "skills"
                    )
                })
        });
        let singles = said.len() >= 4 && said.iter().all(|s| matches!(s, Said::Digits(1)));
        let cued_singles = singles && (last_four_before(&words[i.saturating_sub(6)..i]) || cue);
        // "the group number is one seven five zero zero", "group # 4 0 0 9
        // 1": a card's number said aloud after its noun.
        // (Not an amount, "$2,318.40", nor a range, "ref 4.0-5.6".)
        let plain_gaps = text[words[i].start..words[j - 1].end]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ','));
        let card_number = (singles || spoken)
            && digits >= 4
            && plain_gaps
            && !text[..words[i].start].ends_with('$')
            && words[i.saturating_sub(4)..i]
                .iter()
                .any(|w| ID_CUES.contains(&&*w.lower));
        // "six oh six five seven", "eight two two nine oh one": five digits
        // or more said one by one are some number (a ZIP, a record).
        // (Not with a Spanish "o", "or": "uno o dos, tres o cuatro veces";
        // nor a count: "one two three four five".)
        let counting = || {
            let values: Vec<Option<u8>> =
                words[i..j].iter().map(|w| digit_value(&w.lower)).collect();
            values
                .windows(2)
                .all(|p| matches!(p, [Some(a), Some(b)] if *b == a + 1))
                || values
                    .windows(2)
                    .all(|p| matches!(p, [Some(a), Some(b)] if *a == b + 1))
        };
        let digit_by_digit = said.len() >= 5
            && said.iter().all(|s| *s == Said::Digit)
            && !words[i..j].iter().any(|w| &*w.lower == "o")
            && !counting();
        if ((spoken || spaced) && said.len() >= 2) || cued_singles || card_number {
            // "the last 4 is forty-four seventeen", "los últimos cuatro
            // son siete siete tres cero": an end of four said aloud.
            let last_four = digits == 4 && last_four_before(&words[i.saturating_sub(4)..i]);
            let kind = if (cue && digits >= 4 && said.len() >= 3) || last_four || cued_singles {
                Some(Kind::Ssn)
            } else if card_number || digit_by_digit {
                Some(Kind::Id)
            } else {
                (digits >= 7 && (said.iter().filter(|s| s.is_word()).count() >= 2 || spaced))
                    .then_some(Kind::Id)
            };
            if let Some(kind) = kind {
                out.push(Finding::new(words[i].start, words[j - 1].end, kind));
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ssns(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Ssns::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn five_digits_or_more_said_one_by_one() {
        for (text, want) in [
            (
                "Chicago six oh six five seven. thanks",
                "six oh six five seven",
            ),
            (
                "MRN is eight two two nine oh one",
                "eight two two nine oh one",
            ),
            (
                "the number is four, seven, seven, one, zero, two",
                "four, seven, seven, one, zero, two",
            ),
        ] {
            let found = crate::tests::redact_plain(text);
            assert!(!found.contains(want), "{text} -> {found}");
        }
        for text in [
            "tomar uno o dos, tres o cuatro veces",
            "count one two three four five and breathe",
            "take one or two, maybe three tablets",
        ] {
            assert_eq!(crate::tests::redact_plain(text), text);
        }
    }

    #[test]
    fn said_in_turns() {
        for (text, want) in [
            (
                "ssn is 5 3 1 dash 2 2 dash 9 0 1 7 ok",
                vec!["5 3 1 dash 2 2 dash 9 0 1 7"],
            ),
            (
                "her social: first three are 482, then 19, then 3306",
                vec!["482", "482, then 19, then 3306"],
            ),
            (
                "his social is 318, then 07, then 4422. room 5112",
                vec!["318, then 07, then 4422"],
            ),
            (
                "SS# in two goes, \"562-08\" and then \"4417\"",
                vec!["562-08", "4417"],
            ),
            (
                "my social? its 521-66- and the rest is 0938",
                vec!["521-66", "0938"],
            ),
        ] {
            let mut got = ssns(text);
            got.sort_unstable();
            let mut want = want;
            want.sort_unstable();
            assert_eq!(got, want, "{text}");
        }
        // No SSN talk: a 3-2 group and "then 30" are no SSN.
        for text in ["room 412-03 then 30 min later", "take 2 then 10 more"] {
            assert!(ssns(text).is_empty(), "{text}: {:?}", ssns(text));
        }
    }

    #[test]
    fn other_hyphens_and_underscores() {
        // Round 8: a non-breaking hyphen (a phone's keyboard) or an
        // underscore between the groups.
        assert_eq!(
            ssns("SSN is 517\u{2011}30\u{2011}2264"),
            vec!["517\u{2011}30\u{2011}2264"]
        );
        assert_eq!(ssns("my ssn # is 517_30_2264"), vec!["517_30_2264"]);
    }

    #[test]
    fn ss_alone_names_the_number() {
        // Round 9: "ss" alone, after the last four.
        assert_eq!(ssns("ending 4417 on my ss card"), vec!["4417"]);
        assert!(ssns("ending 4417 on my class card").is_empty());
    }

    #[test]
    fn last_four_with_a_typo_in_the_end_word() {
        // Round 9: "lasst", "endng" one typo from an end word.
        assert_eq!(
            ssns("first 3 of my ssn are 431 and the lasst 4 are 7887"),
            vec!["431", "7887"]
        );
        assert_eq!(ssns("my social endng 5120, pls check"), vec!["5120"]);
        // Not without the SSN, nor for a card.
        assert!(ssns("the lasst 4 pills are 2 tabs 1200 total").is_empty());
        assert!(ssns("ssn done; card lasst 4 is 5120").is_empty());
    }

    #[test]
    fn first_three_and_texted_last_four() {
        // Round 8: the first group said alone, and "r" for "are" in a text.
        assert_eq!(
            ssns("the 1st part - first three digits of my social are 552, ok?"),
            vec!["552"]
        );
        assert_eq!(ssns("ssn first 3: 604 if that helps"), vec!["604"]);
        assert_eq!(
            ssns("los primeros tres del seguro social son 318"),
            vec!["318"]
        );
        assert_eq!(ssns("ur form wants my ssn, last four r 7716"), vec!["7716"]);
        assert_eq!(ssns("the last 4 of my ssn is 3390 thx"), vec!["3390"]);
        // No SSN named: no first three. A longer number is no first three
        // but a first five.
        assert!(ssns("the first 3 pills are 500 mg each").is_empty());
        assert_eq!(ssns("first 3 of my ssn are 431-22 hmm"), vec!["431-22"]);
    }

    #[test]
    fn full_and_last_four() {
        assert_eq!(ssns("SSN 209-82-9469, DOB"), vec!["209-82-9469"]);
        assert_eq!(ssns("SSN 208 12 0747, DOB"), vec!["208 12 0747"]);
        assert_eq!(ssns("ss 208.12.0747 and"), vec!["208.12.0747"]);
        assert_eq!(ssns("social 208 - 12 - 0747"), vec!["208 - 12 - 0747"]);
        assert_eq!(
            ssns("my ssn 517\u{2013}30\u{2013}2264 ok"),
            vec!["517\u{2013}30\u{2013}2264"]
        );
        assert_eq!(ssns("ss# 517 30-2264 thx"), vec!["517 30-2264"]);
        assert_eq!(ssns("social 517.30 2264"), vec!["517.30 2264"]);
        assert_eq!(ssns("SSN 517/30/2264 on file"), vec!["517/30/2264"]);
        assert_eq!(
            ssns("we need your ssn to apply. last 4 on file 4815, pls confirm"),
            vec!["4815"]
        );
        assert_eq!(ssns("Your SSN ending in 1234 is on file"), vec!["1234"]);
        assert_eq!(ssns("ssn last4 2291 pls"), vec!["2291"]);
        assert_eq!(
            ssns("the last four: 6620, that is for my social"),
            vec!["6620"]
        );
        assert_eq!(
            ssns("the last 4 digits 6620 of my social, for the form"),
            vec!["6620"]
        );
    }

    #[test]
    fn said_aloud_with_tens_teens_and_digit_groups() {
        for (text, want) in [
            (
                "my social is three three nine, 60, 4418",
                "three three nine, 60, 4418",
            ),
            (
                "mi seguro social: seis cero tres, 18, 2294",
                "seis cero tres, 18, 2294",
            ),
            (
                "su seguro social es cuatro uno ocho, setenta y dos, cinco cinco cero tres",
                "cuatro uno ocho, setenta y dos, cinco cinco cero tres",
            ),
            (
                "SSN: two four one, fifty-six, eighty-eight thirty",
                "two four one, fifty-six, eighty-eight thirty",
            ),
            ("send u my social. 4 5 1 2 9 3 0 7 7", "4 5 1 2 9 3 0 7 7"),
            (
                "mi social es 6 4 4 - 1 2 - 0 9 8 3 ahi esta",
                "6 4 4 - 1 2 - 0 9 8 3",
            ),
        ] {
            assert_eq!(ssns(text), vec![want], "{text}");
        }
        // Not numbers said aloud: doses, counts, a date in words.
        for text in [
            "take one 10 mg tab twice a day for seven days",
            "two 500 mg tablets, three times a day",
            "her social worker said march twenty 2024 works",
            "call 555 1234 after 5",
        ] {
            assert!(ssns(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn spelt_out_and_commas() {
        assert_eq!(
            ssns("social: four one two, five five, nine eight seven six"),
            vec!["four one two, five five, nine eight seven six"]
        );
        assert_eq!(ssns("my SSN is 412,55,9876 thanks"), vec!["412,55,9876"]);
        assert!(ssns("one or two tabs, three times a day").is_empty());
        assert!(ssns("my social worker has two or three forms").is_empty());
    }

    #[test]
    fn dictated_in_pieces_by_place() {
        assert_eq!(
            ssns("ok first 3 are 2 0 8, middle 2 is 7 1 and last 4 is 0 6 6 3"),
            // (The last four said digit by digit is found first.)
            vec!["0 6 6 3", "2 0 8", "7 1"]
        );
        assert_eq!(
            ssns("first five = 508 33, last four = 9120"),
            vec!["508 33", "9120"]
        );
        assert_eq!(ssns("my social, middle 2 r 3 9"), vec!["3 9"]);
        assert_eq!(ssns("for my social it ends w 6021"), vec!["6021"]);
        assert_eq!(ssns("my ss# ends w/ 6021"), vec!["6021"]);
        assert_eq!(
            ssns("form wants my ssn last 4, is it 4471?? or 4417"),
            vec!["4471", "4417"]
        );
        // No digits of the piece's size, or one piece and no SSN named.
        assert!(ssns("first 3 days take 2, last 4 days take 1").is_empty());
        assert!(ssns("last 4 are 1 2 3").is_empty());
        // A last four dictated alone is redacted (some number's end).
        assert_eq!(ssns("the last 4 r 7 7 1 2"), vec!["7 7 1 2"]);
        assert_eq!(ssns("first part is 301-55"), vec!["301-55"]);
        assert_eq!(ssns("first 5 r 552 07, rest later"), vec!["552 07"]);
        assert_eq!(ssns("my social, first part is 301-55"), vec!["301-55"]);
        assert_eq!(
            ssns("my ssn is 4 0 2 and then 7 1 and then 8 8 3 0"),
            vec!["4 0 2 and then 7 1 and then 8 8 3 0"]
        );
        assert!(ssns("take 1 and then 2 tabs at night").is_empty());
    }

    #[test]
    fn not_ssn() {
        assert!(ssns("last 4 on file 4815").is_empty());
        assert!(ssns("SSN needed; card ending 9491 was declined").is_empty());
        assert!(ssns("call 555-123-4567 in 2024").is_empty());
        assert!(ssns("seen 12/30/2024 and 3/14/1962").is_empty());
    }
}
