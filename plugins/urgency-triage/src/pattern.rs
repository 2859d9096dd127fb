//! Phrase patterns over tokens, all compiled into one [`PatternSet`] that
//! scans a message once whatever the number of rules.
//!
//! A pattern is items separated by spaces:
//! - `word` matches that word; `stem*` any word starting with `stem` (at
//!   least three letters); `#` any number;
//! - `@name` any member of the concept `name` (see `concepts`); a member
//!   may be several words; a concept named in several tables (English,
//!   Spanish) has the members of all;
//! - `a|b|@c` any of the alternatives; `_` joins the words of a
//!   several-word alternative (`one_eye|both_eyes`);
//! - `..N` lets up to N other tokens stand before the next item.
//!
//! Every token of a match lies in one clause.

mod scan;
mod starts;

use crate::fasthash::FastMap;
use crate::text::NUMBER_WORD;
pub use scan::Prepared;
use scan::Tables;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The shortest prefix a `*` term may have (the index key length).
const PREFIX_KEY: usize = 3;
/// How deep concepts may refer to concepts.
const MAX_CONCEPT_DEPTH: usize = 4;

/// A named list of phrases usable as `@name`: its members are separated
/// by commas ("chest, sternum, breast bone").
pub type Concept = (&'static str, &'static str);

/// An interned word.
pub type WordId = u32;
const UNKNOWN: WordId = WordId::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Word(WordId),
    Prefix(String),
}

impl Term {
    fn matches(&self, id: WordId, word: &str) -> bool {
        match self {
            Term::Word(w) => *w == id,
            Term::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

/// One item of a pattern (`@pain|ache*`): its alternative word
/// sequences, shared by every pattern that uses the same item. At a
/// token, the item matches as its first alternative that does: those
/// starting with the token's word, in order, then those starting with a
/// prefix of it, by prefix.
#[derive(Debug, Clone)]
struct Item {
    alts: Vec<Vec<Term>>,
}

/// One step of a pattern: an item, and how many tokens may be skipped
/// before it.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// Index into the pattern set's items (far fewer than u32::MAX).
    item: u32,
    gap: usize,
}

/// A match: tokens `start..end`, in one clause. Bit `i` of `mask` is set
/// when token `start + i` was matched by an item (not skipped by a gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub mask: u64,
}

impl Span {
    /// The tokens a gap skipped.
    pub fn skipped(&self) -> impl Iterator<Item = usize> + '_ {
        (self.start..self.end)
            .filter(|&i| i - self.start >= 64 || self.mask & (1 << (i - self.start)) == 0)
    }
}

/// Identifies a pattern inside its [`PatternSet`].
pub type PatternId = usize;

/// Every pattern the plugin knows, indexed by their first items, and a
/// table of the items each word starts (see `starts`). Words are
/// interned, so matching compares integers.
#[derive(Debug)]
pub struct PatternSet {
    concepts: &'static [&'static [Concept]],
    patterns: Vec<Vec<Step>>,
    /// Every distinct item, and where each item text is in it.
    items: Vec<Item>,
    item_ids: FastMap<String, usize>,
    ids: FastMap<String, WordId>,
    /// By item: the patterns whose first step it is (increasing ids).
    first_of: Vec<Vec<PatternId>>,
    /// By word id: the word.
    words: Vec<String>,
    /// What a scan reads, built when first needed after the last pattern
    /// is added.
    tables: OnceLock<Tables>,
    vocabulary: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

/// A word's first [`PREFIX_KEY`] letters (all of a shorter one).
pub(crate) fn key(text: &str) -> &str {
    let end = text
        .char_indices()
        .nth(PREFIX_KEY)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

impl PatternSet {
    pub fn new(concepts: &'static [&'static [Concept]]) -> Self {
        Self {
            concepts,
            patterns: Vec::new(),
            items: Vec::new(),
            item_ids: FastMap::default(),
            ids: FastMap::default(),
            first_of: Vec::new(),
            words: Vec::new(),
            tables: OnceLock::new(),
            vocabulary: BTreeSet::new(),
            prefixes: BTreeSet::new(),
        }
    }

    /// The id of `word`, when a pattern uses it.
    pub fn word_id(&self, word: &str) -> Option<WordId> {
        self.ids.get(word).copied()
    }

    /// The interned words, by id.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Every whole word the patterns use: what spelling correction aims at.
    pub fn vocabulary(&self) -> &BTreeSet<String> {
        &self.vocabulary
    }

    /// Every prefix term (`slurr*`): a word it matches is no typo.
    pub fn prefixes(&self) -> &BTreeSet<String> {
        &self.prefixes
    }

    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = WordId::try_from(self.words.len()).unwrap_or(UNKNOWN);
        self.ids.insert(word.to_owned(), id);
        self.words.push(word.to_owned());
        id
    }

    /// Adds a pattern. `None` for an empty or invalid one (unknown concept,
    /// too-short prefix, bad gap).
    pub fn add(&mut self, text: &str) -> Option<PatternId> {
        let mut steps = Vec::new();
        let mut gap = 0;
        for item in text.split_whitespace() {
            if let Some(n) = item.strip_prefix("..") {
                gap = n.parse().ok()?;
                continue;
            }
            let alts = match self.item_ids.get(item) {
                Some(&known) => known,
                None => {
                    let alts = self.alternatives(item, 0)?;
                    self.items.push(Item { alts });
                    self.first_of.push(Vec::new());
                    self.item_ids.insert(item.to_owned(), self.items.len() - 1);
                    self.items.len() - 1
                }
            };
            steps.push(Step {
                item: alts as u32,
                gap,
            });
            gap = 0;
        }
        let first = steps.first()?.item as usize;
        let id = self.patterns.len();
        self.tables.take();
        self.first_of[first].push(id);
        self.patterns.push(steps);
        Some(id)
    }

    /// Adds every pattern of `texts`, skipping invalid ones.
    pub fn add_all(&mut self, texts: &[&str]) -> Vec<PatternId> {
        texts.iter().filter_map(|t| self.add(t)).collect()
    }

    /// The term sequences one item stands for.
    fn alternatives(&mut self, item: &str, depth: usize) -> Option<Vec<Vec<Term>>> {
        let mut out = Vec::new();
        for alt in item.split('|') {
            if let Some(name) = alt.strip_prefix('@') {
                if depth >= MAX_CONCEPT_DEPTH {
                    return None;
                }
                let tables: Vec<&str> = self
                    .concepts
                    .iter()
                    .flat_map(|table| table.iter())
                    .filter(|(n, _)| *n == name)
                    .map(|(_, members)| *members)
                    .collect();
                if tables.is_empty() {
                    return None;
                }
                let members = tables
                    .iter()
                    .flat_map(|m| m.split(','))
                    .map(str::trim)
                    .filter(|m| !m.is_empty());
                for member in members {
                    let mut seqs: Vec<Vec<Term>> = vec![Vec::new()];
                    for word in member.split_whitespace() {
                        let subs = self.alternatives(word, depth + 1)?;
                        seqs = seqs
                            .iter()
                            .flat_map(|s| {
                                subs.iter().map(move |sub| {
                                    let mut s = s.clone();
                                    s.extend(sub.iter().cloned());
                                    s
                                })
                            })
                            .collect();
                    }
                    out.extend(seqs);
                }
            } else {
                let words = alt.split('_').map(|w| self.term(w));
                out.push(words.collect::<Option<Vec<Term>>>()?);
            }
        }
        (!out.is_empty() && out.iter().all(|a| !a.is_empty())).then_some(out)
    }

    fn term(&mut self, text: &str) -> Option<Term> {
        if let Some(prefix) = text.strip_suffix('*') {
            if prefix.chars().count() < PREFIX_KEY {
                return None;
            }
            self.prefixes.insert(prefix.to_owned());
            return Some(Term::Prefix(prefix.to_owned()));
        }
        if text.is_empty() || (text != NUMBER_WORD && text.contains(['*', '.', '@', '#'])) {
            return None;
        }
        if text != NUMBER_WORD {
            self.vocabulary.insert(text.to_owned());
        }
        Some(Term::Word(self.intern(text)))
    }

    /// Every match of every pattern.
    pub fn scan(&self, prepared: &Prepared) -> Matches {
        self.scan_range(prepared, 0..self.patterns.len())
    }

    /// How many patterns there are (the next id).
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// The matches of one scan, by pattern (sorted by pattern, then start).
#[derive(Debug)]
pub struct Matches {
    spans: Vec<(PatternId, Span)>,
    /// Bit `id` set when pattern `id` matched: most patterns a rule or a
    /// cue asks about did not, which this tells without a search.
    matched: Vec<u64>,
}

impl Matches {
    /// The matches of a scan, sorted by pattern then start.
    fn new(spans: Vec<(PatternId, Span)>) -> Self {
        let words = spans.last().map_or(0, |(id, _)| id / 64 + 1);
        let mut matched = vec![0u64; words];
        for (id, _) in &spans {
            matched[id / 64] |= 1 << (id % 64);
        }
        Self { spans, matched }
    }

    /// Whether pattern `id` matched.
    fn has(&self, id: PatternId) -> bool {
        self.matched
            .get(id / 64)
            .is_some_and(|bits| bits & (1 << (id % 64)) != 0)
    }

    /// The matches of one pattern.
    pub fn get(&self, id: PatternId) -> impl Iterator<Item = Span> + '_ {
        let from = if self.has(id) {
            self.spans.partition_point(|(p, _)| *p < id)
        } else {
            self.spans.len()
        };
        self.spans[from..]
            .iter()
            .take_while(move |(p, _)| *p == id)
            .map(|(_, s)| *s)
    }

    /// The patterns that matched (each once).
    pub fn ids(&self) -> impl Iterator<Item = PatternId> + '_ {
        let mut last = None;
        self.spans.iter().filter_map(move |(id, _)| {
            let new = last != Some(*id);
            last = Some(*id);
            new.then_some(*id)
        })
    }

    /// Every match of any of `ids`, in the order of `ids`.
    pub fn of(&self, ids: &[PatternId]) -> Vec<Span> {
        ids.iter()
            .filter(|&&id| self.has(id))
            .flat_map(|&id| self.get(id))
            .collect()
    }

    /// Whether any of `ids` matched.
    pub fn any(&self, ids: &[PatternId]) -> bool {
        ids.iter().any(|&id| self.has(id))
    }

    /// The matches of the patterns with an id in `ids` (patterns added
    /// together), by pattern then start: [`Self::of`] for a run of ids,
    /// found by two searches.
    pub(crate) fn run(&self, ids: &Range<PatternId>) -> &[(PatternId, Span)] {
        let from = self.spans.partition_point(|(p, _)| *p < ids.start);
        let to = from + self.spans[from..].partition_point(|(p, _)| *p < ids.end);
        &self.spans[from..to]
    }

    /// Every match of the patterns with an id in `ids`, by pattern then
    /// start.
    pub fn of_range(&self, ids: &Range<PatternId>) -> Vec<Span> {
        self.run(ids).iter().map(|(_, s)| *s).collect()
    }

    /// Whether any pattern with an id in `ids` matched.
    pub fn any_range(&self, ids: &Range<PatternId>) -> bool {
        !self.run(ids).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;
    const CONCEPTS: &[Concept] = &[
        ("pain", "pain*, hurts, pressure"),
        ("hard", "hard to, cant, @trouble"),
        ("trouble", "trouble, difficulty"),
    ];

    fn spans(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        let mut set = PatternSet::new(&[CONCEPTS]);
        let id = set.add(pattern).expect("valid pattern");
        let text = tokenize(text);
        set.scan(&set.prepare(&text.tokens))
            .of(&[id])
            .iter()
            .map(|s| (s.start, s.end))
            .collect()
    }

    #[test]
    fn words_prefixes_and_numbers() {
        assert_eq!(
            spans("chest pain*", "Severe chest pains. Chest. Pain."),
            vec![(1, 3)]
        );
        assert!(spans("chest pain", "chest pains").is_empty());
        assert_eq!(spans("o2 #", "o2 84%"), vec![(0, 2)]);
    }

    #[test]
    fn concepts_alternatives_and_gaps() {
        assert_eq!(
            spans("chest ..3 @pain", "my chest really really hurts"),
            vec![(1, 5)]
        );
        assert!(spans("chest ..1 @pain", "my chest really really hurts").is_empty());
        assert_eq!(
            spans("@hard ..2 breathe", "it is hard to breathe"),
            vec![(2, 5)]
        );
        assert_eq!(
            spans("@hard breathe|breath", "difficulty breath"),
            vec![(0, 2)]
        );
        assert_eq!(
            spans("see one_eye|both_eyes", "see both eyes"),
            vec![(0, 3)]
        );
        // A gap does not cross a clause.
        assert!(spans("chest ..3 @pain", "chest x-ray fine, pain in knee").is_empty());
    }

    #[test]
    fn gaps_are_reported_as_skipped() {
        let mut set = PatternSet::new(&[CONCEPTS]);
        let id = set.add("chest ..3 @pain").expect("valid");
        let text = tokenize("chest does not hurts");
        let span = set.scan(&set.prepare(&text.tokens)).of(&[id])[0];
        assert_eq!(span.skipped().collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn matches_of_a_list_in_its_order() {
        let mut set = PatternSet::new(&[CONCEPTS]);
        let chest = set.add("chest").expect("valid");
        let pain = set.add("@pain").expect("valid");
        let knee = set.add("knee").expect("valid");
        let text = tokenize("pain in the chest and chest pains");
        let matches = set.scan(&set.prepare(&text.tokens));
        let starts =
            |ids: &[PatternId]| matches.of(ids).iter().map(|s| s.start).collect::<Vec<_>>();
        // Increasing ids (one pass) and any other order (a search per id)
        // give each pattern's matches in the list's order.
        assert_eq!(starts(&[chest, pain, knee]), vec![3, 5, 0, 6]);
        assert_eq!(starts(&[pain, chest]), vec![0, 6, 3, 5]);
        assert_eq!(starts(&[knee]), Vec::<usize>::new());
        assert_eq!(starts(&[]), Vec::<usize>::new());
        assert!(matches.any(&[chest, knee]));
        assert!(!matches.any(&[knee]));
        assert!(!matches.any(&[]));
    }

    #[test]
    fn rejects_invalid_patterns() {
        let mut set = PatternSet::new(&[CONCEPTS]);
        assert!(set.add("@hard x").is_some());
        assert_eq!(set.add(""), None);
        assert_eq!(set.add("ab* x"), None);
        assert_eq!(set.add("@nope"), None);
        assert_eq!(set.add("a ..x b"), None);
        assert!(set.vocabulary().contains("difficulty"));
    }
}
