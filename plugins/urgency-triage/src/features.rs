//! The learned model's features, fastText-style: hashed word unigrams,
//! word bigrams within a sentence, and character 3- to 5-grams of each
//! word (with `<` `>` marking its edges, so typos and Spanish inflections
//! share most of their n-grams). Words come from [`crate::text`] and the
//! speller (lower case, accents folded, texting expanded, numbers as `#`).
//!
//! This is the only feature code: the plugin uses it to score a message,
//! and `cargo xtask train urgency` uses it, natively, to train the weights
//! the plugin embeds.

use std::cell::Cell;

use crate::text::{self, Token};
use crate::vitals;

/// The feature space has `1 << BITS` buckets.
pub const BITS: u32 = 16;

const MASK: u32 = (1 << BITS) - 1;
const CHAR_GRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// FNV-1a over a kind tag and byte slices.
struct Hash(u32);

impl Hash {
    fn new(kind: u8) -> Self {
        let mut h = Self(0x811c_9dc5);
        h.byte(kind);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u32::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0193);
    }

    fn bytes(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.byte(b);
        }
        self
    }

    fn bucket(&self) -> u32 {
        // Fold the high bits in: FNV's low bits mix less.
        (self.0 ^ (self.0 >> BITS)) & MASK
    }
}

/// The distinct feature buckets of `body`, sorted.
pub fn features(body: &str) -> Vec<u32> {
    token_features(&text::tokenize(body).tokens)
}

/// A set of feature buckets: one bit per bucket, and the buckets in the
/// order they were first added.
pub struct Buckets {
    bits: Box<BucketBits>,
    distinct: Vec<u32>,
}

/// One bit per bucket (a fixed size: indexing needs no bounds check).
type BucketBits = [u64; (1 << BITS) / 64];

thread_local! {
    /// A cleared bit set for the next [`Buckets`]: clearing the few bits
    /// a message set costs far less than zeroing 8 KiB for each.
    static SPARE_BITS: Cell<Option<Box<BucketBits>>> = const { Cell::new(None) };
}

impl Default for Buckets {
    fn default() -> Self {
        let bits = SPARE_BITS
            .take()
            .unwrap_or_else(|| Box::new([0; (1 << BITS) / 64]));
        Self {
            bits,
            distinct: Vec::with_capacity(1024),
        }
    }
}

impl Buckets {
    fn push(&mut self, bucket: u32) {
        let b = bucket as usize;
        let (word, bit) = (&mut self.bits[b / 64], 1 << (b % 64));
        if *word & bit == 0 {
            *word |= bit;
            self.distinct.push(bucket);
        }
    }

    /// The distinct buckets, in no particular order (enough for the
    /// model's logit, a sum). The bit set, cleared bit by bit, is kept
    /// for the next message.
    pub fn into_distinct(self) -> Vec<u32> {
        let Self { mut bits, distinct } = self;
        for &b in &distinct {
            bits[b as usize / 64] = 0;
        }
        SPARE_BITS.set(Some(bits));
        distinct
    }

    /// The distinct buckets, sorted.
    pub fn into_sorted(self) -> Vec<u32> {
        let mut out = self.into_distinct();
        out.sort_unstable();
        out
    }
}

/// The distinct feature buckets of a message's tokens, sorted.
pub fn token_features(tokens: &[Token]) -> Vec<u32> {
    let mut out = Buckets::default();
    add_token_features(tokens, &mut out);
    out.into_sorted()
}

/// What a number measures, by the word just before it, and the range a
/// clinician would call normal. The n-grams see every number as one word
/// (`spo2 #`), so "SpO2 97%" and "SpO2 84%" look alike to them; this says
/// which side of normal the value is on ("sats 98% RA, HR 82, BP 128/74"
/// is a reassuring chart, not an emergency).
const MEASURES: &[(&str, &[&str], vitals::Check)] = &[
    (
        "oxygen",
        &[
            "o2",
            "sat",
            "sats",
            "spo2",
            "saturation",
            "saturating",
            "oximeter",
            "oxygen",
            "pox",
            "oximetro",
            "saturacion",
            "oxigeno",
            "oxigenacion",
        ],
        vitals::oxygen_in_range,
    ),
    (
        "pulse",
        &["hr", "pulse", "pulso", "fc", "heartrate", "bpm"],
        vitals::pulse_in_range,
    ),
    (
        "temp",
        &[
            "temp",
            "temperature",
            "t",
            "tmax",
            "temperatura",
            "afebrile",
        ],
        vitals::temp_in_range,
    ),
    (
        "bp",
        &["bp", "pressure", "presion", "ta"],
        vitals::bp_in_range,
    ),
    (
        "rr",
        &["rr", "resp", "respirations"],
        vitals::resp_rate_in_range,
    ),
    (
        "glucose",
        &[
            "glucose",
            "sugar",
            "sugars",
            "bs",
            "bg",
            "cbg",
            "fsbs",
            "azucar",
            "glucosa",
            "glucometro",
        ],
        vitals::glucose_in_range,
    ),
];

/// A feature per measured value: what it measures and whether it is in
/// the normal range (the measuring word up to three words before the
/// number, in its sentence).
pub fn value_features(tokens: &[Token], out: &mut Buckets) {
    for (i, token) in tokens.iter().enumerate() {
        let Some(number) = token.number else { continue };
        if matches!(
            number.kind,
            text::NumberKind::Money | text::NumberKind::Time
        ) {
            continue;
        }
        let measure = (1..=3)
            .take_while(|&k| k <= i && tokens[i - k].sentence == token.sentence)
            .find_map(|k| {
                MEASURES
                    .iter()
                    .find(|(_, words, _)| words.contains(&tokens[i - k].word.as_str()))
            });
        if let Some((measure, _, in_range)) = measure {
            let side: &[u8] = if in_range(&number) { b"normal" } else { b"out" };
            out.push(
                Hash::new(b'v')
                    .bytes(measure.as_bytes())
                    .bytes(side)
                    .bucket(),
            );
        }
    }
}

/// The tokens whose character n-grams a message added, by their word's
/// hash (open addressing; token index + 1, 0 for an empty slot).
struct Done {
    slots: [u16; DONE_SLOTS],
    len: usize,
}

const DONE_SLOTS: usize = 128;

impl Default for Done {
    fn default() -> Self {
        Self {
            slots: [0; DONE_SLOTS],
            len: 0,
        }
    }
}

impl Done {
    /// Whether an earlier token had the word of token `i` (whose hash is
    /// `hash`); if not, remembers it (while there is room).
    fn seen_before(&mut self, hash: u32, i: usize, tokens: &[Token]) -> bool {
        let mut slot = hash as usize % DONE_SLOTS;
        loop {
            match self.slots[slot] {
                0 => break,
                k if tokens[usize::from(k) - 1].word == tokens[i].word => return true,
                _ => slot = (slot + 1) % DONE_SLOTS,
            }
        }
        // Three quarters full at most, so that probes stay short (and an
        // empty slot always ends them).
        if let Ok(k) = u16::try_from(i + 1)
            && self.len < DONE_SLOTS * 3 / 4
        {
            self.slots[slot] = k;
            self.len += 1;
        }
        false
    }
}

/// Adds the word, bigram and character n-gram buckets of `tokens`.
pub fn add_token_features(tokens: &[Token], out: &mut Buckets) {
    let mut padded: Vec<u8> = Vec::with_capacity(32);
    let mut done = Done::default();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.word.as_bytes();
        let unigram = Hash::new(b'w').bytes(word);
        out.push(unigram.bucket());
        if let Some(next) = tokens.get(i + 1).filter(|n| n.sentence == token.sentence) {
            out.push(
                Hash::new(b'b')
                    .bytes(word)
                    .bytes(b" ")
                    .bytes(next.word.as_bytes())
                    .bucket(),
            );
        }
        if token.number.is_some() || !token.word.is_ascii() {
            continue;
        }
        // A word met again adds no n-gram it has not added already.
        if done.seen_before(unigram.0, i, tokens) {
            continue;
        }
        padded.clear();
        padded.push(b'<');
        padded.extend_from_slice(word);
        padded.push(b'>');
        // Each n-gram (3 to 5 letters; shorter than the padded word, which
        // is the unigram already), hashed by extending the shorter one
        // from the same start.
        let len = padded.len();
        for start in 0..len {
            let mut h = Hash::new(b'c');
            for (k, &b) in padded[start..].iter().enumerate().take(*CHAR_GRAMS.end()) {
                h.byte(b);
                let n = k + 1;
                if n >= len {
                    break;
                }
                if CHAR_GRAMS.contains(&n) {
                    out.push(h.bucket());
                }
            }
        }
    }
}

/// A mention of a word class (`@chest`, `@bleed`, ...) found by the rules'
/// patterns: which clause, and whether a cue discounts it (negated, past,
/// resolved, conditional, a question, someone else).
pub struct Mention {
    pub name: &'static str,
    pub clause: usize,
    /// What discounts it (`None`: it counts).
    pub discount: Option<&'static str>,
}

impl Mention {
    fn discounted(&self) -> bool {
        self.discount.is_some()
    }
}

/// Adds the word-class features: each class mentioned, and whether
/// discounted (`k`, `kd`, `ku`), each pair of undiscounted classes in one
/// clause (`kp`: "chest" with "chest_hurt" whatever the words), and the
/// message-wide cues (`c`: a question, for learning, happening now, a
/// refill). Classes are shared by English and Spanish, so what the model
/// learns of "blood" it also knows of "sangre".
pub fn concept_features(mentions: &[Mention], cues: &[(&str, bool)], out: &mut Buckets) {
    for m in mentions {
        out.push(Hash::new(b'k').bytes(m.name.as_bytes()).bucket());
        let kind = if m.discounted() { b'd' } else { b'u' };
        out.push(Hash::new(kind).bytes(m.name.as_bytes()).bucket());
        if let Some(why) = m.discount {
            out.push(Hash::new(b'y').bytes(why.as_bytes()).bucket());
            out.push(
                Hash::new(b'Y')
                    .bytes(why.as_bytes())
                    .bytes(b" ")
                    .bytes(m.name.as_bytes())
                    .bucket(),
            );
        }
    }
    for (i, a) in mentions.iter().enumerate() {
        for b in &mentions[i + 1..] {
            if a.clause != b.clause || a.discounted() || b.discounted() || a.name == b.name {
                continue;
            }
            let (x, y) = if a.name < b.name { (a, b) } else { (b, a) };
            out.push(
                Hash::new(b'p')
                    .bytes(x.name.as_bytes())
                    .bytes(b" ")
                    .bytes(y.name.as_bytes())
                    .bucket(),
            );
        }
    }
    for (name, on) in cues {
        if *on {
            out.push(Hash::new(b'q').bytes(name.as_bytes()).bucket());
        }
    }
}

/// Adds a feature per rule whose sign matched but that did not fire (a
/// sign discounted, a context missing): what the rules nearly said.
pub fn near_miss_features(codes: &[&str], out: &mut Buckets) {
    for code in codes {
        out.push(Hash::new(b'r').bytes(code.as_bytes()).bucket());
    }
}

/// The word classes that are signs (not contexts like a child's age, a
/// refill or a time).
pub const SIGN_CLASSES: &[&str] = &[
    "chest",
    "chest_hurt",
    "clutch",
    "breathe",
    "breath_trouble",
    "breath_hard",
    "blue",
    "droop",
    "numb",
    "bleed",
    "heavy_bleed",
    "vomit",
    "throat",
    "closing",
    "swell",
    "poison",
    "ams",
    "confused",
    "fever",
    "head_injury",
    "not_working",
    "cardiac_assoc",
    "no_urine",
    "soaked",
    "heartburn",
];

/// What the rules' word classes see in a message, for the model's
/// thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A sign the rules did not discount.
    Open,
    /// No sign at all: whatever the model sees, the rules' word classes
    /// name nothing of an emergency ("thanks for the call back", "no
    /// fever"-free small talk), so the model needs more confidence.
    Quiet,
    /// Signs, every one discounted (an instruction, a negation, a past
    /// episode): the rules read it, and the model needs more confidence
    /// to disagree.
    Discounted,
}

/// The evidence of a message's mentions.
pub fn evidence(mentions: &[Mention]) -> Evidence {
    let mut signs = mentions
        .iter()
        .filter(|m| SIGN_CLASSES.contains(&m.name))
        .peekable();
    if signs.peek().is_none() {
        Evidence::Quiet
    } else if signs.all(Mention::discounted) {
        Evidence::Discounted
    } else {
        Evidence::Open
    }
}

/// FNV-1a over strings: the digest of what the features are made of.
pub fn digest<'a>(parts: impl Iterator<Item = &'a str>) -> u32 {
    let mut h = Hash::new(b'f');
    for part in parts {
        h = h.bytes(part.as_bytes()).bytes(b"\0");
    }
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_sorted_and_in_range() {
        let a = features("Chest pain since 9:15, can't breathe");
        assert_eq!(a, features("Chest pain since 9:15, can't breathe"));
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(a.iter().all(|&f| f <= MASK));
        assert!(features("").is_empty());
    }

    #[test]
    fn typos_and_accents_share_most_features() {
        let shared = |a: &str, b: &str| {
            let (fa, fb) = (features(a), features(b));
            fa.iter().filter(|f| fb.contains(f)).count() as f32 / fa.len().max(1) as f32
        };
        assert!(shared("breathing", "brething") > 0.4);
        assert_eq!(features("está sangrando"), features("esta sangrando"));
        assert!(shared("chest pain", "knee pain") < 0.5);
    }
}
