//! The features of the name model (`model.rs`): what the rules know about
//! a word and its neighbours, hashed into `1 << BITS` buckets. The trainer
//! (`cargo xtask train phi`) calls the same code through
//! `Redactor::name_candidates`, so training and the plugin cannot drift;
//! `VERSION` goes into the model file and a model trained on other features
//! is refused.
//!
//! For word `i`: when it is in no list, its prefixes, suffixes and
//! character trigrams and whether it is a typo of a word; its case in the message's case mode; its class and the census
//! and dictionary facts about it; the vocabulary flags (title, relation,
//! greeting, verb...) and words of its neighbours, two on each side; the
//! punctuation around it; whether a neighbour is a name the rules found;
//! its position in the message.

use super::tokens::Gap;
use super::{Class, Sentence};
use crate::casing::{Case, CaseMode};

/// Bits of the feature hash (the model has `1 << BITS` weights).
pub const BITS: u32 = 16;

/// Names the feature set. Change it whenever a feature changes.
pub const VERSION: &str = "phi-names-6";

/// The fingerprint of the feature set, stored in the model file.
pub fn fingerprint() -> u32 {
    let mut h = Fnv::new(b"version");
    h.add(VERSION.as_bytes());
    h.add(&BITS.to_le_bytes());
    h.0
}

/// FNV-1a, 32 bits: a feature is a tag and its values.
struct Fnv(u32);

impl Fnv {
    fn new(tag: &[u8]) -> Self {
        let mut h = Self(0x811c_9dc5);
        h.add(tag);
        h
    }

    fn add(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 = (self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0193);
        self
    }

    fn bucket(&self) -> u32 {
        // Fold the high bits in: the low bits of FNV mix poorly.
        (self.0 ^ (self.0 >> BITS)) & ((1 << BITS) - 1)
    }
}

fn push(out: &mut Vec<u32>, tag: &[u8], values: &[&[u8]]) {
    let mut h = Fnv::new(tag);
    for v in values {
        h.add(v);
    }
    out.push(h.bucket());
}

fn class_code(class: Class) -> &'static [u8] {
    match class {
        Class::Never => b"never",
        Class::Ordinary => b"ordinary",
        Class::Initial => b"initial",
        Class::Ambiguous => b"ambiguous",
        Class::Unknown => b"unknown",
        Class::CapUnknown => b"capunknown",
        Class::Strong => b"strong",
    }
}

fn case_code(case: Case) -> &'static [u8] {
    match case {
        Case::Title => b"title",
        Case::Upper => b"upper",
        Case::Lower => b"lower",
        Case::Other => b"other",
    }
}

fn mode_code(mode: CaseMode) -> &'static [u8] {
    match mode {
        CaseMode::Mixed => b"mixed",
        CaseMode::Upper => b"upper",
        CaseMode::Lower => b"lower",
    }
}

fn gap_code(gap: Gap) -> &'static [u8] {
    match gap {
        Gap::Start => b"start",
        Gap::Space => b"space",
        Gap::Comma => b"comma",
        Gap::Break => b"break",
    }
}

/// The first character that is not a space, as a class.
fn punctuation_code(c: Option<char>) -> &'static [u8] {
    match c {
        None => b"end",
        Some(',') => b",",
        Some('.') => b".",
        Some('!') => b"!",
        Some('?') => b"?",
        Some(':') => b":",
        Some(';') => b";",
        Some('(' | ')' | '[' | ']') => b"()",
        Some('-' | '\u{2013}' | '\u{2014}') => b"-",
        Some('\'' | '"' | '\u{2019}') => b"'",
        Some(c) if c.is_ascii_digit() => b"digit",
        Some(c) if c.is_alphabetic() => b"letter",
        Some(_) => b"other",
    }
}

/// The vocabulary flags of a word, as codes.
fn flag_codes(s: &Sentence<'_>, i: usize) -> impl Iterator<Item = &'static [u8]> {
    let f = s.flags[i];
    [
        (f.title(), &b"title"[..]),
        (f.relation(), b"relation"),
        (f.greeting(), b"greeting"),
        (f.after_name(), b"aftername"),
        (f.weak_cue(), b"weakcue"),
        (f.month_or_modal(), b"month"),
        (f.state(), b"state"),
        (f.function_word(), b"function"),
        (f.verb_before(), b"verbbefore"),
        (f.verb_after(), b"verbafter"),
        (f.never(), b"never"),
    ]
    .into_iter()
    .filter_map(|(on, code)| on.then_some(code))
}

fn length_code(letters: usize) -> &'static [u8] {
    match letters {
        0..=2 => b"2",
        3 => b"3",
        4..=5 => b"5",
        6..=8 => b"8",
        _ => b"9+",
    }
}

/// Words worth a feature of their own as a neighbour: every word, folded
/// (at most 24 bytes).
fn word_bytes<'a>(s: &'a Sentence<'_>, i: usize) -> &'a [u8] {
    let w = s.folded(i).as_bytes();
    &w[..w.len().min(24)]
}

/// Whether a word in no list is one letter too many, or two letters
/// swapped, away from a listed word ("coome", "computre"): `word` when the
/// listed word is a dictionary word, `name` when only a census name.
fn typo_of(word: &str) -> Option<&'static [u8]> {
    if !word.is_ascii() || !(4..=20).contains(&word.len()) {
        return None;
    }
    let lexicon = crate::lexicon::lexicon();
    let bytes = word.as_bytes();
    let mut buf = [0u8; 20];
    let mut found: Option<&'static [u8]> = None;
    let mut check = |variant: &[u8]| {
        let entry = lexicon.get_bytes(variant);
        if entry.is_known_word() {
            found = Some(b"word");
        } else if entry.is_name() && found.is_none() {
            found = Some(b"name");
        }
    };
    for skip in 0..bytes.len() {
        let mut len = 0;
        for (k, &b) in bytes.iter().enumerate() {
            if k != skip {
                buf[len] = b;
                len += 1;
            }
        }
        check(&buf[..len]);
    }
    for k in 0..bytes.len() - 1 {
        buf[..bytes.len()].copy_from_slice(bytes);
        buf.swap(k, k + 1);
        check(&buf[..bytes.len()]);
    }
    found
}

/// Whether token `i` may be a name the rules missed: a word that may be a
/// name (not an initial, not a word of the vocabulary), except what the
/// rules leave on purpose: a month ("June 3") and a word that is also an
/// ordinary word starting a sentence or after a determiner ("Hope is all
/// we have", "the bill says").
pub(super) fn candidate(s: &Sentence<'_>, i: usize) -> bool {
    let ordinary =
        s.classes[i] == Class::Ambiguous && (s.tokens[i].sentence_start || s.determined(i));
    let greeting = i > 0 && super::vocabulary::time_of_day_greeting(s.folded(i - 1), s.folded(i));
    s.classes[i].name_like() && !ordinary && !greeting && !s.flags[i].month_or_modal()
}

/// The features of token `i` into `out` (cleared first). `rule_names[k]`
/// says whether token `k` lies in a name the rules found.
pub(super) fn features(s: &Sentence<'_>, i: usize, rule_names: &[bool], out: &mut Vec<u32>) {
    out.clear();
    let token = &s.tokens[i];
    let class = class_code(s.classes[i]);
    let case = case_code(token.case);
    let mode = mode_code(s.mode);
    let start: &[u8] = if token.sentence_start { b"s" } else { b"-" };
    push(out, b"bias", &[]);
    // The word itself only for words in no list (a rare name, a typo, a
    // foreign word): a listed word is known by its lists and its context,
    // so the model cannot learn the corpus's own names by heart.
    let listed = s.entries[i].is_name() || s.entries[i].is_known_word();
    if !listed {
        let chars: Vec<char> = s.folded(i).chars().take(24).collect();
        let mut buf = [0u8; 16];
        let mut affix = |tag: &[u8], part: &[char], out: &mut Vec<u32>| {
            let mut len = 0;
            for c in part {
                let encoded = c.encode_utf8(&mut buf[len..]);
                len += encoded.len();
            }
            push(out, tag, &[&buf[..len]]);
        };
        for n in 2..=4 {
            if chars.len() > n {
                affix(b"pre", &chars[..n], out);
                affix(b"suf", &chars[chars.len() - n..], out);
            }
        }
        let padded: Vec<char> = std::iter::once('^')
            .chain(chars.iter().copied())
            .chain(std::iter::once('$'))
            .collect();
        for tri in padded.windows(3) {
            affix(b"tri", tri, out);
        }
        if let Some(kind) = typo_of(s.folded(i)) {
            push(out, b"typo-of", &[kind, case, mode]);
        }
    }
    // Shape and class.
    push(out, b"class", &[class, mode]);
    push(out, b"case", &[case, mode, start]);
    push(out, b"class-case", &[class, case, mode, start]);
    push(out, b"len", &[length_code(token.letters)]);
    let entry = s.entries[i];
    let lexicon: [(bool, &[u8]); 4] = [
        (entry.is_first_name(), b"first"),
        (entry.is_surname(), b"surname"),
        (entry.is_ordinary(), b"ordinary"),
        (entry.is_known_word(), b"known"),
    ];
    for (on, code) in lexicon {
        if on {
            push(out, b"lex", &[code, class]);
        }
    }
    let rank: &[u8] = match entry.surname_rank() {
        None => b"none",
        Some(0..=1_000) => b"1k",
        Some(1_001..=5_000) => b"5k",
        Some(5_001..=20_000) => b"20k",
        Some(_) => b"rare",
    };
    push(out, b"rank", &[rank]);
    for code in flag_codes(s, i) {
        push(out, b"flag", &[code]);
    }
    if token.possessive {
        push(out, b"possessive", &[]);
    }
    if token.after_dash {
        push(out, b"dash", &[start]);
    }
    // Punctuation and gaps around it.
    let before = s.text_before(i).trim_end_matches(' ').chars().next_back();
    let after = s.text_after(i).trim_start_matches(' ').chars().next();
    push(out, b"pb", &[punctuation_code(before)]);
    push(out, b"pa", &[punctuation_code(after)]);
    push(out, b"gap", &[gap_code(token.gap)]);
    let next_gap = s.tokens.get(i + 1).map_or(&b"end"[..], |t| gap_code(t.gap));
    push(out, b"gap-next", &[next_gap]);
    // Neighbours: words, flags, classes, names the rules found.
    let n = s.tokens.len();
    for (tag, k) in [(&b"p1"[..], i.checked_sub(1)), (b"p2", i.checked_sub(2))] {
        match k {
            Some(k) => push(out, tag, &[word_bytes(s, k)]),
            None => push(out, tag, &[b"<s>"]),
        }
    }
    for (tag, k) in [(&b"n1"[..], i + 1), (b"n2", i + 2)] {
        if k < n {
            push(out, tag, &[word_bytes(s, k)]);
        } else {
            push(out, tag, &[b"</s>"]);
        }
    }
    if let Some(p) = i.checked_sub(1) {
        for code in flag_codes(s, p) {
            push(out, b"p1flag", &[code]);
            push(out, b"p1flag-class", &[code, class]);
        }
        push(out, b"p1class", &[class_code(s.classes[p]), class]);
        if rule_names[p] && matches!(token.gap, Gap::Space | Gap::Comma) {
            push(out, b"p1name", &[gap_code(token.gap)]);
        }
    }
    if i + 1 < n {
        for code in flag_codes(s, i + 1) {
            push(out, b"n1flag", &[code]);
            push(out, b"n1flag-class", &[code, class]);
        }
        push(out, b"n1class", &[class_code(s.classes[i + 1]), class]);
        let next = &s.tokens[i + 1];
        if rule_names[i + 1] && matches!(next.gap, Gap::Space | Gap::Comma) {
            push(out, b"n1name", &[gap_code(next.gap)]);
        }
    }
    // "jamal + faith", "Rosa y Dolores": joined to a name the rules found.
    let joined = |a: usize, b: usize| {
        let between = s
            .text
            .get(s.tokens[a].end..s.tokens[b].start)
            .unwrap_or_default()
            .trim();
        matches!(between, "+" | "&" | "/" | ",")
    };
    let conjunction = |k: usize| matches!(s.folded(k), "and" | "y" | "or" | "e" | "n");
    let coordinated = (i >= 1 && rule_names[i - 1] && joined(i - 1, i))
        || (i + 1 < n && rule_names[i + 1] && joined(i, i + 1))
        || (i >= 2 && rule_names[i - 2] && conjunction(i - 1))
        || (i + 2 < n && rule_names[i + 2] && conjunction(i + 1));
    if coordinated {
        push(out, b"coordinated", &[class]);
    }
    // "faith at 897-645-...", "Reza 555-0143": digits right after.
    let digits = |t: &str| t.bytes().any(|b| b.is_ascii_digit());
    if digits(s.text_after(i)) {
        push(out, b"digits-after", &[class]);
    } else if i + 1 < n && digits(s.text_after(i + 1)) {
        push(out, b"digits-after-next", &[word_bytes(s, i + 1)]);
    }
    // A cue a little further back ("my son, the tall one, Jun").
    let cue_near = (i.saturating_sub(3)..i).any(|k| {
        let f = s.flags[k];
        f.title() || f.relation() || f.greeting()
    });
    if cue_near {
        push(out, b"cue3", &[class]);
    }
    // Position in the message.
    let position: &[u8] = match (i, n - i) {
        (0, 1) => b"only",
        (0, _) => b"first",
        (_, 1) => b"last",
        _ => b"inside",
    };
    push(out, b"position", &[position, class]);
    if n <= 4 {
        push(out, b"short", &[class]);
    }
}
