//! Word runs with byte positions, and a matcher that finds a known value
//! spread over neighbouring words ("O'Neil", "O Neil" and "oneil" all join
//! to "oneil"; "555 123-4567" joins to "5551234567").

use std::borrow::Cow;

/// A maximal run of letters and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word lowercased (borrowed from the text when it already is).
    pub lower: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    pub fn is_digits(&self) -> bool {
        self.lower.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The words of `text`, lowercased.
pub fn words(text: &str) -> Vec<Word<'_>> {
    words_in(text, None)
}

/// The words of `text`, lowercased, borrowing from `lower` (the text
/// ASCII-lowercased) when it can: no allocation for ASCII words.
pub fn words_in<'a>(text: &'a str, lower: Option<&'a str>) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII straight from the bytes; other characters decoded.
        let (alnum, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        match (alnum, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(text, lower, s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(word(text, lower, s, text.len()));
    }
    out
}

fn word<'a>(text: &'a str, lower: Option<&'a str>, start: usize, end: usize) -> Word<'a> {
    let raw = &text[start..end];
    if raw.is_ascii()
        && let Some(lowered) = lower.and_then(|l| l.get(start..end))
    {
        return Word {
            lower: Cow::Borrowed(lowered),
            start,
            end,
        };
    }
    let has_upper = if raw.is_ascii() {
        raw.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        raw.chars().any(char::is_uppercase)
    };
    Word {
        lower: if has_upper {
            Cow::Owned(raw.to_lowercase())
        } else {
            Cow::Borrowed(raw)
        },
        start,
        end,
    }
}

/// Separators that may sit inside one identifier: at most 3 characters of
/// spaces, tabs and `- ' ’ . ( ) / _ ,`.
pub fn joinable(text: &str, left: &Word<'_>, right: &Word<'_>) -> bool {
    let Some(gap) = text.get(left.end..right.start) else {
        return false;
    };
    gap.chars().count() <= 3
        && gap.chars().all(|c| {
            matches!(
                c,
                ' ' | '\t' | '-' | '\'' | '\u{2019}' | '.' | '(' | ')' | '/' | '_' | ','
            )
        })
}

/// Byte ranges where consecutive joinable words (at most `max_words`),
/// filtered by `usable`, concatenate to one of `targets`. Longest match per
/// start position.
pub fn find_joined<'a>(
    text: &str,
    words: &[Word<'a>],
    targets: &[String],
    max_words: usize,
    usable: impl Fn(&Word<'a>) -> bool,
) -> Vec<(usize, usize)> {
    let longest_target = targets.iter().map(String::len).max().unwrap_or(0);
    let mut found = Vec::new();
    if longest_target == 0 {
        return found;
    }
    // Quick reject by first byte: which bytes start a target.
    let mut starts = [false; 256];
    for target in targets {
        if let Some(&b) = target.as_bytes().first() {
            starts[usize::from(b)] = true;
        }
    }
    for start in 0..words.len() {
        let first = words[start].lower.as_bytes().first().copied().unwrap_or(0);
        // Quick reject: an unusable word, or no target starts with it.
        if !starts[usize::from(first)]
            || !usable(&words[start])
            || !targets.iter().any(|t| t.starts_with(&*words[start].lower))
        {
            continue;
        }
        let mut joined = String::new();
        let mut best = None;
        for end in start..words.len().min(start + max_words) {
            let word = &words[end];
            if !usable(word) || (end > start && !joinable(text, &words[end - 1], word)) {
                break;
            }
            joined.push_str(&word.lower);
            if joined.len() > longest_target {
                break;
            }
            if targets.contains(&joined) {
                best = Some((words[start].start, word.end));
            }
        }
        found.extend(best);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_lowercases() {
        let w = words("Hi O'Neil, 555-1234!");
        let lower: Vec<&str> = w.iter().map(|w| &*w.lower).collect();
        assert_eq!(lower, vec!["hi", "o", "neil", "555", "1234"]);
        assert_eq!((w[1].start, w[2].end), (3, 9));
    }

    #[test]
    fn joins_across_small_separators_only() {
        let text = "Mary-Anne, maryanne and Mary  Anne or Mary; Anne or Mary Annex";
        let w = words(text);
        let found = find_joined(text, &w, &["maryanne".to_owned()], 4, |_| true);
        let matched: Vec<&str> = found.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(matched, vec!["Mary-Anne", "maryanne", "Mary  Anne"]);
    }
}
