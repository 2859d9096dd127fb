//! Spelling correction against real English words.

use std::collections::BTreeSet;

use crate::decide::Triage;

/// The system word list (Debian package `wamerican`), when installed.
const WORD_LIST: &str = "/usr/share/dict/words";

/// Every dictionary word (lowercased, possessives skipped) the speller
/// would take for a typo of a rule word.
fn collisions(triage: &Triage, words: &str) -> BTreeSet<String> {
    words
        .lines()
        .filter(|raw| !raw.contains('\''))
        .map(str::to_lowercase)
        .filter(|w| triage.typo_target(w).is_some())
        .collect()
}

/// `real_words.txt` must hold every dictionary word the speller would
/// take for a typo, so that none is "corrected". Needs the word list:
/// `cargo xtask setup` installs it.
#[test]
fn real_words_are_never_corrected() {
    let words = std::fs::read_to_string(WORD_LIST).expect(
        "the English word list /usr/share/dict/words is missing: run `cargo xtask setup` \
         (installs the Debian package wamerican)",
    );
    let listed: BTreeSet<&str> = include_str!("../real_words.txt").lines().collect();
    let corrected: Vec<String> = collisions(&Triage::default(), &words)
        .into_iter()
        .filter(|w| !listed.contains(w.as_str()))
        .collect();
    assert!(
        corrected.is_empty(),
        "{} real words would be corrected (run refresh_real_words): {:?}",
        corrected.len(),
        &corrected[..corrected.len().min(20)]
    );
}

/// Rewrites src/real_words.txt from the word list:
/// `cargo test -p urgency-triage refresh_real_words -- --ignored`.
#[test]
#[ignore]
fn refresh_real_words() {
    let words = std::fs::read_to_string(WORD_LIST).expect("install wamerican for the word list");
    let mut text = String::new();
    for w in collisions(&Triage::default(), &words) {
        text.push_str(&w);
        text.push('\n');
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/real_words.txt");
    std::fs::write(path, text).expect("write real_words.txt");
}
