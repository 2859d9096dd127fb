//! The words the name detector treats specially: cue words that announce a
//! name (titles, relations, greetings), and words that are never a person's
//! name here even though a census list has them. The word lists and their
//! flags are data in `crate::name_vocabulary` (below the lexicon, which stores
//! the flags with each word); this module reads them back from the lexicon.

use std::sync::OnceLock;

use crate::lexicon::{Entry, Lexicon, lexicon};
pub use crate::name_vocabulary::Flags;

/// The cue word (a title, relation or greeting of six letters or more)
/// that `word`, a word in no list, is one typo away from: "husbnad",
/// "daugther", "grandmohter" (shorter cues are too close to names:
/// "priya", "prima").
pub fn typo_cue(word: &str) -> Option<&'static str> {
    // The cues by their first byte, in list order: a typo keeps the first
    // letter, so only the cues that share it are compared.
    static CUES: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        let mut by_first = vec![Vec::new(); 256];
        for cue in crate::name_vocabulary::cue_words().filter(|w| w.len() >= 6) {
            by_first[usize::from(cue.as_bytes()[0])].push(cue);
        }
        by_first
    });
    let first = usize::from(*word.as_bytes().first()?);
    crate::detectors::typo_in(word, &cues[first], 6)
}

/// The vocabulary, read from the shared lexicon table.
pub struct Vocabulary(&'static Lexicon);

impl Vocabulary {
    pub fn get(&self, folded: &str) -> Flags {
        Flags::from_bits(self.0.get(folded).vocabulary_bits())
    }
}

/// Flags from a lexicon entry already looked up.
/// Whether folded `word` after folded `before` is a Spanish greeting's
/// own word, no name: "BUENOS DIAS", "buenas noches".
pub fn time_of_day_greeting(before: &str, word: &str) -> bool {
    matches!(before, "buenos" | "buenas" | "buen")
        && matches!(word, "dias" | "dia" | "tardes" | "noches")
}

pub fn flags_of(entry: Entry) -> Flags {
    Flags::from_bits(entry.vocabulary_bits())
}

pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| Vocabulary(lexicon()))
}
