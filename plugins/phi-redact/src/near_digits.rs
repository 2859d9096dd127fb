//! Regex searches limited to the parts of a body near its digits.
//!
//! Inside WebAssembly the regex engine has no SIMD prefilter: a pattern
//! that needs a digit still walks every byte of the body. Most of a body is
//! words far from any digit, so a pattern whose matches are short runs of
//! tokens around digits is searched only in the windows around the
//! body's digit-bearing tokens, with the same matches as a search of the
//! whole body.

use regex::{Captures, Match, Regex};

/// The bytes the patterns' `\s` matches (ASCII, as the patterns are
/// compiled without Unicode where they can be).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// A body's tokens (runs of bytes between ASCII whitespace), found once
/// per body, and which of them hold an ASCII digit.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Byte range of each token, in order.
    spans: Vec<(usize, usize)>,
    /// Indices (into `spans`) of the tokens holding a digit.
    with_digit: Vec<usize>,
}

impl Tokens {
    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut tokens = Self::default();
        let mut i = 0;
        while i < bytes.len() {
            if is_space(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut digit = false;
            while i < bytes.len() && !is_space(bytes[i]) {
                digit |= bytes[i].is_ascii_digit();
                i += 1;
            }
            if digit {
                tokens.with_digit.push(tokens.spans.len());
            }
            tokens.spans.push((start, i));
        }
        tokens
    }

    /// Byte ranges, in order and apart, covering every token within
    /// `radius` tokens of a token with a digit. Each starts at a token's
    /// first byte and ends before whitespace or at the end of the body.
    fn windows(&self, radius: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let last = self.spans.len().saturating_sub(1);
        let mut digits = self.with_digit.iter().peekable();
        std::iter::from_fn(move || {
            let &first = digits.next()?;
            let lo = first.saturating_sub(radius);
            let mut hi = (first + radius).min(last);
            while let Some(&&next) = digits.peek() {
                if next.saturating_sub(radius) > hi + 1 {
                    break;
                }
                hi = (next + radius).min(last);
                digits.next();
            }
            Some((self.spans[lo].0, self.spans[hi].1))
        })
    }
}

/// Every match of `regex` in `text`, as `regex.find_iter(text)` finds
/// them, searching only the windows of `tokens.windows(radius)`.
///
/// Exact for a pattern whose every match holds a digit, is not empty, has
/// at most `radius` digitless tokens before its first token with a digit
/// and after its last one, at most `2 * radius` in a row between two, and
/// uses no end-of-text assertion (`$`, `\z`): then every match lies inside
/// one window, and a window's search (which sees the body before it, and
/// ends before whitespace, where `\b` reads as at the end) finds the same.
pub fn find_iter<'t>(
    regex: &Regex,
    text: &'t str,
    tokens: &Tokens,
    radius: usize,
) -> impl Iterator<Item = Match<'t>> {
    let mut windows = tokens.windows(radius);
    let mut current: Option<(usize, usize)> = None;
    std::iter::from_fn(move || {
        loop {
            let (at, end) = match current {
                Some(window) => window,
                None => windows.next()?,
            };
            match regex.find_at(&text[..end], at) {
                Some(m) => {
                    current = Some((m.end(), end));
                    return Some(m);
                }
                None => current = None,
            }
        }
    })
}

/// Every capture of `regex` in `text`, as `regex.captures_iter(text)`
/// finds them, searching only near digits (see [`find_iter`] for when that
/// is exact).
pub fn captures_iter<'t>(
    regex: &Regex,
    text: &'t str,
    tokens: &Tokens,
    radius: usize,
) -> impl Iterator<Item = Captures<'t>> {
    let mut windows = tokens.windows(radius);
    let mut current: Option<(usize, usize)> = None;
    std::iter::from_fn(move || {
        loop {
            let (at, end) = match current {
                Some(window) => window,
                None => windows.next()?,
            };
            match regex.captures_at(&text[..end], at) {
                Some(caps) => {
                    let m = caps.get(0).expect("group 0 always matches");
                    current = Some((m.end(), end));
                    return Some(caps);
                }
                None => current = None,
            }
        }
    })
}
