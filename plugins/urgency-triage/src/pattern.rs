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

use crate::fasthash::{FastMap, Fnv};
use crate::text::{NUMBER_WORD, Token};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::hash::Hasher as _;
use std::ops::Range;

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
/// sequences, shared by every pattern that uses the same item, so that a
/// scan decides each item at each token once.
#[derive(Debug, Clone)]
struct Alts {
    alts: Vec<Vec<Term>>,
    /// (first word, alternative index), sorted: the alternatives to try
    /// for a token.
    by_first: Vec<(WordId, usize)>,
    /// (key of the prefix, prefix, alternative index) for alternatives
    /// starting with a prefix, sorted.
    by_prefix: Vec<(u32, String, usize)>,
    /// Bit `c - 'a'` set when a prefix starts with the letter `c`.
    prefix_initials: u32,
    /// Bit `id % 256` set for the first word `id` of each alternative: a
    /// token whose bit is clear (and whose initial no prefix has) cannot
    /// start this item.
    first_words: [u64; 4],
}

fn word_bit(id: WordId) -> (usize, u64) {
    let b = id as usize % 256;
    (b / 64, 1 << (b % 64))
}

fn initial_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(b @ b'a'..=b'z') => 1 << (b - b'a'),
        _ => 0,
    }
}

/// One step of a pattern: an item, and how many tokens may be skipped
/// before it.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// Index into the pattern set's items.
    item: usize,
    gap: usize,
}

/// A hash of a word's first [`PREFIX_KEY`] letters: every prefix term a
/// word can start with has the word's key.
fn key_hash(word: &str) -> u32 {
    let mut h = Fnv::default();
    h.write(key(word).as_bytes());
    h.finish() as u32
}

impl Alts {
    fn new(alts: Vec<Vec<Term>>) -> Self {
        let mut by_first = Vec::new();
        let mut by_prefix = Vec::new();
        for (i, alt) in alts.iter().enumerate() {
            match alt.first() {
                Some(Term::Word(w)) => by_first.push((*w, i)),
                Some(Term::Prefix(p)) => by_prefix.push((key_hash(p), p.clone(), i)),
                None => {}
            }
        }
        by_first.sort_unstable();
        // By key, then (within one key, the only one a word looks at) in
        // the prefixes' order.
        by_prefix.sort_unstable();
        let prefix_initials = by_prefix.iter().fold(0, |m, (_, p, _)| m | initial_bit(p));
        let mut first_words = [0u64; 4];
        for (w, _) in &by_first {
            let (i, bit) = word_bit(*w);
            first_words[i] |= bit;
        }
        Self {
            alts,
            by_first,
            by_prefix,
            prefix_initials,
            first_words,
        }
    }

    /// Whether an alternative may start at a token (a prefilter).
    fn may_start(&self, token: &Lookup) -> bool {
        let (i, bit) = word_bit(token.id);
        self.first_words[i] & bit != 0 || self.prefix_initials & token.initial != 0
    }
}

/// What the scan looks up of a token, computed once per message.
#[derive(Debug, Clone, Copy)]
struct Lookup {
    id: WordId,
    /// [`key_hash`] of the word.
    key: u32,
    initial: u32,
    /// The word has at least [`PREFIX_KEY`] letters.
    long_enough: bool,
}

/// A message prepared for [`PatternSet::scan_range`]: its tokens' ids and
/// keys, the words it has, and each item's match at each token, decided
/// once for all the patterns and scans that ask.
pub struct Prepared<'t> {
    tokens: &'t [Token],
    lookups: Vec<Lookup>,
    /// Bit `id` set when the word `id` is in the message.
    present: Vec<u64>,
    /// By token: the items decided there so far.
    memo: RefCell<Vec<Memo>>,
}

/// The items decided at one token, by item id modulo [`MEMO_SLOTS`]:
/// (item + 1, end of its match + 1, or 0); 0 for an empty slot. Kept
/// inline (no allocation); an item whose slot another took is decided
/// again when asked.
#[derive(Debug, Clone, Copy, Default)]
struct Memo {
    slots: [(u32, u32); MEMO_SLOTS],
}

const MEMO_SLOTS: usize = 8;

impl Memo {
    fn get(&self, item: u32) -> Option<Option<usize>> {
        let (id, end) = self.slots[item as usize % MEMO_SLOTS];
        (id == item + 1).then(|| end.checked_sub(1).map(|e| e as usize))
    }

    fn put(&mut self, item: u32, end: Option<usize>) {
        // Item and token counts are far below u32::MAX.
        self.slots[item as usize % MEMO_SLOTS] = (item + 1, end.map_or(0, |e| e as u32 + 1));
    }
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

/// Every pattern the plugin knows, indexed by their first items and those
/// by the first words they can start with. Words are interned, so
/// matching compares integers.
#[derive(Debug)]
pub struct PatternSet {
    concepts: &'static [&'static [Concept]],
    patterns: Vec<Vec<Step>>,
    /// Every distinct item, and where each item text is in it.
    items: Vec<Alts>,
    item_ids: FastMap<String, usize>,
    /// By pattern: lists of words, one of each must be in the message for
    /// it to match (the first words of its later steps), most selective
    /// first; none when no step can tell.
    gates: Gates,
    ids: FastMap<String, WordId>,
    /// By item: the patterns whose first step it is (increasing ids).
    first_of: Vec<Vec<PatternId>>,
    /// By word id: the first items (of some pattern) that can start with
    /// it.
    by_word: Vec<Vec<usize>>,
    by_prefix: FastMap<String, Vec<usize>>,
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

fn push_once(list: &mut Vec<usize>, id: usize) {
    if list.last() != Some(&id) {
        list.push(id);
    }
}

impl PatternSet {
    pub fn new(concepts: &'static [&'static [Concept]]) -> Self {
        Self {
            concepts,
            patterns: Vec::new(),
            items: Vec::new(),
            item_ids: FastMap::default(),
            gates: Gates::default(),
            ids: FastMap::default(),
            first_of: Vec::new(),
            by_word: Vec::new(),
            by_prefix: FastMap::default(),
            vocabulary: BTreeSet::new(),
            prefixes: BTreeSet::new(),
        }
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
        let id = WordId::try_from(self.by_word.len()).unwrap_or(UNKNOWN);
        self.ids.insert(word.to_owned(), id);
        self.by_word.push(Vec::new());
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
                    let alts = Alts::new(self.alternatives(item, 0)?);
                    self.items.push(alts);
                    self.first_of.push(Vec::new());
                    self.item_ids.insert(item.to_owned(), self.items.len() - 1);
                    self.items.len() - 1
                }
            };
            steps.push(Step { item: alts, gap });
            gap = 0;
        }
        let first = steps.first()?.item;
        let id = self.patterns.len();
        if self.first_of[first].is_empty() {
            for alt in &self.items[first].alts {
                match alt.first()? {
                    Term::Word(w) => push_once(&mut self.by_word[*w as usize], first),
                    Term::Prefix(p) => {
                        push_once(self.by_prefix.entry(key(p).to_owned()).or_default(), first)
                    }
                }
            }
        }
        self.first_of[first].push(id);
        self.gates.push(&gate(&steps, &self.items));
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

    /// Prepares `tokens` for [`Self::scan_range`].
    pub fn prepare<'t>(&self, tokens: &'t [Token]) -> Prepared<'t> {
        let lookups: Vec<Lookup> = tokens
            .iter()
            .map(|t| Lookup {
                id: self.ids.get(t.word.as_str()).copied().unwrap_or(UNKNOWN),
                key: key_hash(&t.word),
                initial: initial_bit(&t.word),
                long_enough: t.word.len() >= PREFIX_KEY,
            })
            .collect();
        // The words of the message, as a bit set over word ids.
        let mut present = vec![0u64; self.by_word.len() / 64 + 1];
        for l in &lookups {
            if let Some(bits) = present.get_mut(l.id as usize / 64) {
                *bits |= 1 << (l.id % 64);
            }
        }
        Prepared {
            tokens,
            lookups,
            present,
            memo: RefCell::new(vec![Memo::default(); tokens.len()]),
        }
    }

    /// Every match of the patterns with an id in `range`.
    pub fn scan_range(&self, prepared: &Prepared, range: Range<PatternId>) -> Matches {
        let tokens = prepared.tokens;
        let words = Words {
            tokens,
            lookups: &prepared.lookups,
            items: &self.items,
            memo: &prepared.memo,
        };
        // Each pattern's gate decided once per message (0: not yet, 1:
        // open, 2: closed).
        let present = &prepared.present;
        let has = |w: &WordId| present[*w as usize / 64] & (1 << (w % 64)) != 0;
        let mut gate_state = vec![0u8; range.len()];
        let mut gated_out = |id: PatternId| {
            let state = &mut gate_state[id - range.start];
            if *state == 0 {
                let open = self.gates.of(id).all(|words| words.iter().any(has));
                *state = if open { 1 } else { 2 };
            }
            *state == 2
        };
        let mut spans: Vec<(PatternId, Span)> = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let word = token.word.as_str();
            let exact = self
                .by_word
                .get(prepared.lookups[start].id as usize)
                .map_or(&[][..], Vec::as_slice);
            let prefixed = if word.len() >= PREFIX_KEY {
                self.by_prefix.get(key(word)).map_or(&[][..], Vec::as_slice)
            } else {
                &[]
            };
            // An item may start the word both ways: it is tried once.
            let firsts = exact
                .iter()
                .chain(prefixed.iter().filter(|item| !exact.contains(item)));
            for &item in firsts {
                // Increasing ids: only the part in range.
                let patterns = in_range(&self.first_of[item], &range);
                if patterns.is_empty() {
                    continue;
                }
                // The first item decided once for all its patterns.
                let Some(end) = words.step_at(item, start) else {
                    continue;
                };
                for &id in patterns {
                    if gated_out(id) {
                        continue;
                    }
                    if let Some(span) = words.match_rest(&self.patterns[id][1..], start, end) {
                        spans.push((id, span));
                    }
                }
            }
        }
        // (pattern, start) is unique: a pattern is tried once per token.
        spans.sort_unstable_by_key(|(id, span)| (*id, span.start));
        Matches(spans)
    }
}

/// Every pattern's gates, stored flat (they are read for each candidate
/// pattern of each message).
#[derive(Debug, Default)]
struct Gates {
    /// By pattern: its gates' range in `gates`.
    patterns: Vec<(u32, u32)>,
    /// By gate: its words' range in `words`.
    gates: Vec<(u32, u32)>,
    words: Vec<WordId>,
}

impl Gates {
    fn push(&mut self, gates: &[Vec<WordId>]) {
        let first = self.gates.len() as u32;
        for gate in gates {
            let start = self.words.len() as u32;
            self.words.extend_from_slice(gate);
            self.gates.push((start, self.words.len() as u32));
        }
        self.patterns.push((first, self.gates.len() as u32));
    }

    /// The word lists of pattern `id`'s gates.
    fn of(&self, id: PatternId) -> impl Iterator<Item = &[WordId]> + '_ {
        let (from, to) = self.patterns[id];
        self.gates[from as usize..to as usize]
            .iter()
            .map(|&(start, end)| &self.words[start as usize..end as usize])
    }
}

/// A pattern's gates: for each later step whose alternatives all start
/// with a plain word (a prefix cannot gate), those first words; a message
/// without a word of every gate cannot match, so it is not tried. A
/// prefilter only: matching decides.
fn gate(steps: &[Step], items: &[Alts]) -> Vec<Vec<WordId>> {
    let mut gates: Vec<Vec<WordId>> = Vec::new();
    for step in steps.iter().skip(1).map(|s| &items[s.item]) {
        if !step.by_prefix.is_empty() {
            continue;
        }
        let mut words: Vec<WordId> = step.by_first.iter().map(|(w, _)| *w).collect();
        words.dedup();
        gates.push(words);
    }
    // The most selective first: a closed gate is found sooner.
    gates.sort_by_key(Vec::len);
    gates
}

/// The ids of `list` (increasing) that lie in `range`.
fn in_range<'l>(list: &'l [PatternId], range: &Range<PatternId>) -> &'l [PatternId] {
    // A list wholly inside (a full scan's range) needs no search.
    if list.first().is_none_or(|f| range.contains(f))
        && list.last().is_none_or(|l| range.contains(l))
    {
        return list;
    }
    let from = list.partition_point(|&id| id < range.start);
    let to = list.partition_point(|&id| id < range.end);
    &list[from..to]
}

/// A message's tokens with what the scan looks up of them.
struct Words<'a> {
    tokens: &'a [Token],
    lookups: &'a [Lookup],
    items: &'a [Alts],
    memo: &'a RefCell<Vec<Memo>>,
}

impl Words<'_> {
    /// Where the first alternative of item `item_id` matching at `at` ends
    /// (in `at`'s clause): decided once per item and token.
    fn step_at(&self, item_id: usize, at: usize) -> Option<usize> {
        let item = &self.items[item_id];
        let token = &self.lookups[at];
        if !item.may_start(token) {
            return None;
        }
        // Item ids are far below u32::MAX.
        let id = item_id as u32;
        if let Some(end) = self.memo.borrow()[at].get(id) {
            return end;
        }
        let end = self.alt_at(item, at);
        self.memo.borrow_mut()[at].put(id, end);
        end
    }

    /// The first alternative of `item` matching at `at`: words in
    /// declaration order, then prefixes in order.
    fn alt_at(&self, item: &Alts, at: usize) -> Option<usize> {
        let token = &self.lookups[at];
        let id = token.id;
        let from = item.by_first.partition_point(|(w, _)| *w < id);
        for &(w, i) in &item.by_first[from..] {
            if w != id {
                break;
            }
            if let Some(end) = self.fits(&item.alts[i], at) {
                return Some(end);
            }
        }
        // Prefixes have PREFIX_KEY letters or more: the ones that can start
        // the word have its key.
        if item.prefix_initials & token.initial == 0 || !token.long_enough {
            return None;
        }
        let word = self.tokens[at].word.as_str();
        let from = item.by_prefix.partition_point(|(k, _, _)| *k < token.key);
        for (key, prefix, i) in &item.by_prefix[from..] {
            if *key != token.key {
                break;
            }
            if !word.starts_with(prefix.as_str()) {
                continue;
            }
            if let Some(end) = self.fits(&item.alts[*i], at) {
                return Some(end);
            }
        }
        None
    }

    /// Where `alt`, whose first term matches at `at`, ends if its other
    /// terms follow in the same clause.
    fn fits(&self, alt: &[Term], at: usize) -> Option<usize> {
        let end = at + alt.len();
        let tokens = self.tokens.get(at..end)?;
        let clause = tokens[0].clause;
        for (k, term) in alt.iter().enumerate().skip(1) {
            let t = &tokens[k];
            if t.clause != clause || !term.matches(self.lookups[at + k].id, &t.word) {
                return None;
            }
        }
        Some(end)
    }

    /// The match of a pattern whose first item matched `start..end`, if
    /// its other steps `rest` follow.
    fn match_rest(&self, rest: &[Step], start: usize, mut end: usize) -> Option<Span> {
        let clause = self.tokens[start].clause;
        let mut mask = 0u64;
        let mark = |mask: &mut u64, from: usize, to: usize| {
            for i in from..to {
                if i - start < 64 {
                    *mask |= 1 << (i - start);
                }
            }
        };
        mark(&mut mask, start, end);
        for step in rest {
            let mut found = None;
            for at in end..=end + step.gap {
                if self.tokens.get(at).is_none_or(|t| t.clause != clause) {
                    break;
                }
                if let Some(to) = self.step_at(step.item, at) {
                    found = Some((at, to));
                    break;
                }
            }
            let (at, to) = found?;
            mark(&mut mask, at, to);
            end = to;
        }
        Some(Span { start, end, mask })
    }
}

/// The matches of one scan, by pattern (sorted by pattern, then start).
#[derive(Debug)]
pub struct Matches(Vec<(PatternId, Span)>);

impl Matches {
    /// The matches of one pattern.
    pub fn get(&self, id: PatternId) -> impl Iterator<Item = Span> + '_ {
        let from = self.0.partition_point(|(p, _)| *p < id);
        self.0[from..]
            .iter()
            .take_while(move |(p, _)| *p == id)
            .map(|(_, s)| *s)
    }

    /// The patterns that matched (each once).
    pub fn ids(&self) -> impl Iterator<Item = PatternId> + '_ {
        let mut last = None;
        self.0.iter().filter_map(move |(id, _)| {
            let new = last != Some(*id);
            last = Some(*id);
            new.then_some(*id)
        })
    }

    /// Every match of any of `ids`, in the order of `ids`.
    pub fn of(&self, ids: &[PatternId]) -> Vec<Span> {
        match self.increasing(ids) {
            Some(found) => found.map(|(_, s)| *s).collect(),
            None => ids.iter().flat_map(|&id| self.get(id)).collect(),
        }
    }

    /// Whether any of `ids` matched.
    pub fn any(&self, ids: &[PatternId]) -> bool {
        match self.increasing(ids) {
            Some(mut found) => found.next().is_some(),
            None => ids.iter().any(|&id| self.get(id).next().is_some()),
        }
    }

    /// When `ids` increase (as a list registered together does), the
    /// matches of its patterns in one pass over the matches in its range
    /// rather than a search per id.
    fn increasing<'s>(
        &'s self,
        ids: &'s [PatternId],
    ) -> Option<impl Iterator<Item = &'s (PatternId, Span)> + 's> {
        let (&lo, &hi) = (ids.first()?, ids.last()?);
        if !ids.windows(2).all(|w| w[0] < w[1]) {
            return None;
        }
        let from = self.0.partition_point(|(p, _)| *p < lo);
        let mut k = 0;
        Some(
            self.0[from..]
                .iter()
                .take_while(move |(p, _)| *p <= hi)
                .filter(move |(p, _)| {
                    // `ids` is increasing and ends at `hi` >= p.
                    while ids[k] < *p {
                        k += 1;
                    }
                    ids[k] == *p
                }),
        )
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
