//! Which word classes a single word belongs to, for the model's features:
//! a lookup per token instead of a scan of every class's phrases. Only
//! one-word members count ("blood", "sangre", "pill*"); several-word
//! members are left to the rules and the n-grams.

use crate::concepts::CONCEPTS;
use crate::fasthash::FastMap;
use crate::pattern::{WordId, key};

/// Classes referred to inside classes are followed this deep.
const MAX_DEPTH: usize = 3;

#[derive(Debug, Default)]
pub struct ConceptIndex {
    /// By the id of a pattern word (see [`Self::know_words`]): its
    /// classes, as a range of `known_classes`; a token the patterns know
    /// needs no look-up.
    known: Vec<(u32, u32)>,
    known_classes: Vec<&'static str>,
    words: FastMap<String, Vec<&'static str>>,
    /// By the prefix's [`key`] (its first three letters): (prefix, class),
    /// sorted.
    prefixes: FastMap<String, Vec<(String, &'static str)>>,
}

impl ConceptIndex {
    pub fn new() -> Self {
        let mut index = Self::default();
        let names: Vec<&'static str> = CONCEPTS
            .iter()
            .flat_map(|t| t.iter().map(|(n, _)| *n))
            .collect();
        for name in names {
            index.add(name, name, 0);
        }
        for list in index.words.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        for list in index.prefixes.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        index
    }

    /// Adds the one-word members of class `of` under the class `name`.
    fn add(&mut self, name: &'static str, of: &str, depth: usize) {
        let members = CONCEPTS
            .iter()
            .flat_map(|t| t.iter())
            .filter(|(n, _)| *n == of)
            .flat_map(|(_, m)| m.split(','))
            .map(str::trim);
        for member in members {
            if member.contains(' ') || member.is_empty() {
                continue;
            }
            if let Some(inner) = member.strip_prefix('@') {
                if depth < MAX_DEPTH {
                    self.add(name, inner, depth + 1);
                }
            } else if let Some(prefix) = member.strip_suffix('*') {
                self.prefixes
                    .entry(key(prefix).to_owned())
                    .or_default()
                    .push((prefix.to_owned(), name));
            } else if member != "#" {
                self.words.entry(member.to_owned()).or_default().push(name);
            }
        }
    }

    /// Keeps the classes of `words` (the patterns' words, by id) for
    /// [`Self::known_classes`].
    pub fn know_words(&mut self, words: &[String]) {
        let mut known_classes = Vec::new();
        self.known = words
            .iter()
            .map(|word| {
                let from = known_classes.len();
                known_classes.extend(self.classes(word));
                // Far fewer classes than u32::MAX.
                (from as u32, known_classes.len() as u32)
            })
            .collect();
        self.known_classes = known_classes;
    }

    /// [`Self::classes`] of the pattern word with id `id`, when
    /// [`Self::know_words`] was told of it.
    pub fn known_classes(&self, id: WordId) -> Option<&[&'static str]> {
        let &(from, to) = self.known.get(id as usize)?;
        Some(&self.known_classes[from as usize..to as usize])
    }

    /// The classes `word` belongs to.
    pub fn classes<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let exact = self.words.get(word).into_iter().flatten().copied();
        // A prefix the word starts with has the word's key (or is the
        // whole, shorter, word).
        let prefixed = self
            .prefixes
            .get(key(word))
            .into_iter()
            .flatten()
            .filter(move |(p, _)| word.starts_with(p.as_str()))
            .map(|(_, name)| *name);
        exact.chain(prefixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_prefixes_and_both_languages() {
        let index = ConceptIndex::new();
        assert!(index.classes("blood").any(|c| c == "bleed"));
        assert!(index.classes("sangre").any(|c| c == "bleed"));
        assert!(index.classes("pills").any(|c| c == "substance"));
        assert!(index.classes("grandson").any(|c| c == "child"));
        assert_eq!(index.classes("tuesday").count(), 0);
    }
}
