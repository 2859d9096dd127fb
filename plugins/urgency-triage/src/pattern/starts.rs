//! What a token can start, decided once per word class when the patterns
//! are compiled: a scan looks up a token's class once instead of asking
//! each item, pattern by pattern, whether it matches there.
//!
//! A word's class is the word itself when a pattern names it (its id),
//! else the longest prefix term it starts with, else none. Every word of
//! a class starts the same alternatives of the same items, in the same
//! order (an item's alternatives starting with the word, then those
//! starting with a prefix of it, by prefix), so for each class the table
//! holds:
//! - the items that surely match at such a token: their first
//!   alternative to start with it is one word long;
//! - the others: the several-word alternatives to try at the token, in
//!   order, and whether a one-word one follows them.

use std::collections::BTreeMap;

use super::{Item, PREFIX_KEY, Term, UNKNOWN, WordId, key};
use crate::fasthash::FastMap;
use crate::text::Token;

/// A word class: a word's id, or an id after the words' for a prefix
/// term, or [`Starts::none`].
pub(super) type ClassId = u32;

/// A range of one of the flat lists of [`Starts`].
#[derive(Debug, Clone, Copy, Default)]
struct Part(u32, u32);

impl Part {
    fn of<T>(self, list: &[T]) -> &[T] {
        &list[self.0 as usize..self.1 as usize]
    }

    /// The part from `start` to the end of `list`.
    fn since<T>(start: usize, list: &[T]) -> Self {
        // The tables are far smaller than u32::MAX.
        Part(start as u32, list.len() as u32)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Class {
    /// The items that match at the token, ending right after it, and are
    /// a later step of some pattern (the ones a look-up asks about;
    /// increasing ids), in `sure`.
    sure: Part,
    /// Bit `item % 64` set for each of them (see [`bloom_bit`]).
    bloom: u64,
    /// The same items as a bit set over item ids, stored sparse: (index
    /// of a 64-bit word, its bits), in `sure_bits`.
    sure_bits: Part,
    /// The items that match at the token, ending right after it, and
    /// start a pattern, in `sure_first`.
    sure_first: Part,
    /// The items to decide at the token, in `multi`.
    multi: Part,
    /// Those of them with a one-word alternative after their longer ones
    /// (which match the token alone when none of these fits), in
    /// `fallbacks`.
    fallbacks: Part,
    /// Bit `id % 256` set for the second word `id` of each of their
    /// alternatives (all bits when one is a prefix): a next token whose
    /// bit is clear fits none of them.
    seconds: [u64; 4],
}

/// An item whose match at a token depends on the next tokens.
#[derive(Debug, Clone, Copy)]
struct Multi {
    item: u32,
    /// Its several-word alternatives to try, in order, in `alts`.
    alts: Part,
    /// Whether a one-word alternative comes after them: the item then
    /// matches the token alone when none of them fits.
    fallback: bool,
}

/// A several-word alternative to try: its index in its item, and the id
/// of its second word ([`ANY`] when that is a prefix term), which the
/// next token must have for it to fit.
#[derive(Debug, Clone, Copy)]
struct Alt {
    index: u32,
    second: WordId,
}

/// The second word of an alternative whose second term is a prefix: any
/// next token may fit it. (Also the id of an unknown word, which fits no
/// word term: the full check says no.)
const ANY: WordId = UNKNOWN;

/// What an item is to the patterns.
#[derive(Debug, Clone, Copy)]
pub(super) struct Role {
    /// It is the first step of a pattern.
    pub(super) first: bool,
    /// It is a later step of a pattern.
    pub(super) later: bool,
}

/// The start table of a pattern set.
#[derive(Debug, Default)]
pub(super) struct Starts {
    classes: Vec<Class>,
    sure: Vec<u32>,
    sure_bits: Vec<(u32, u64)>,
    sure_first: Vec<u32>,
    multi: Vec<Multi>,
    fallbacks: Vec<u32>,
    alts: Vec<Alt>,
    /// By key (see [`key`]): the prefix terms with that key, longest
    /// first, and their classes.
    prefix_classes: FastMap<String, Vec<(String, ClassId)>>,
    /// The class of a word that starts nothing.
    none: ClassId,
}

/// Whether a prefix term can start an item: one whose first letter is
/// not `a`..`z` never did (the scan's prefilter knew only those
/// initials), and it still does not.
fn starts_items(prefix: &str) -> bool {
    prefix
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_lowercase)
}

impl Starts {
    /// The table for `items` over the interned `words` (by id); `role`
    /// tells of an item whether it starts a pattern and whether it is a
    /// later step of one.
    pub(super) fn new(items: &[Item], words: &[String], role: impl Fn(usize) -> Role) -> Self {
        // (item, alternative) by the word or the prefix they start with,
        // in increasing order.
        let mut by_word: Vec<Vec<(u32, u32)>> = vec![Vec::new(); words.len()];
        let mut by_prefix: BTreeMap<&str, Vec<(u32, u32)>> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            for (a, alt) in item.alts.iter().enumerate() {
                // Item and alternative counts are far below u32::MAX.
                let at = (i as u32, a as u32);
                match alt.first() {
                    Some(Term::Word(w)) => by_word[*w as usize].push(at),
                    Some(Term::Prefix(p)) if starts_items(p) => {
                        by_prefix.entry(p.as_str()).or_default().push(at);
                    }
                    _ => {}
                }
            }
        }
        let mut prefix_classes: FastMap<String, Vec<(String, ClassId)>> = FastMap::default();
        for (n, prefix) in by_prefix.keys().enumerate() {
            let class = (words.len() + n) as ClassId;
            let list = prefix_classes.entry(key(prefix).to_owned()).or_default();
            list.push(((*prefix).to_owned(), class));
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        // The alternatives a word starts: those of the word, then those
        // of each prefix it has, shortest (first in order) first.
        let mut starts = Starts::default();
        let prefixed = |word: &str, out: &mut Vec<(u32, u32)>| {
            let Some(list) = prefix_classes.get(key(word)) else {
                return;
            };
            for (prefix, _) in list.iter().rev() {
                if word.starts_with(prefix.as_str()) {
                    out.extend_from_slice(&by_prefix[prefix.as_str()]);
                }
            }
        };
        let mut found = Vec::new();
        for (w, word) in words.iter().enumerate() {
            found.clear();
            found.extend_from_slice(&by_word[w]);
            if word.len() >= PREFIX_KEY {
                prefixed(word, &mut found);
            }
            starts.push_class(&mut found, items, &role);
        }
        for prefix in by_prefix.keys() {
            found.clear();
            prefixed(prefix, &mut found);
            starts.push_class(&mut found, items, &role);
        }
        starts.prefix_classes = prefix_classes;
        starts.none = starts.classes.len() as ClassId;
        starts.classes.push(Class::default());
        starts
    }

    /// Adds the class whose words start `found` (by item, each item's in
    /// the order it tries them).
    fn push_class(
        &mut self,
        found: &mut [(u32, u32)],
        items: &[Item],
        role: impl Fn(usize) -> Role,
    ) {
        // Stable: each item's alternatives keep their order.
        found.sort_by_key(|(item, _)| *item);
        let (sure, sure_first, multi) = (self.sure.len(), self.sure_first.len(), self.multi.len());
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            let item = group[0].0;
            let alts = &items[item as usize].alts;
            let from = self.alts.len();
            let mut fallback = false;
            for &(_, a) in group {
                let second = match alts[a as usize].get(1) {
                    None => {
                        fallback = true;
                        break;
                    }
                    Some(Term::Word(w)) => *w,
                    Some(Term::Prefix(_)) => ANY,
                };
                self.alts.push(Alt { index: a, second });
            }
            if self.alts.len() == from {
                let role = role(item as usize);
                if role.later {
                    self.sure.push(item);
                }
                if role.first {
                    self.sure_first.push(item);
                }
            } else {
                self.multi.push(Multi {
                    item,
                    alts: Part::since(from, &self.alts),
                    fallback,
                });
            }
        }
        self.classes.push(Class {
            sure: Part::since(sure, &self.sure),
            sure_bits: {
                let from = self.sure_bits.len();
                for &item in &self.sure[sure..] {
                    let (word, bit) = (item / 64, 1 << (item % 64));
                    match self.sure_bits[from..].last_mut() {
                        Some((w, bits)) if *w == word => *bits |= bit,
                        _ => self.sure_bits.push((word, bit)),
                    }
                }
                Part::since(from, &self.sure_bits)
            },
            sure_first: Part::since(sure_first, &self.sure_first),
            multi: Part::since(multi, &self.multi),
            fallbacks: {
                let from = self.fallbacks.len();
                let items = self.multi[multi..].iter().filter(|m| m.fallback);
                self.fallbacks.extend(items.map(|m| m.item));
                Part::since(from, &self.fallbacks)
            },
            bloom: self.sure[sure..].iter().fold(0, |b, &i| b | bloom_bit(i)),
            seconds: self.multi[multi..]
                .iter()
                .flat_map(|m| m.alts.of(&self.alts))
                .fold([0; 4], |mut b, a| {
                    match a.second {
                        ANY => b = [!0; 4],
                        w => b[(w as usize / 64) % 4] |= bloom_bit(w),
                    }
                    b
                }),
        });
    }

    /// The class of `word`, whose id is `id`.
    pub(super) fn class_of(&self, word: &str, id: WordId) -> ClassId {
        if id != UNKNOWN {
            return id;
        }
        if word.len() < PREFIX_KEY {
            return self.none;
        }
        self.prefix_classes
            .get(key(word))
            .and_then(|list| list.iter().find(|(p, _)| word.starts_with(p.as_str())))
            .map_or(self.none, |(_, class)| *class)
    }

    /// The items sure to match at a token of `class` that are a later
    /// step of some pattern (increasing ids).
    pub(super) fn sure(&self, class: ClassId) -> &[u32] {
        self.classes[class as usize].sure.of(&self.sure)
    }

    /// [`Self::sure`] as a sparse bit set: (index of a 64-bit word, its
    /// bits).
    pub(super) fn sure_bits(&self, class: ClassId) -> &[(u32, u64)] {
        self.classes[class as usize].sure_bits.of(&self.sure_bits)
    }

    /// The items sure to match at a token of `class` that start a
    /// pattern.
    pub(super) fn sure_first(&self, class: ClassId) -> &[u32] {
        self.classes[class as usize].sure_first.of(&self.sure_first)
    }

    /// Decides the other items at token `at` (of class `class`, followed
    /// by a token with id `next`): pushes (item, end of its match) for
    /// each that matches, in increasing item order. `fits` tells where an
    /// alternative whose first word matched at `at` ends.
    fn decide(
        &self,
        class: ClassId,
        items: &[Item],
        (at, next): (usize, WordId),
        fits: impl Fn(&[Term]) -> Option<usize>,
        out: &mut Vec<(u32, u32)>,
    ) {
        let class = &self.classes[class as usize];
        if class.seconds[(next as usize / 64) % 4] & bloom_bit(next) == 0 {
            // No longer alternative fits: only the fallbacks match.
            for &item in class.fallbacks.of(&self.fallbacks) {
                // Token counts are far below u32::MAX.
                out.push((item, at as u32 + 1));
            }
            return;
        }
        for m in class.multi.of(&self.multi) {
            let end = m
                .alts
                .of(&self.alts)
                .iter()
                .filter(|a| a.second == next || a.second == ANY)
                .find_map(|a| fits(&items[m.item as usize].alts[a.index as usize]))
                .or(m.fallback.then_some(at + 1));
            if let Some(end) = end {
                // Token counts are far below u32::MAX.
                out.push((m.item, end as u32));
            }
        }
    }
}

/// The bit of an item (or a word) in a 64-bit filter of them: one whose
/// bit is clear is not in the filter's set, which most asks are told
/// without a search.
fn bloom_bit(id: u32) -> u64 {
    1 << (id % 64)
}

/// What was decided at one token.
#[derive(Debug, Clone, Copy)]
struct At {
    class: ClassId,
    /// Where its hits end in [`Decided::hits`].
    hits_end: u32,
    /// Bit `item % 64` set for each item matching there.
    bloom: u64,
}

/// A message's tokens with their classes and the items decided at each.
pub(super) struct Decided {
    tokens: Vec<At>,
    /// By token: (item, end) of the items of `Starts::decide` that matched.
    hits: Vec<(u32, u32)>,
}

impl Decided {
    pub(super) fn new(
        starts: &Starts,
        items: &[Item],
        tokens: &[Token],
        ids: &[WordId],
        fits: impl Fn(&[Term], usize) -> Option<usize>,
    ) -> Self {
        let mut decided = Vec::with_capacity(tokens.len());
        let mut hits = Vec::with_capacity(tokens.len() / 4 + 4);
        for (at, (token, &id)) in tokens.iter().zip(ids).enumerate() {
            let class = starts.class_of(&token.word, id);
            let next = ids.get(at + 1).copied().unwrap_or(UNKNOWN);
            let from = hits.len();
            starts.decide(class, items, (at, next), |alt| fits(alt, at), &mut hits);
            let bloom = hits[from..]
                .iter()
                .fold(starts.classes[class as usize].bloom, |b, &(i, _)| {
                    b | bloom_bit(i)
                });
            decided.push(At {
                class,
                hits_end: hits.len() as u32,
                bloom,
            });
        }
        Self {
            tokens: decided,
            hits,
        }
    }

    /// The class of token `at`.
    pub(super) fn class(&self, at: usize) -> ClassId {
        self.tokens[at].class
    }

    /// The decided items that matched at token `at`: (item, end).
    pub(super) fn hits(&self, at: usize) -> &[(u32, u32)] {
        let from = at
            .checked_sub(1)
            .map_or(0, |p| self.tokens[p].hits_end as usize);
        &self.hits[from..self.tokens[at].hits_end as usize]
    }

    /// Where item `item` matching at token `at` ends, if it does.
    #[inline]
    pub(super) fn end(&self, starts: &Starts, item: u32, at: usize) -> Option<usize> {
        let token = &self.tokens[at];
        if token.bloom & bloom_bit(item) == 0 {
            return None;
        }
        if starts.sure(token.class).binary_search(&item).is_ok() {
            return Some(at + 1);
        }
        self.hits(at)
            .iter()
            .find(|(i, _)| *i == item)
            .map(|(_, end)| *end as usize)
    }
}
