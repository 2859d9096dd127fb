//! Word runs with byte positions, and a matcher that finds a known value
//! spread over neighbouring words ("O'Neil", "O Neil" and "oneil" all join
//! to "oneil"; "555 123-4567" joins to "5551234567").

/// A maximal run of letters and digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub lower: String,
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn is_digits(&self) -> bool {
        self.lower.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The words of `text`, lowercased.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        lower: text[start..end].to_lowercase(),
        start,
        end,
    }
}

/// Separators that may sit inside one identifier: at most 3 characters of
/// spaces, tabs and `- ' ’ . ( ) / _ ,`.
pub fn joinable(text: &str, left: &Word, right: &Word) -> bool {
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
pub fn find_joined(
    text: &str,
    words: &[Word],
    targets: &[String],
    max_words: usize,
    usable: impl Fn(&Word) -> bool,
) -> Vec<(usize, usize)> {
    let longest_target = targets.iter().map(String::len).max().unwrap_or(0);
    let mut found = Vec::new();
    if longest_target == 0 {
        return found;
    }
    for start in 0..words.len() {
        // Quick reject: no target starts with this word.
        if !targets
            .iter()
            .any(|t| t.starts_with(words[start].lower.as_str()))
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
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
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
