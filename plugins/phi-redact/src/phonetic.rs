//! Letters said with a word to make them clear, read aloud into a code:
//! "member ID is W as in William 4 4 7 0 9 2", "the plate is Z as in zebra
//! 4 4 1 9 0 7", "M de mamá cuatro cuatro siete". A detector finds the
//! digits; the letters before them, and their words, are part of the code
//! (and "William" is no person).

use std::sync::OnceLock;

use regex::Regex;

use crate::finding::{Finding, Kind};

/// "W as in William", "h like house", "M de mamá", "B for boy", at the end
/// of the text before a code, with a space or a comma after.
fn letter_with_word() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:^|[\s,:])(\pL) (?:as in|like in|like|for|de|como en|como) \pL+[ ,]{1,2}$",
        )
        .expect("a valid pattern")
    })
}

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
/// their words right before it.
pub fn letters_before_codes(text: &str, findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| spelled_code(f.kind)) {
        while let Some(caps) = letter_with_word().captures(&text[..f.start]) {
            let Some(letter) = caps.get(1) else { break };
            f.start = letter.start();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::redact::Redactor;
    use std::sync::LazyLock;

    static REDACTOR: LazyLock<Redactor> =
        LazyLock::new(|| Redactor::new(Config::default()).expect("patterns compile"));

    fn redact(text: &str) -> String {
        REDACTOR.redact(text, &Default::default()).text
    }

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
