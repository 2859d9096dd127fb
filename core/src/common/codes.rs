//! Codes: the only strings a plugin can put into audit records, labels and
//! logs (see wit/README.md, "Codes"). The grammar:
//!
//! ```text
//! code    = segment [ ":" segment ]          ; 1 to 64 bytes in all
//! segment = word *( ( "_" / "-" ) word )
//! word    = 1*( "a"-"z" / "0"-"9" )
//! ```
//!
//! and no more than [`MAX_DIGIT_RUN`] digits in a row, digits joined only by
//! `_`, `-` or `:` counting as in a row. So a code cannot carry, in any of
//! the forms they are usually written in, a phone number, a date, an MRN, a
//! ZIP code or an account number (`15555550101`, `1962-03-14`,
//! `mrn:4471902`), an e-mail address (no `@`), a user name, a domain or an
//! IP address (no dots: `maria.lopez`), or a chain of identifiers (one colon
//! at most: `patient:maria:lopez`). It cannot tell `urgent:stroke` from
//! `maria:lopez`: a plugin must never build a code from message data.

/// What a string that is not a code becomes where the host must keep a
/// value (a reply's keyword; a plugin log's event or field name).
pub const INVALID_CODE: &str = "invalid_code";

/// The longest run of digits a code may hold.
pub const MAX_DIGIT_RUN: usize = 4;

/// The longest code, in bytes.
pub const MAX_CODE_BYTES: usize = 64;

/// Whether `s` is a code (see the module documentation): the SDK's rule,
/// the one plugins check their own codes with, so host and plugins cannot
/// disagree.
pub use carewire_plugin_sdk::is_code;

/// Whether `s` is a name in carewire's config (a plugin name, the subject
/// prefix): 1 to 64 characters of `a-z 0-9 _ . : -`, starting with a letter
/// or digit. Names are chosen by the operator, not by a plugin, so they
/// need not be codes.
pub fn is_name(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_CODE_BYTES
        && bytes[0].is_ascii_lowercase() | bytes[0].is_ascii_digit()
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b':' | b'-')
        })
}

/// `s` if it is a code, else [`INVALID_CODE`].
pub fn sanitize(s: String) -> String {
    if is_code(&s) {
        s
    } else {
        INVALID_CODE.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_carewire_and_its_plugins_use_are_codes() {
        for code in [
            "consent_missing",
            "urgent:chest_pain",
            "urgent:stroke",
            "urgent_stat_priority",
            "plugin_failed:timeout",
            "plugin_failed:out_of_memory",
            "blank_body:sms",
            "required_channel_unavailable",
            "phi_kinds",
            "name-date-member_id",
            "recipient_verified",
            "e164",
            "a1c",
            "icd10:r07",
            "year:2024",
            "p-1",
            "x",
            "0",
        ] {
            assert!(is_code(code), "{code:?}");
        }
    }

    #[test]
    fn phi_shaped_strings_are_not_codes() {
        for not_code in [
            "",
            "John Smith",
            "+15551234567",
            "15555550101",
            "5555550101",
            "555-0101",
            "555-010-1234",
            "1962-03-14",
            "19620314",
            "03_14_1962",
            "02139",
            "mrn:4471902",
            "mrn:44-71902",
            "maria.lopez",
            "jane.doe.1962",
            "maria@example",
            "10.0.0.1",
            "patient:maria:lopez",
            "_leading",
            "trailing_",
            "double__underscore",
            "colon:",
            ":colon",
            "a:-b",
            "Upper",
            "space d",
        ] {
            assert!(!is_code(not_code), "{not_code:?}");
        }
        assert!(!is_code(&"a".repeat(65)));
        assert!(is_code(&"a".repeat(64)));
        assert_eq!(sanitize("Jane Doe".into()), INVALID_CODE);
        assert_eq!(sanitize("maria.lopez".into()), INVALID_CODE);
        assert_eq!(sanitize("ok".into()), "ok");
    }

    #[test]
    fn names_keep_the_config_rule() {
        assert!(is_name("acme.carewire"));
        assert!(is_name("urgency-triage"));
        assert!(is_name("kv:probe"));
        assert!(!is_name("_x"));
        assert!(!is_name("Acme"));
        assert!(!is_name(""));
    }
}
