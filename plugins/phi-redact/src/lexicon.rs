//! The word lists shipped in `data/` (see `data/make_lexicons.py`,
//! `data/make_spanish_words.py` and `data/make_world_names.py`): first
//! names and surnames from the US Census 1990 name files and of other
//! countries (Faker's person providers), hand-written nicknames
//! (`data/nicknames.txt`), the ordinary (lowercase) English words of the
//! small SCOWL dictionary, the further words of the larger one, and
//! ordinary Spanish words. Built at compile time (`build.rs`) into one
//! open-addressing table embedded in the binary, so an instance builds
//! nothing at start-up; a lookup is one hash of the folded, lowercased word
//! and a short probe.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The word hash and the table's layout, shared with the build script
/// (`build.rs`), which writes the table.
mod layout;

pub use layout::word_hash;
use layout::{bits, bytes_hash, first_slot, next_slot};

/// The table built by `build.rs` from the lists and the name vocabulary:
/// the slots' keys (word hashes), then their values (entry bits), as
/// little-endian u64s.
const TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));
const SLOTS: usize = TABLE.len() / 16;
const _: () = assert!(SLOTS.is_power_of_two() && TABLE.len() == SLOTS * 16);

/// Surnames ranked this high or better (census frequency) are common
/// names; below that, a surname that is also an ordinary word ("Check",
/// "Wear") is more likely the word.
pub const COMMON_SURNAME_RANK: u32 = 5_000;

/// What the lists say about one word: flags, the surname's census rank
/// (1 = most frequent; 0 = not a surname), and the name detector's
/// vocabulary flags (so one lookup answers both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry(u64);

impl Entry {
    const FIRST: u64 = bits::FIRST;
    const SURNAME: u64 = bits::SURNAME;
    const ORDINARY: u64 = bits::ORDINARY;
    const KNOWN: u64 = bits::KNOWN;
    const NAME_FIRST: u64 = bits::NAME_FIRST;
    const SPANISH_ONLY: u64 = bits::SPANISH_ONLY;
    const RANK_SHIFT: u32 = bits::RANK_SHIFT;
    const RANK_MASK: u64 = bits::RANK_MASK;
    const VOCABULARY_SHIFT: u32 = bits::VOCABULARY_SHIFT;

    /// A census first name.
    pub fn is_first_name(self) -> bool {
        self.0 & Self::FIRST != 0
    }
    /// A census surname.
    pub fn is_surname(self) -> bool {
        self.0 & Self::SURNAME != 0
    }
    /// A first name or a surname.
    pub fn is_name(self) -> bool {
        self.0 & (Self::FIRST | Self::SURNAME) != 0
    }
    /// An ordinary English word ("hope", "grant", "smith" too).
    pub fn is_ordinary(self) -> bool {
        self.0 & Self::ORDINARY != 0 && self.0 & Self::NAME_FIRST == 0
    }

    /// An ordinary word of the Spanish list only ("sean", "ida", "nina").
    pub fn is_spanish_only(self) -> bool {
        self.0 & Self::SPANISH_ONLY != 0
    }

    /// The entry as English text reads it: a word only Spanish has
    /// ("sean", "ida", "nina") is no ordinary word there.
    pub fn in_english(self) -> Entry {
        if self.is_spanish_only() {
            Entry(self.0 & !(Self::ORDINARY | Self::SPANISH_ONLY))
        } else {
            self
        }
    }

    /// The entry without the name vocabulary's flags (the census lists
    /// and dictionaries only).
    pub fn without_vocabulary(self) -> Entry {
        Entry(self.0 & ((1 << Self::VOCABULARY_SHIFT) - 1))
    }

    /// A word of the larger dictionary ("fax", "recheck") or an ordinary
    /// one: a real word, so no unknown name.
    pub fn is_known_word(self) -> bool {
        self.0 & (Self::ORDINARY | Self::KNOWN) != 0
    }

    /// The surname's census rank (1 = most frequent), if it is one.
    pub fn surname_rank(self) -> Option<u32> {
        let rank = u32::try_from((self.0 >> Self::RANK_SHIFT) & Self::RANK_MASK).unwrap_or(0);
        (rank > 0).then_some(rank)
    }

    /// The vocabulary flags stored with the word (see
    /// `detectors::name::vocabulary`).
    pub fn vocabulary_bits(self) -> u16 {
        u16::try_from(self.0 >> Self::VOCABULARY_SHIFT).unwrap_or(0)
    }

    /// A first name, or a surname among the most frequent ones.
    pub fn is_common_name(self) -> bool {
        self.is_first_name()
            || self
                .surname_rank()
                .is_some_and(|r| r <= COMMON_SURNAME_RANK)
    }

    /// The entry as a first name that is no ordinary word ("Sung-min").
    pub fn as_given_name(self) -> Entry {
        Entry((self.0 | Self::FIRST) & !Self::ORDINARY)
    }

    /// The entry of a hyphenated word from its parts ("Mei-Ling",
    /// "Smith-Jones"): a name if a part is a name that is not an ordinary
    /// word; ordinary if every part is.
    pub fn combine(whole: Entry, parts: &[Entry]) -> Entry {
        let name_part = parts
            .iter()
            .find(|e| e.is_name() && !e.is_ordinary())
            .copied();
        let mut out = whole.0;
        if let Some(part) = name_part {
            out |= part.0 & !Self::ORDINARY;
            out &= !Self::ORDINARY;
        } else if parts.iter().all(|e| e.is_ordinary()) {
            out |= Self::ORDINARY;
        }
        Entry(out)
    }
}

/// FNV-1a: the keys are short ASCII words; no need for SipHash here.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The word lists' table (see [`lexicon`]).
pub struct Lexicon(());

impl Lexicon {
    /// The entry for a lowercased, accent-folded word (empty if unknown).
    pub fn get(&self, folded: &str) -> Entry {
        self.get_bytes(folded.as_bytes())
    }

    /// [`Lexicon::get`] of a word's bytes (no UTF-8 check: a variant of an
    /// ASCII word built in a buffer).
    pub fn get_bytes(&self, folded: &[u8]) -> Entry {
        let key = bytes_hash(folded);
        let mut slot = first_slot(key, SLOTS);
        // The table has empty slots (key 0), so the probe ends.
        loop {
            match read_u64(slot) {
                k if k == key => return Entry(read_u64(SLOTS + slot)),
                0 => return Entry(0),
                _ => slot = next_slot(slot, SLOTS),
            }
        }
    }
}

/// The `index`th little-endian u64 of the table.
fn read_u64(index: usize) -> u64 {
    let bytes = &TABLE[index * 8..index * 8 + 8];
    u64::from_le_bytes(bytes.try_into().unwrap_or_default())
}

/// The shared table (built at compile time: nothing to do at init).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: Lexicon = Lexicon(());
    &LEXICON
}

/// Lowercases `word` and folds the common Latin accents ("Ramírez" gives
/// "ramirez"), so accented names find their census entry. Other letters are
/// kept as they are.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        for lower in c.to_lowercase() {
            out.push(fold_char(lower));
        }
    }
    out
}

fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{2019}' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_words() {
        let lex = lexicon();
        let karen = lex.get("karen");
        assert!(karen.is_first_name() && !karen.is_ordinary());
        assert!(lex.get("smith").is_surname());
        assert_eq!(lex.get("smith").surname_rank(), Some(1));
        assert!(lex.get("best").is_common_name() && !lex.get("check").is_common_name());
        let hope = lex.get("hope");
        assert!(hope.is_first_name() && hope.is_ordinary());
        assert!(lex.get("tablet").is_ordinary() && !lex.get("tablet").is_name());
        assert_eq!(lex.get("qzxv"), Entry::default());
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Ramírez"), "ramirez");
        assert_eq!(fold("JOSÉ"), "jose");
        assert_eq!(fold("O\u{2019}Neil"), "o'neil");
        assert!(lexicon().get(&fold("Gómez")).is_surname());
    }
}
