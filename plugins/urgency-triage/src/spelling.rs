//! Texting-style normalisation and spelling correction of tokens, so the
//! rules can be written once in plain spelling: "pls", "u" and "cnt" are
//! expanded, "sooo" is squeezed, and a misspelt word one edit away from a
//! word the rules use ("brething", "siezure", "chets") is corrected to it.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::fasthash::{FastMap, FastSet};

use crate::text::{NUMBER_WORD, Token};

/// Texting abbreviations and spellings, replaced by their words.
const TEXTING: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("r", "are"),
    ("ya", "you"),
    ("pls", "please"),
    ("plz", "please"),
    ("plse", "please"),
    ("b4", "before"),
    ("bc", "because"),
    ("cuz", "because"),
    ("coz", "because"),
    ("abt", "about"),
    ("rn", "right now"),
    ("atm", "at the moment"),
    ("idk", "i dont know"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("cannot", "cant"),
    ("cnt", "cant"),
    ("cnat", "cant"),
    ("cud", "could"),
    ("shud", "should"),
    ("wud", "would"),
    ("ppl", "people"),
    ("sum1", "someone"),
    ("some1", "someone"),
    ("any1", "anyone"),
    ("no1", "no one"),
    ("nobody", "no one"),
    ("hubby", "husband"),
    ("mum", "mom"),
    ("mommy", "mom"),
    ("mama", "mom"),
    ("daddy", "dad"),
    ("2day", "today"),
    ("wat", "what"),
    ("wut", "what"),
    ("tonite", "tonight"),
    ("thru", "through"),
    // A miner's word, and the commonest misspelling of "stopped".
    ("stoped", "stopped"),
    ("tho", "though"),
    ("w", "with"),
    ("alot", "a lot"),
    ("lotta", "lot of"),
    ("bunchof", "bunch of"),
    ("kinda", "kind of"),
    ("hrt", "heart"),
    ("epi", "epipen"),
    ("epinephrine", "epipen"),
    ("naloxone", "narcan"),
    ("nitroglycerin", "nitro"),
    ("nitroglycerine", "nitro"),
    ("ntg", "nitro"),
    ("haemorrhage", "hemorrhage"),
    ("haemoglobin", "hemoglobin"),
    ("anaemia", "anemia"),
    ("oxygen", "o2"),
    ("spo2", "o2"),
    ("sp02", "o2"),
    ("02", "o2"),
    // Spanish texting (accents already folded).
    ("q", "que"),
    ("ke", "que"),
    ("xq", "porque"),
    ("pq", "porque"),
    ("porq", "porque"),
    ("xk", "porque"),
    ("tmb", "tambien"),
    ("tmbn", "tambien"),
    ("tb", "tambien"),
    ("tbn", "tambien"),
    ("xfa", "por favor"),
    ("xfavor", "por favor"),
    ("porfa", "por favor"),
    ("porfis", "por favor"),
    ("nececito", "necesito"),
    ("nesesito", "necesito"),
    ("nesecito", "necesito"),
    ("toy", "estoy"),
    ("ta", "esta"),
    ("tamos", "estamos"),
    ("pa", "para"),
    ("pal", "para el"),
    ("aki", "aqui"),
    ("kiero", "quiero"),
    ("bn", "bien"),
    ("dsd", "desde"),
    ("bb", "bebe"),
    ("mija", "mi hija"),
    ("mijo", "mi hijo"),
    ("orita", "ahorita"),
    ("horita", "ahorita"),
    ("derrepente", "de repente"),
];

/// English words (and lowercased names) one edit away from a correction
/// target: never "corrected" ("strike" is not "stroke", "bills" not
/// "pills"). Generated from a system word list by the ignored test
/// `tests::spelling::refresh_real_words`; one word a line.
const REAL_WORDS: &str = include_str!("real_words.txt");

/// Words of their own that the generated English list lacks, one edit
/// from a rule word: clinical shorthand ("afebrile" is not "febrile",
/// "lap chole" is no choking) and Spanish words ("viene" is not "tiene",
/// "llegó" is not "lleno", "nomás" not "notas").
const ALSO_REAL: &[&str] = &[
    "afebrile", "chole", "periop", "postop", "preop", "outpt", "inpt", "recert", "viene", "vienen",
    "llego", "nomas",
];

/// Clinical abbreviations the rules use that are no words a typo aims at
/// ("steri strip" is not "stemi").
const NOT_TARGETS: &[&str] = &[
    "stemi", "nstemi", "qsofa", "nihss", "brbpr", "pprom", "ntg", "dka", "tia", "lkw",
];

/// Four-letter rule words worth correcting to (shorter words never are).
const SHORT_TARGETS: &[&str] = &[
    "pain", "face", "numb", "limp", "blue", "lips", "neck", "head", "weak", "vomit", "dead",
    "pale", "puke", "pill", "meds", "stop",
];

/// What [`Speller::normalize_known`] knows of a token's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A vocabulary word, with its pattern word id.
    Id(u32),
    /// A word kept as written that no pattern uses.
    NotVocabulary,
    /// Nothing: the word must be looked up.
    Nothing,
}

/// Corrects words towards the rules' vocabulary.
#[derive(Debug)]
pub struct Speller {
    /// Each with its pattern word id once [`Speller::know_ids`] gave it:
    /// a token the speller keeps then needs no second look-up.
    vocabulary: FastMap<String, Option<u32>>,
    /// Prefix terms of the rules: a word starting with one is kept.
    prefixes: Vec<String>,
    real_words: FastSet<&'static str>,
    targets: Vec<String>,
    /// A target and each of its one-letter deletions -> target indices.
    deletions: FastMap<String, Vec<usize>>,
    texting: FastMap<&'static str, Vec<&'static str>>,
    /// Recent corrections (`None`: none), so a repeated unknown word costs
    /// one lookup; cleared when full.
    cache: RefCell<FastMap<String, Option<String>>>,
}

/// How many words the correction cache holds before it is cleared.
const CACHE_SIZE: usize = 4096;

impl Speller {
    /// The texting shorthands that a pattern uses as a word, which are
    /// therefore never expanded ("wanna" in a pattern keeps "i wanna die"
    /// from reading as "i want to die").
    pub fn shadowed_shorthands(&self) -> Vec<&'static str> {
        let mut shadowed: Vec<&'static str> = TEXTING
            .iter()
            .map(|(short, _)| *short)
            .filter(|short| self.vocabulary.contains_key(*short))
            .collect();
        shadowed.sort_unstable();
        shadowed
    }

    /// `vocabulary`: every word the patterns use (never corrected);
    /// `targets`: the words a typo may be corrected to (the rules' words).
    pub fn new(
        vocabulary: &BTreeSet<String>,
        prefixes: &BTreeSet<String>,
        targets: &BTreeSet<String>,
    ) -> Self {
        let targets: Vec<String> = targets
            .iter()
            .filter(|w| {
                let n = w.chars().count();
                w.chars().all(|c| c.is_ascii_lowercase())
                    && (n >= 5 || SHORT_TARGETS.contains(&w.as_str()))
                    && !NOT_TARGETS.contains(&w.as_str())
            })
            .cloned()
            .collect();
        let mut deletions: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, t) in targets.iter().enumerate() {
            for d in std::iter::once(t.clone()).chain(deletes(t)) {
                let entry = deletions.entry(d).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        Self {
            vocabulary: vocabulary.iter().map(|w| (w.clone(), None)).collect(),
            prefixes: prefixes.iter().cloned().collect(),
            real_words: REAL_WORDS
                .lines()
                .map(str::trim)
                .chain(ALSO_REAL.iter().copied())
                .collect(),
            targets,
            deletions,
            texting: TEXTING
                .iter()
                .map(|(k, v)| (*k, v.split_whitespace().collect()))
                .collect(),
            cache: RefCell::new(FastMap::default()),
        }
    }

    /// Gives each vocabulary word its pattern word id (see
    /// [`Self::normalize_known`]).
    pub fn know_ids(&mut self, id_of: impl Fn(&str) -> Option<u32>) {
        for (word, id) in &mut self.vocabulary {
            *id = id_of(word);
        }
    }

    /// The normalised tokens: abbreviations expanded, repeats squeezed,
    /// typos corrected.
    pub fn normalize(&self, tokens: Vec<Token>) -> Vec<Token> {
        self.normalize_known(tokens).0
    }

    /// [`Self::normalize`], and by token what the speller knows of its
    /// word: `Known::Id` for a vocabulary word (given by
    /// [`Self::know_ids`]), `Known::NotVocabulary` for a word it kept that
    /// is in no pattern, `Known::Nothing` for the rest (changed words,
    /// numbers).
    pub fn normalize_known(&self, tokens: Vec<Token>) -> (Vec<Token>, Vec<Known>) {
        let mut out = Vec::with_capacity(tokens.len() + 4);
        let mut known = Vec::with_capacity(tokens.len() + 4);
        for mut token in tokens {
            if token.word == NUMBER_WORD {
                out.push(token);
                known.push(Known::Nothing);
                continue;
            }
            if let Some(id) = self.vocabulary.get(token.word.as_str()) {
                out.push(token);
                known.push(id.map_or(Known::Nothing, Known::Id));
                continue;
            }
            let texting = self.texting.get(token.word.as_str()).or_else(|| {
                if !has_run(&token.word, 3) {
                    return None;
                }
                let squeezed = squeeze(&token.word, 2);
                let single = squeeze(&token.word, 1);
                self.texting
                    .get(squeezed.as_str())
                    .or_else(|| self.texting.get(single.as_str()))
            });
            if let Some(words) = texting {
                for w in words {
                    out.push(Token {
                        word: (*w).to_owned(),
                        ..token.clone()
                    });
                    known.push(Known::Nothing);
                }
                continue;
            }
            if token.proper {
                known.push(Known::NotVocabulary);
            } else if let Some(word) = self.cached_correct(&token.word) {
                token.word = word;
                known.push(Known::Nothing);
            } else {
                known.push(Known::NotVocabulary);
            }
            out.push(token);
        }
        // "can not": "cant".
        let mut i = 1;
        while i < out.len() {
            if out[i - 1].word == "can"
                && out[i].word == "not"
                && out[i - 1].clause == out[i].clause
            {
                out[i - 1].word = "cant".to_owned();
                known[i - 1] = Known::Nothing;
                out.remove(i);
                known.remove(i);
            }
            i += 1;
        }
        // "2 many pills": the texting "2" is "too".
        for i in 1..out.len() {
            let two = out[i - 1]
                .number
                .is_some_and(|n| n.value == 2.0 && n.int_digits == 1);
            if two && matches!(out[i].word.as_str(), "many" | "much") {
                out[i - 1].word = "too".to_owned();
                out[i - 1].number = None;
                known[i - 1] = Known::Nothing;
            }
        }
        (out, known)
    }

    fn cached_correct(&self, word: &str) -> Option<String> {
        if word.len() < 4 {
            return None;
        }
        let mut cache = self.cache.borrow_mut();
        if let Some(hit) = cache.get(word) {
            return hit.clone();
        }
        let corrected = self.correct(word);
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.insert(word.to_owned(), corrected.clone());
        corrected
    }

    /// One word not in the vocabulary, corrected when a rule word is one
    /// edit away (`None`: keep it).
    fn correct(&self, word: &str) -> Option<String> {
        let corrected = self.correct_any(word)?;
        // A word a rule's prefix matches keeps it ("slurry" stays, not
        // "blurry"; "bleedin" may still become "bleeding").
        let keeps = |p: &String| word.starts_with(p.as_str()) && !corrected.starts_with(p.as_str());
        (!self.prefixes.iter().any(keeps)).then_some(corrected)
    }

    fn correct_any(&self, word: &str) -> Option<String> {
        if self.real_words.contains(word) {
            return None;
        }
        if has_run(word, 3) {
            let squeezed = squeeze(word, 2);
            if self.vocabulary.contains_key(&squeezed) {
                return Some(squeezed);
            }
            let single = squeeze(word, 1);
            if self.vocabulary.contains_key(&single) {
                return Some(single);
            }
            return Some(self.nearest(&squeezed).unwrap_or(squeezed));
        }
        self.nearest(word)
    }

    fn nearest(&self, word: &str) -> Option<String> {
        if self.real_words.contains(word) {
            return None;
        }
        self.typo_target(word)
    }

    /// The target `word` would be a typo of, were it not a real word.
    pub fn typo_target(&self, word: &str) -> Option<String> {
        let len = word.chars().count();
        if len < 4
            || self.vocabulary.contains_key(word)
            || !word.chars().all(|c| c.is_ascii_lowercase())
        {
            return None;
        }
        let mut best: Option<&String> = None;
        for key in std::iter::once(word.to_owned()).chain(deletes(word)) {
            for &i in self.deletions.get(&key).into_iter().flatten() {
                let target = &self.targets[i];
                if !one_edit(word, target) {
                    continue;
                }
                // Four-letter words: only a swap ("apin") or a missing
                // letter of a longer word ("ches").
                let tlen = target.chars().count();
                if len == 4 && !(tlen == 5 || is_swap(word, target)) {
                    continue;
                }
                let same_start = target.as_bytes()[0] == word.as_bytes()[0];
                let better = match best {
                    None => true,
                    Some(b) => same_start && b.as_bytes()[0] != word.as_bytes()[0],
                };
                if better {
                    best = Some(target);
                }
            }
        }
        best.cloned()
    }
}

/// Whether `word` has `n` equal letters in a row.
fn has_run(word: &str, n: usize) -> bool {
    let (mut last, mut run) = (None, 0);
    for c in word.chars() {
        if Some(c) == last {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            (last, run) = (Some(c), 1);
        }
    }
    false
}

/// Runs of more than `keep` equal letters cut to `keep` ("sooo" -> "soo").
fn squeeze(word: &str, keep: usize) -> String {
    let mut out = String::with_capacity(word.len());
    let (mut last, mut run) = (None, 0);
    for c in word.chars() {
        if Some(c) == last {
            run += 1;
        } else {
            (last, run) = (Some(c), 1);
        }
        if run <= keep {
            out.push(c);
        }
    }
    out
}

/// Every string with one character of `word` removed.
fn deletes(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

fn is_swap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Whether `a` and `b` are one insertion, deletion, substitution or swap
/// of neighbours apart.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let first = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn speller() -> Speller {
        let vocab: BTreeSet<String> = [
            "breathe",
            "breathing",
            "seizure",
            "chest",
            "pain",
            "face",
            "please",
            "confused",
            "today",
            "pills",
            "discomfort",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        Speller::new(&vocab, &BTreeSet::new(), &vocab)
    }

    fn words(text: &str) -> Vec<String> {
        speller()
            .normalize(tokenize(text).tokens)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    #[test]
    fn corrects_one_edit_typos() {
        assert_eq!(
            words("brething siezure chets apin faec"),
            vec!["breathing", "seizure", "chest", "pain", "face"]
        );
        assert_eq!(
            words("confusde tooday piills disomfort ches"),
            vec!["confused", "today", "pills", "discomfort", "chest"]
        );
    }

    #[test]
    fn expands_texting_and_squeezes_repeats() {
        assert_eq!(words("pls u rn"), vec!["please", "you", "right", "now"]);
        assert_eq!(words("plsss paaain"), vec!["please", "pain"]);
    }

    #[test]
    fn leaves_other_words_alone() {
        assert_eq!(
            words("fine pin cat 38 bills"),
            vec!["fine", "pin", "cat", "#", "bills"]
        );
        assert!(one_edit("abc", "abd") && one_edit("abc", "ab") && one_edit("abc", "bac"));
        assert!(!one_edit("abc", "cab") && !one_edit("abcd", "ab"));
    }
}
