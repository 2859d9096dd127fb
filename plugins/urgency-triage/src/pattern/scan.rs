//! Scanning a message: the items matching at each token are decided once
//! (see `starts`), then each pattern whose first item matched at a token
//! looks for its later steps after it.

use std::ops::Range;

use super::starts::{Decided, Role, Starts};
use super::{Matches, PatternId, PatternSet, Span, Step, Term, UNKNOWN, WordId};
use crate::text::Token;

/// A message prepared for [`PatternSet::scan_range`]: which items match
/// at each token, decided once for all the patterns and scans that ask,
/// and which items match somewhere.
pub struct Prepared<'t> {
    tokens: &'t [Token],
    /// By token: its word's id, or [`UNKNOWN`].
    ids: Vec<WordId>,
    decided: Decided,
    /// Bit `item` set when the item matches at some token: a pattern
    /// with a later step whose item is nowhere cannot match.
    seen: Vec<u64>,
}

impl Prepared<'_> {
    /// The id of token `at`'s word, when a pattern uses it.
    pub fn word_id(&self, at: usize) -> Option<WordId> {
        self.ids.get(at).copied().filter(|&id| id != UNKNOWN)
    }
}

/// What a scan reads, stored flat: built once from the pattern set.
#[derive(Debug)]
pub(super) struct Tables {
    starts: Starts,
    /// By item: the patterns whose first step it is, in groups by gate, as
    /// a range of `groups`.
    firsts: Vec<(u32, u32)>,
    groups: Vec<Group>,
    /// The groups' patterns (increasing ids in each).
    grouped: Vec<PatternId>,
    /// By pattern: its steps after the first, as a range of `rest`.
    rest_of: Vec<(u32, u32)>,
    rest: Vec<Step>,
}

/// Patterns to try where their first item matched, that share a gate:
/// the item of their most selective later step ([`NO_GATE`] when they
/// have none). Where that item is nowhere in the message, none of them
/// can match, which one bit tells before reading their steps.
#[derive(Debug, Clone, Copy)]
struct Group {
    gate: u32,
    /// A range of [`Tables::grouped`].
    patterns: (u32, u32),
}

const NO_GATE: u32 = u32::MAX;

/// A range of a flat list, from its start to its current end (the tables
/// are far smaller than u32::MAX).
fn since<T>(start: usize, list: &[T]) -> (u32, u32) {
    (start as u32, list.len() as u32)
}

impl Tables {
    fn new(set: &PatternSet) -> Self {
        let first_of = &set.first_of;
        let mut later = vec![false; set.items.len()];
        for step in set.patterns.iter().flat_map(|steps| &steps[1..]) {
            later[step.item as usize] = true;
        }
        let starts = Starts::new(&set.items, &set.words, |item| Role {
            first: !first_of[item].is_empty(),
            later: later[item],
        });
        // The step with the fewest alternatives.
        let gate = |id: PatternId| {
            let steps = set.patterns[id][1..].iter();
            steps
                .min_by_key(|s| set.items[s.item as usize].alts.len())
                .map_or(NO_GATE, |s| s.item)
        };
        let (mut groups, mut grouped) = (Vec::new(), Vec::new());
        let mut by_gate: Vec<(u32, PatternId)> = Vec::new();
        let firsts = first_of
            .iter()
            .map(|list| {
                by_gate.clear();
                by_gate.extend(list.iter().map(|&id| (gate(id), id)));
                by_gate.sort_unstable();
                let start = groups.len();
                for group in by_gate.chunk_by(|a, b| a.0 == b.0) {
                    let from = grouped.len();
                    grouped.extend(group.iter().map(|(_, id)| *id));
                    groups.push(Group {
                        gate: group[0].0,
                        patterns: since(from, &grouped),
                    });
                }
                since(start, &groups)
            })
            .collect();
        let mut rest = Vec::new();
        let rest_of = set
            .patterns
            .iter()
            .map(|steps| {
                let start = rest.len();
                rest.extend_from_slice(&steps[1..]);
                since(start, &rest)
            })
            .collect();
        Self {
            starts,
            firsts,
            groups,
            grouped,
            rest_of,
            rest,
        }
    }

    /// The patterns whose first step is `item`, by gate.
    fn first_of(&self, item: u32) -> &[Group] {
        let (from, to) = self.firsts[item as usize];
        &self.groups[from as usize..to as usize]
    }

    /// The patterns of a group.
    fn patterns(&self, group: &Group) -> &[PatternId] {
        let (from, to) = group.patterns;
        &self.grouped[from as usize..to as usize]
    }

    /// The steps of pattern `id` after the first.
    fn rest_of(&self, id: PatternId) -> &[Step] {
        let (from, to) = self.rest_of[id];
        &self.rest[from as usize..to as usize]
    }
}

impl PatternSet {
    /// The scan's tables, built on first use.
    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| Tables::new(self))
    }

    /// Prepares `tokens` for [`Self::scan_range`].
    pub fn prepare<'t>(&self, tokens: &'t [Token]) -> Prepared<'t> {
        self.prepare_with(tokens, |_| None)
    }

    /// [`Self::prepare`], told by `known` what is known already of token
    /// `i`'s word: `Some(Some(id))` its id, `Some(None)` that no pattern
    /// uses it, `None` nothing (it is looked up).
    pub fn prepare_with<'t>(
        &self,
        tokens: &'t [Token],
        known: impl Fn(usize) -> Option<Option<WordId>>,
    ) -> Prepared<'t> {
        let tables = self.tables();
        let ids: Vec<WordId> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                known(i)
                    .unwrap_or_else(|| self.word_id(&t.word))
                    .unwrap_or(UNKNOWN)
            })
            .collect();
        let decided = Decided::new(&tables.starts, &self.items, tokens, &ids, |alt, at| {
            fits(tokens, &ids, alt, at)
        });
        let mut seen = vec![0u64; self.items.len() / 64 + 1];
        for at in 0..tokens.len() {
            for &(word, bits) in tables.starts.sure_bits(decided.class(at)) {
                seen[word as usize] |= bits;
            }
            for &(item, _) in decided.hits(at) {
                seen[item as usize / 64] |= 1 << (item % 64);
            }
        }
        Prepared {
            tokens,
            ids,
            decided,
            seen,
        }
    }

    /// Every match of the patterns with an id in `range`.
    pub fn scan_range(&self, prepared: &Prepared, range: Range<PatternId>) -> Matches {
        let tables = self.tables();
        let starts = &tables.starts;
        let decided = &prepared.decided;
        let words = Words {
            tokens: prepared.tokens,
            starts,
            decided,
        };
        let seen = |item: u32| prepared.seen[item as usize / 64] & (1 << (item % 64)) != 0;
        // (About one match a token: sized so that it seldom grows.)
        let mut spans: Vec<(PatternId, Span)> = Vec::with_capacity(prepared.tokens.len() * 2);
        for start in 0..prepared.tokens.len() {
            // The items matching at the token that start a pattern, with
            // where they end.
            let sure = starts
                .sure_first(decided.class(start))
                .iter()
                .map(|&item| (item, start + 1));
            let hits = decided.hits(start).iter();
            let firsts = sure.chain(hits.map(|&(item, end)| (item, end as usize)));
            for (item, end) in firsts {
                for group in tables.first_of(item) {
                    if group.gate != NO_GATE && !seen(group.gate) {
                        continue;
                    }
                    for &id in in_range(tables.patterns(group), &range) {
                        let rest = tables.rest_of(id);
                        if !rest.iter().all(|step| seen(step.item)) {
                            continue;
                        }
                        if let Some(span) = words.match_rest(rest, start, end) {
                            spans.push((id, span));
                        }
                    }
                }
            }
        }
        // (pattern, start) is unique: a pattern is tried once per token.
        // (One integer key: ids and starts are far below u32::MAX.)
        spans.sort_unstable_by_key(|(id, span)| ((*id as u64) << 32) | span.start as u64);
        Matches::new(spans)
    }
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

/// Where `alt`, whose first term matches at `at`, ends if its other
/// terms follow in the same clause (`ids`: the tokens' word ids).
fn fits(tokens: &[Token], ids: &[WordId], alt: &[Term], at: usize) -> Option<usize> {
    let end = at + alt.len();
    let tokens = tokens.get(at..end)?;
    let clause = tokens[0].clause;
    for (k, term) in alt.iter().enumerate().skip(1) {
        let t = &tokens[k];
        if t.clause != clause || !term.matches(ids[at + k], &t.word) {
            return None;
        }
    }
    Some(end)
}

/// A message's tokens with the items decided at each.
struct Words<'a> {
    tokens: &'a [Token],
    starts: &'a Starts,
    decided: &'a Decided,
}

impl Words<'_> {
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
                if let Some(to) = self.decided.end(self.starts, step.item, at) {
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
