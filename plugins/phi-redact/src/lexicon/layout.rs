// The lexicon's word hash and table layout, in a file of their own so that
// the build script (`build.rs`, which writes the table) and the crate
// (`crate::lexicon`, which reads it) share one definition: both use this
// file (the crate as a module, the build script through `include!`, hence
// no inner doc comment here).
//
// The table: a power-of-two number of slots, open addressing with linear
// probing from `first_slot`; all the slots' keys (word hashes, 0 = empty
// slot), then all their values (entry bits), each a little-endian u64.

/// A 64-bit hash of a word (FNV-1a, then mixed). The lexicon keys its
/// table by this hash alone: with ~200,000 words a collision with a word
/// not in the lists has odds of about 1 in 10^14, and a lookup touches no
/// string data (fewer cache misses in a table of this size).
pub fn word_hash(word: &str) -> u64 {
    bytes_hash(word.as_bytes())
}

/// [`word_hash`] of a word's bytes (the same value).
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// The slot where the probe for `key` starts, in a table of `slots`
/// slots (a power of two).
pub fn first_slot(key: u64, slots: usize) -> usize {
    // Truncating is fine: only the low bits are kept.
    (key as usize) & (slots - 1)
}

/// The slot the probe tries after `slot` (wrapping around).
pub fn next_slot(slot: usize, slots: usize) -> usize {
    (slot + 1) & (slots - 1)
}

/// The bits of a lexicon entry (`crate::lexicon::Entry`).
pub mod bits {
    /// A first name.
    pub const FIRST: u64 = 1;
    /// A surname.
    pub const SURNAME: u64 = 2;
    /// An ordinary word.
    pub const ORDINARY: u64 = 4;
    /// A word of the larger dictionary.
    pub const KNOWN: u64 = 8;
    /// A dictionary word that English text writes mostly capitalised, as a
    /// name ("maria", "linda"): not ordinary.
    pub const NAME_FIRST: u64 = 16;
    /// An ordinary word of the Spanish list only ("sean", "ida", "nina"):
    /// a word in Spanish text, a name in English text.
    pub const SPANISH_ONLY: u64 = 32;
    /// The surname's rank (1 = most frequent; 0 = not a surname).
    pub const RANK_SHIFT: u32 = 8;
    pub const RANK_MASK: u64 = 0xff_ffff;
    /// The name vocabulary's flags (`crate::name_vocabulary::Flags`).
    pub const VOCABULARY_SHIFT: u32 = 32;
}
