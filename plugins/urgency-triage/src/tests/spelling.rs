//! Spelling correction against real English and Spanish words.

use std::collections::BTreeSet;

use crate::decide::Triage;
use crate::text::fold_word;

/// The system word lists (Debian packages `wamerican` and `wspanish`;
/// `cargo xtask setup` installs them).
const WORD_LISTS: [&str; 2] = ["/usr/share/dict/words", "/usr/share/dict/spanish"];

fn word_lists() -> String {
    WORD_LISTS
        .iter()
        .map(|path| {
            std::fs::read_to_string(path).unwrap_or_else(|_| {
                panic!(
                    "the word list {path} is missing: run `cargo xtask setup` \
                     (installs the Debian packages wamerican and wspanish)"
                )
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every dictionary word (lowercased, accents folded as the tokenizer
/// does, possessives skipped) the speller would take for a typo of a rule
/// word.
fn collisions(triage: &Triage, words: &str) -> BTreeSet<String> {
    words
        .lines()
        .filter(|raw| !raw.contains('\''))
        .map(fold_word)
        .filter(|w| triage.typo_target(w).is_some())
        .collect()
}

/// `real_words.txt` must hold every dictionary word the speller would
/// take for a typo, so that none is "corrected". Needs the word list:
/// `cargo xtask setup` installs it.
#[test]
fn real_words_are_never_corrected() {
    let words = word_lists();
    let listed: BTreeSet<&str> = include_str!("../real_words.txt").lines().collect();
    let corrected: Vec<String> = collisions(&Triage::rules_only(&[]).expect("valid rules"), &words)
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
    let words = word_lists();
    let mut text = String::new();
    for w in collisions(&Triage::rules_only(&[]).expect("valid rules"), &words) {
        text.push_str(&w);
        text.push('\n');
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/real_words.txt");
    std::fs::write(path, text).expect("write real_words.txt");
}

/// Words of their own missing from the system lists are kept as written:
/// "afebrile" must not become "febrile", nor "lap chole" a choking.
#[test]
fn clinical_shorthand_and_spanish_forms_are_kept() {
    let triage = Triage::rules_only(&[]).expect("rules");
    let text = triage.text("72F s/p lap chole periop, afebrile; viene mañana, ya llegó nomás");
    let words: Vec<&str> = text.tokens.iter().map(|t| t.word.as_str()).collect();
    for kept in ["chole", "periop", "afebrile", "viene", "llego", "nomas"] {
        assert!(words.contains(&kept), "{kept} was changed: {words:?}");
    }
    // The cues' listed words are kept too: "niega" is a denial, not
    // "nieta" (a granddaughter).
    let text = triage.text("Pte niega dolor de pecho, niegan fiebre");
    let words: Vec<&str> = text.tokens.iter().map(|t| t.word.as_str()).collect();
    for kept in ["niega", "niegan"] {
        assert!(words.contains(&kept), "{kept} was changed: {words:?}");
    }
    // A typo of a rule word is still corrected.
    let text = triage.text("she has a feverr and is brething hard");
    let words: Vec<&str> = text.tokens.iter().map(|t| t.word.as_str()).collect();
    assert!(words.contains(&"breathing"), "{words:?}");
}

/// A texting shorthand written into a pattern becomes a word of the
/// rules, and the speller stops expanding it everywhere: "wanna" in one
/// look-alike made "i wanna die. i have a plan" read as nothing, and "u"
/// in another kept "thank u" from reading as "thank you". The list is
/// the shorthands the patterns already use as words (Spanish words such
/// as "mama" and "ya", clinical ones such as "epi" and "ntg", cues that
/// name both forms); a new one fails here and must be looked at.
#[test]
fn no_new_pattern_shadows_a_texting_shorthand() {
    let triage = Triage::rules_only(&[]).expect("the built-in rules are valid");
    assert_eq!(
        triage.shadowed_shorthands(),
        [
            "derrepente",
            "epi",
            "gonna",
            "idk",
            "mama",
            "nitroglycerin",
            "nobody",
            "ntg",
            "oxygen",
            "pa",
            "pls",
            "plz",
            "r",
            "rn",
            "thru",
            "toy",
            "w",
            "ya",
        ]
    );
}
