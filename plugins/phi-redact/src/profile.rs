//! One pass over a body before the detectors run: its ASCII-lowercased
//! copy, its case mode and cheap facts (digit counts and runs, hints of a
//! URL, an IP address or an age over 89) that let detectors skip it at once.
//! Inside a component each pass over the text costs about a microsecond, so
//! the cheap checks share this one.

use crate::casing::CaseMode;

/// Cheap facts about a body, found in one pass.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// ASCII digits in the body.
    pub digits: usize,
    /// The longest run of ASCII digits.
    pub longest_digits: usize,
    /// The longest run of ASCII letters and digits.
    pub longest_alnum: usize,
    /// "digit.digit" occurrences (an IPv4 address needs three).
    pub dotted_digits: usize,
    /// Colons (an IPv6 address needs two or more).
    pub colons: usize,
    /// A scheme ("://"), "www." or a dot before a common top-level domain.
    pub url_hint: bool,
    /// A standalone number from 90 to 130 (a possible age over 89).
    pub age_hint: bool,
    /// How the body is written.
    pub mode: CaseMode,
}

/// Top-level domains that make "word.tld" look like a URL.
const TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "health", "care", "info", "io", "us", "co", "app", "me",
    "ly", "link", "biz", "ee", "site",
];

impl Profile {
    pub fn of(text: &str) -> Self {
        Self::with_lower(text).0
    }

    /// The profile, and the text with ASCII letters lowercased.
    pub fn with_lower(text: &str) -> (Self, String) {
        let bytes = text.as_bytes();
        let lower = text.to_ascii_lowercase();
        let (mut digits, mut longest_digits, mut longest_alnum) = (0, 0, 0);
        let (mut dotted_digits, mut colons) = (0, 0);
        let (mut url_hint, mut age_hint) = (false, false);
        let (mut digit_run, mut alnum_run) = (0usize, 0usize);
        let mut case = WordCases::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Digits first (the most common non-letters worth counting),
            // then ASCII letters and other ASCII, then other characters.
            if b.is_ascii_digit() {
                digits += 1;
                digit_run += 1;
                alnum_run += 1;
                longest_digits = longest_digits.max(digit_run);
                longest_alnum = longest_alnum.max(alnum_run);
                case.end_word();
                i += 1;
                continue;
            }
            if (2..=3).contains(&digit_run) {
                let start = i - digit_run;
                let glued = start > 0 && matches!(bytes[start - 1], b'.' | b',' | b'$');
                let n: u32 = text[start..i].parse().unwrap_or(0);
                age_hint |= !glued && (90..=130).contains(&n);
            }
            // "9x yo F", "1xx": an age over 89 masked by its writer.
            if matches!(b, b'x' | b'X') && (1..=2).contains(&digit_run) {
                age_hint |= masked_age(&lower[i - digit_run..]).is_some();
            }
            digit_run = 0;
            if b.is_ascii_alphabetic() {
                alnum_run += 1;
                longest_alnum = longest_alnum.max(alnum_run);
                case.letter(b.is_ascii_uppercase(), b.is_ascii_lowercase());
                i += 1;
                continue;
            }
            alnum_run = 0;
            let len = if b < 0x80 {
                match b {
                    b'.' if i > 0 && bytes[i - 1].is_ascii_alphanumeric() => {
                        if bytes[i - 1].is_ascii_digit()
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                        {
                            dotted_digits += 1;
                        }
                        let tld_len = bytes[i + 1..]
                            .iter()
                            .take_while(|b| b.is_ascii_alphabetic())
                            .count();
                        let tld = &text[i + 1..i + 1 + tld_len];
                        let www = i >= 3
                            && text
                                .get(i - 3..i)
                                .is_some_and(|w| w.eq_ignore_ascii_case("www"));
                        url_hint |= www || TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t));
                    }
                    b':' => {
                        colons += 1;
                        url_hint |= bytes[i + 1..].starts_with(b"//");
                    }
                    _ => {}
                }
                1
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_alphabetic() {
                    case.letter(c.is_uppercase(), c.is_lowercase());
                    i += c.len_utf8();
                    continue;
                }
                c.len_utf8()
            };
            case.end_word();
            i += len;
        }
        if (2..=3).contains(&digit_run) {
            let n: u32 = text[bytes.len() - digit_run..].parse().unwrap_or(0);
            age_hint |= (90..=130).contains(&n);
        }
        case.end_word();
        let WordCases {
            words,
            upper_words,
            title_words,
            ..
        } = case;
        let mode = if words > 0 && upper_words * 5 >= words * 4 {
            CaseMode::Upper
        } else if title_words == 0 {
            CaseMode::Lower
        } else {
            CaseMode::Mixed
        };
        let profile = Profile {
            digits,
            longest_digits,
            longest_alnum,
            dotted_digits,
            colons,
            url_hint,
            age_hint,
            mode,
        };
        (profile, lower)
    }
}

/// How the words of a body (two letters or more) are written: counts of
/// words, of words in capitals and of capitalised words, and the word
/// being read.
#[derive(Default)]
struct WordCases {
    words: usize,
    upper_words: usize,
    title_words: usize,
    letters: usize,
    first_upper: bool,
    later_lower: bool,
}

impl WordCases {
    /// One more letter of the current word.
    fn letter(&mut self, upper: bool, lower: bool) {
        if self.letters == 0 {
            self.first_upper = upper;
            self.later_lower = false;
        } else {
            self.later_lower |= lower;
        }
        self.letters += 1;
    }

    /// A character that is no letter: the current word, if any, ends.
    fn end_word(&mut self) {
        if self.letters >= 2 {
            self.words += 1;
            self.upper_words += usize::from(self.first_upper && !self.later_lower);
            self.title_words += usize::from(self.first_upper && self.later_lower);
        }
        self.letters = 0;
    }
}

/// The length of an age over 89 written with its last digits masked
/// ("9x", "9X", "1xx", "10x"), at the start of `lower` (lowercase), if
/// one is there and no further digit or "x" follows ("9xyo" keeps its
/// suffix, "9x1" is no age).
pub fn masked_age(lower: &str) -> Option<usize> {
    let len = ["1xx", "10x", "11x", "12x", "9x"]
        .iter()
        .find(|m| lower.starts_with(*m))?
        .len();
    let rest = lower.as_bytes().get(len);
    (rest.is_none_or(|b| !b.is_ascii_digit() && *b != b'x')).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_a_body() {
        let (p, lower) =
            Profile::with_lower("Pt is 94 Y/O; IP 10.1.2.3, see www.X.org: call 5551234");
        assert_eq!(
            lower,
            "pt is 94 y/o; ip 10.1.2.3, see www.x.org: call 5551234"
        );
        assert!(p.age_hint && p.url_hint);
        assert_eq!((p.dotted_digits, p.longest_digits, p.colons), (3, 7, 1));
        assert_eq!(p.mode, CaseMode::Mixed);
        let (p, _) = Profile::with_lower("TAKE 2 TABS, 12.5 MG, $95.00");
        assert!(!p.age_hint && !p.url_hint);
        assert_eq!(p.mode, CaseMode::Upper);
    }
}
