//! Letters said with a word to make them clear, read aloud into a code:
//! "member ID is W as in William 4 4 7 0 9 2", "the plate is Z as in zebra
//! 4 4 1 9 0 7", "M de mamá cuatro cuatro siete". A detector finds the
//! digits; the letters before them, and their words, are part of the code
//! (and "William" is no person).

use crate::finding::{Finding, Kind};
use crate::words::Word;

/// The kinds of code a caller spells this way.
fn spelled_code(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Id
            | Kind::MemberId
            | Kind::Vehicle
            | Kind::License
            | Kind::Account
            | Kind::Mrn
            | Kind::Device
    )
}

/// Moves the start of each code finding back over the letters said with
/// their words right before it ("W as in William", "h like house", "M de
/// mamá", "B for boy", each a space or a comma from what follows).
pub fn letters_before_codes(text: &str, words: &[Word<'_>], findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| spelled_code(f.kind)) {
        // The index of the first word at or after the code's start.
        let mut at = words.partition_point(|w| w.start < f.start);
        while let Some(letter) = letter_with_word_before(text, words, at, f.start) {
            f.start = words[letter].start;
            at = letter;
        }
    }
}

/// The index of the letter of "<letter> as in <word>" (and the like) whose
/// word ends right before byte `start` (word `at` begins there).
fn letter_with_word_before(
    text: &str,
    words: &[Word<'_>],
    at: usize,
    start: usize,
) -> Option<usize> {
    let word = at.checked_sub(1)?;
    if !matches!(text.get(words[word].end..start)?, " " | ", " | "," | ",  ") {
        return None;
    }
    let joiner_len = match (
        words.get(word.checked_sub(2)?).map(|w| &*w.lower),
        &*words[word - 1].lower,
    ) {
        (Some("as" | "like"), "in") | (Some("como"), "en") => 2,
        (_, "de" | "for" | "like" | "como") => 1,
        _ => return None,
    };
    let letter = word.checked_sub(joiner_len + 1)?;
    let raw = &text[words[letter].start..words[letter].end];
    let mut chars = raw.chars();
    let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    // The letter and its joiner stand apart by single spaces.
    let spaced = (letter..word).all(|k| &text[words[k].end..words[k + 1].start] == " ");
    (single && spaced).then_some(letter)
}

#[cfg(test)]
mod tests {
    use crate::tests::redact_plain as redact;

    #[test]
    fn letters_said_with_a_word_open_the_code() {
        assert_eq!(
            redact("my member ID is K as in Kevin 7 7 1 0 2 9 4 8 3, thanks"),
            "my member ID is [ID], thanks"
        );
        assert_eq!(
            redact("el número de miembro es R de ratón 5 5 1 9 0 2 7 7 gracias"),
            "el número de miembro es [ID] gracias"
        );
    }

    #[test]
    fn a_letter_and_word_before_no_code_stay() {
        let text = "plan B for dinner tonight, call me at 4";
        assert_eq!(redact(text), text);
    }
}
