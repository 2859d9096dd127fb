//! Phrase patterns over tokens: "chest pain*" matches "chest pain" and
//! "chest pains" (a trailing `*` makes a word a prefix of at least three
//! letters). All patterns live in one [`PatternSet`], indexed by their
//! first word, so a message is scanned once whatever the number of rules.

use std::collections::HashMap;

use crate::text::Token;

/// The shortest prefix a `*` term may have (the index key length).
const PREFIX_KEY: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Word(String),
    Prefix(String),
}

impl Term {
    fn matches(&self, word: &str) -> bool {
        match self {
            Term::Word(w) => w == word,
            Term::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

/// A match: tokens `start..end`, all in one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Identifies a pattern inside its [`PatternSet`].
pub type PatternId = usize;

/// Every pattern the plugin knows, indexed by first word.
#[derive(Debug, Default)]
pub struct PatternSet {
    patterns: Vec<Vec<Term>>,
    by_word: HashMap<String, Vec<PatternId>>,
    by_prefix: HashMap<String, Vec<PatternId>>,
}

fn key(text: &str) -> &str {
    let end = text
        .char_indices()
        .nth(PREFIX_KEY)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

impl PatternSet {
    /// Adds a pattern written as lowercase words separated by spaces.
    /// Returns `None` for an empty pattern or a too-short prefix.
    pub fn add(&mut self, text: &str) -> Option<PatternId> {
        let terms: Vec<Term> = text
            .split_whitespace()
            .map(|w| match w.strip_suffix('*') {
                Some(prefix) => Term::Prefix(prefix.to_owned()),
                None => Term::Word(w.to_owned()),
            })
            .collect();
        let id = self.patterns.len();
        match terms.first()? {
            Term::Word(w) => self.by_word.entry(w.clone()).or_default().push(id),
            Term::Prefix(p) if p.chars().count() >= PREFIX_KEY => self
                .by_prefix
                .entry(key(p).to_owned())
                .or_default()
                .push(id),
            Term::Prefix(_) => return None,
        }
        self.patterns.push(terms);
        Some(id)
    }

    /// Adds every pattern of `texts`, skipping invalid ones.
    pub fn add_all(&mut self, texts: &[&str]) -> Vec<PatternId> {
        texts.iter().filter_map(|t| self.add(t)).collect()
    }

    /// Every match of every pattern in `tokens`.
    pub fn scan(&self, tokens: &[Token]) -> Matches {
        let mut spans = vec![Vec::new(); self.patterns.len()];
        for (start, token) in tokens.iter().enumerate() {
            let exact = self.by_word.get(token.word.as_str());
            let prefixed = self.by_prefix.get(key(&token.word));
            for &id in exact.into_iter().chain(prefixed).flatten() {
                if let Some(span) = self.match_at(id, tokens, start) {
                    spans[id].push(span);
                }
            }
        }
        Matches(spans)
    }

    fn match_at(&self, id: PatternId, tokens: &[Token], start: usize) -> Option<Span> {
        let terms = &self.patterns[id];
        let window = tokens.get(start..start + terms.len())?;
        let sentence = window[0].sentence;
        let matched = terms
            .iter()
            .zip(window)
            .all(|(term, t)| t.sentence == sentence && term.matches(&t.word));
        matched.then_some(Span {
            start,
            end: start + terms.len(),
        })
    }
}

/// The matches of one scan, by pattern.
#[derive(Debug)]
pub struct Matches(Vec<Vec<Span>>);

impl Matches {
    /// Every match of any of `ids`.
    pub fn of(&self, ids: &[PatternId]) -> Vec<Span> {
        ids.iter()
            .filter_map(|&id| self.0.get(id))
            .flatten()
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn words_and_prefixes() {
        let mut set = PatternSet::default();
        let prefixed = set.add("chest pain*").expect("valid");
        let exact = set.add("chest pain").expect("valid");
        let tokens = tokenize("Severe chest pains today. Chest. Pain.");
        let found = set.scan(&tokens);
        assert_eq!(found.of(&[prefixed]), vec![Span { start: 1, end: 3 }]);
        assert!(found.of(&[exact]).is_empty());
    }

    #[test]
    fn rejects_empty_and_short_prefix_patterns() {
        let mut set = PatternSet::default();
        assert_eq!(set.add(""), None);
        assert_eq!(set.add("ab* x"), None);
        let id = set.add("seiz*").expect("valid");
        assert_eq!(set.scan(&tokenize("a seizure")).of(&[id]).len(), 1);
    }
}
