//! The word tokens the name detector reasons about: runs of letters with
//! inner apostrophes and hyphens ("O'Neil", "Mei-Ling"), each with its case,
//! whether it starts a sentence, whether a possessive "'s" follows, and how
//! it is separated from the previous token.

use std::ops::Deref;

use crate::casing::{Case, case_of};
use crate::lexicon::fold;

/// How a token is separated from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// The first token of the text.
    Start,
    /// One to three spaces, or the "." of an initial or title ("Lucas B.
    /// Hill", "Dr. Avery").
    Space,
    /// A comma and spaces ("Waters, Thomas").
    Comma,
    /// Anything else: sentence punctuation, a dash, a bracket, a newline.
    Break,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    /// Lowercased, accents folded, apostrophes and hyphens removed
    /// ("oneil", "meiling").
    pub folded: Folded<'a>,
    /// The parts of a hyphenated token ("mei", "ling"); empty otherwise.
    pub parts: Vec<String>,
    pub letters: usize,
    pub case: Case,
    pub gap: Gap,
    /// First word of a sentence (text start, after . ! ? : ; a dash or a
    /// newline): a capital there says nothing.
    pub sentence_start: bool,
    /// After a spaced dash: "- Erin" (a signature).
    pub after_dash: bool,
    /// Followed by a possessive "'s".
    pub possessive: bool,
    /// Glued to digits or to a URL, email or file name ("luis1975",
    /// "healthcare.gov", "Msg&data"): not a word of prose.
    pub glued: bool,
}

/// Abbreviations whose "." does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "st", "jr", "sr", "prof", "pt", "rev", "apt", "ste", "no",
    // Spanish titles: "la Dra. Peña", "la sra. ibarra", "Lic. Soto".
    "dra", "sra", "srta", "lic", "profa",
];

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-')
}

fn is_glue(c: char) -> bool {
    matches!(c, '.' | '@' | '/' | '_' | '&' | ':' | '=' | '?' | '#' | '+')
}

/// The character at byte `i` of `text`, if any (`i` on a character
/// boundary). ASCII is read straight from the bytes.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|t| t.chars().next()),
        None => None,
    }
}

/// The character before byte `i` of `text`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|j| text.as_bytes().get(j)) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(..i).and_then(|t| t.chars().next_back()),
        None => None,
    }
}

/// The tokens of `text`; `lower` is `text` with ASCII letters lowercased
/// (same byte offsets), where most tokens find their folded form.
pub fn tokens<'a>(text: &'a str, lower: &'a str) -> Vec<Token<'a>> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // ASCII straight from the bytes.
        if bytes[i] < 0x80 && !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        if !c.is_alphabetic() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut possessive = false;
        while end < bytes.len() {
            if bytes[end].is_ascii_alphabetic() {
                end += 1;
                continue;
            }
            let Some(c) = char_at(text, end) else { break };
            if c.is_alphabetic() {
                end += c.len_utf8();
                continue;
            }
            let next = char_at(text, end + c.len_utf8());
            if !is_joiner(c) || !next.is_some_and(char::is_alphabetic) {
                break;
            }
            let after_next = next.and_then(|n| char_at(text, end + c.len_utf8() + n.len_utf8()));
            if c != '-'
                && matches!(next, Some('s' | 'S'))
                && !after_next.is_some_and(char::is_alphanumeric)
            {
                possessive = true;
                break;
            }
            end += c.len_utf8();
        }
        // Past the possessive "'s" (apostrophe + s).
        let after_index = if possessive {
            end + char_at(text, end).map_or(0, char::len_utf8) + 1
        } else {
            end
        };
        let before = char_before(text, start);
        let after = char_at(text, after_index);
        let next_alnum = after
            .and_then(|a| char_at(text, after_index + a.len_utf8()))
            .is_some_and(char::is_alphanumeric);
        let before_glue =
            before.is_some_and(|c| c.is_ascii_digit() || (is_glue(c) && c != '.' && c != ':'));
        let after_dot_word = matches!(before, Some('.' | ':'))
            && char_before(text, start - 1).is_some_and(char::is_alphanumeric);
        let glued = before_glue
            || after_dot_word
            || after.is_some_and(|c| c.is_ascii_digit())
            || (after.is_some_and(is_glue) && next_alnum);
        // A single capital with a dot is an initial only inside a name
        // ("Lucas B. Hill"), not at the end of "Reply Y or N.".
        let initial_context = out.len() >= 2 && {
            let (name, letter) = (&out[out.len() - 2], &out[out.len() - 1]);
            letter.gap == Gap::Space
                && name.letters >= 2
                && match letter.case {
                    Case::Upper => matches!(name.case, Case::Title | Case::Upper),
                    _ => name.case == Case::Lower,
                }
        };
        // "--A. Mbeki RN", "J. Okafor, PharmD": a capital initial opening a
        // sentence, then a capitalised word of three letters or more.
        let opening_initial = out.last().is_some_and(|letter| {
            letter.letters == 1
                && letter.case == Case::Upper
                && letter.sentence_start
                && &*letter.folded != "i"
                && end - start >= 3
                && word_is_title(&text[start..end])
        });
        let initial_context = initial_context || opening_initial;
        out.push(make_token(
            (text, lower),
            start,
            end,
            possessive,
            glued,
            out.last(),
            initial_context,
        ));
        i = after_index.max(end);
    }
    out
}

/// A folded word without a heap allocation in the common cases: borrowed
/// from the lowercased text when it is an ASCII word without apostrophes
/// and hyphens (reading it then costs nothing), inline when it is a short
/// ASCII word with them ("dont", "oneil").
#[derive(Debug, Clone)]
pub enum Folded<'a> {
    Borrowed(&'a str),
    Inline { len: u8, bytes: [u8; 24] },
    Owned(String),
}

impl Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Folded::Borrowed(s) => s,
            Folded::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Folded::Owned(s) => s,
        }
    }
}

/// Lowercase, accents folded, without apostrophes and hyphens. `lower`
/// is `word` with ASCII letters lowercased.
fn fold_word<'a>(word: &str, lower: &'a str) -> Folded<'a> {
    let mut joiner = false;
    let mut ascii = true;
    for b in word.bytes() {
        joiner |= b == b'\'' || b == b'-';
        ascii &= b.is_ascii();
    }
    if ascii && !joiner {
        return Folded::Borrowed(lower);
    }
    if ascii && word.len() <= 24 {
        let mut bytes = [0u8; 24];
        let mut len = 0;
        for b in word.bytes().filter(|&b| b != b'\'' && b != b'-') {
            bytes[len] = b.to_ascii_lowercase();
            len += 1;
        }
        return Folded::Inline {
            len: u8::try_from(len).unwrap_or(0),
            bytes,
        };
    }
    let mut folded = fold(word);
    if folded.contains(['\'', '-']) {
        folded.retain(|c| c != '\'' && c != '-');
    }
    Folded::Owned(folded)
}

/// (First the text and its ASCII-lowercased copy.)
fn make_token<'a>(
    (text, lower): (&'a str, &'a str),
    start: usize,
    end: usize,
    possessive: bool,
    glued: bool,
    previous: Option<&Token<'_>>,
    initial_context: bool,
) -> Token<'a> {
    let word = &text[start..end];
    let lower_word = &lower[start..end];
    let parts: Vec<String> = if word.contains('-') {
        word.split('-')
            .zip(lower_word.split('-'))
            .map(|(p, l)| fold_word(p, l).to_string())
            .collect()
    } else {
        Vec::new()
    };
    let (gap, sentence_start, after_dash) = match previous {
        None => (
            Gap::Start,
            true,
            text[..start].contains(['-', '\u{2013}', '\u{2014}']),
        ),
        Some(prev) => classify_gap(&text[prev.end..start], prev, initial_context),
    };
    let (case, letters) = if word.is_ascii() {
        ascii_case_and_letters(word)
    } else {
        (
            case_of(word),
            word.chars().filter(|c| c.is_alphabetic()).count(),
        )
    };
    Token {
        start,
        end,
        letters,
        case,
        folded: fold_word(word, lower_word),
        parts,
        gap,
        sentence_start: sentence_start || text[..start].ends_with('\n'),
        after_dash,
        possessive,
        glued,
    }
}

/// The case and letter count of an ASCII word, in one pass.
fn ascii_case_and_letters(word: &str) -> (Case, usize) {
    let (mut letters, mut first_upper, mut later_lower, mut later_upper) = (0, false, false, false);
    for b in word.bytes().filter(u8::is_ascii_alphabetic) {
        if letters == 0 {
            first_upper = b.is_ascii_uppercase();
        } else {
            later_lower |= b.is_ascii_lowercase();
            later_upper |= b.is_ascii_uppercase();
        }
        letters += 1;
    }
    let case = match (letters, first_upper, later_lower, later_upper) {
        (0, ..) => Case::Other,
        (_, true, false, _) => Case::Upper,
        (_, true, true, _) => Case::Title,
        (_, false, _, false) => Case::Lower,
        (_, false, _, true) => Case::Other,
    };
    (case, letters)
}

/// The gap between `prev` and the next token, whether the next token starts
/// a sentence, and whether a spaced dash comes before it.
fn classify_gap(gap: &str, prev: &Token<'_>, initial_context: bool) -> (Gap, bool, bool) {
    let gap = if prev.possessive {
        gap.get(2..).unwrap_or_default()
    } else {
        gap
    };
    // One pass over the gap.
    let (mut spaces, mut dots, mut commas, mut stops, mut dash, mut other) =
        (0usize, 0usize, 0usize, false, false, false);
    let mut non_ascii = false;
    let bytes = gap.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' | b'\t' => spaces += 1,
            b'.' => dots += 1,
            b',' => commas += 1,
            b'!' | b'?' | b':' | b';' | b'\n' => stops = true,
            b'-' => {
                // (A dash opening a line is a signature's too: "\n-Carol".)
                let spaced_before = i > 0 && matches!(bytes[i - 1], b' ' | b'\n');
                let spaced_after = bytes.get(i + 1) == Some(&b' ');
                dash |= spaced_before || spaced_after;
                other = true;
            }
            _ => {
                other = true;
                non_ascii |= !b.is_ascii();
            }
        }
    }
    // (An en or em dash is no ASCII.)
    dash |= non_ascii && (gap.contains('\u{2013}') || gap.contains('\u{2014}'));
    if prev.possessive {
        return (Gap::Break, stops || dots > 0, dash);
    }
    let only_spaces = gap.len() == spaces;
    if only_spaces && spaces <= 3 {
        return (Gap::Space, false, false);
    }
    let abbreviation =
        (prev.letters == 1 && initial_context) || ABBREVIATIONS.contains(&&*prev.folded);
    let plain = !stops && !other;
    if plain && dots == 1 && commas == 0 && gap.starts_with('.') && abbreviation && spaces <= 3 {
        return (Gap::Space, false, false);
    }
    if plain && commas == 1 && dots == 0 && gap.trim_start_matches([' ', '\t']).starts_with(',') {
        let after_comma = gap.len() - gap.find(',').map_or(0, |i| i + 1);
        if after_comma <= 3 {
            return (Gap::Comma, false, false);
        }
    }
    let sentence_end = stops || (dots > 0 && !abbreviation) || dash;
    (Gap::Break, sentence_end, dash)
}

/// Whether a word is written with a capital and then lowercase letters
/// ("Mbeki", not "RN" nor "mbeki").
fn word_is_title(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_gaps_and_flags() {
        let text = "Hi Mary-Anne O'Neil, Dr. Avery's note. - Erin";
        let lower = text.to_ascii_lowercase();
        let t = tokens(text, &lower);
        let words: Vec<&str> = t.iter().map(|t| &*t.folded).collect();
        assert_eq!(
            words,
            vec!["hi", "maryanne", "oneil", "dr", "avery", "note", "erin"]
        );
        assert_eq!(t[1].parts, vec!["mary", "anne"]);
        assert_eq!(t[2].gap, Gap::Space);
        assert_eq!(t[3].gap, Gap::Comma);
        assert_eq!(t[4].gap, Gap::Space);
        assert!(t[4].possessive && !t[4].sentence_start);
        assert!(t[6].sentence_start && t[6].after_dash);
    }

    #[test]
    fn glued_tokens() {
        let text = "visit healthcare.gov or luis1975@yahoo.com, Msg&data rates";
        let lower = text.to_ascii_lowercase();
        let t = tokens(text, &lower);
        let glued: Vec<&str> = t.iter().filter(|t| t.glued).map(|t| &*t.folded).collect();
        assert_eq!(
            glued,
            vec!["healthcare", "gov", "luis", "yahoo", "com", "msg", "data"]
        );
    }

    #[test]
    fn accents_and_curly_apostrophes() {
        let text = "JOSÉ O\u{2019}NEIL’s note";
        let lower = text.to_ascii_lowercase();
        let t = tokens(text, &lower);
        assert_eq!(&*t[0].folded, "jose");
        assert_eq!(&*t[1].folded, "oneil");
        assert!(t[1].possessive);
    }
}
