//! Rules for single envelope fields, the same for a plain envelope and a
//! FHIR request, and the same as `docs/envelope.schema.json` says: a test
//! runs every example through both and checks they agree.

use std::sync::LazyLock;

use regex::Regex;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Envelope;

/// The longest `body` accepted, in characters (the schema's `maxLength`).
pub const MAX_BODY_CHARS: usize = 32_768;

/// A literal FHIR reference to something that may send a `Communication`:
/// relative (`Practitioner/dr-chen`) or absolute, optionally versioned.
/// The same pattern as the schema's `sender.reference`.
pub const SENDER_REFERENCE_PATTERN: &str = r"^(https?://[^\s/]+(/[^\s/]+)*/)?(Device|Organization|Patient|Practitioner|PractitionerRole|RelatedPerson|HealthcareService)/[A-Za-z0-9.\-]{1,64}(/_history/[A-Za-z0-9.\-]{1,64})?$";

static SENDER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, covered by tests
    Regex::new(SENDER_REFERENCE_PATTERN).expect("valid pattern")
});

/// Whether `c` counts as blank: Unicode White_Space, and the byte-order mark
/// (which JSON Schema's ECMAScript `\s` also counts).
fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// A body is text with something in it besides white space, at most
/// [`MAX_BODY_CHARS`] characters long.
pub fn is_valid_body(body: &str) -> bool {
    !body.chars().all(is_blank_char) && body.chars().count() <= MAX_BODY_CHARS
}

/// An RFC 3339 date-time with an offset (`2026-11-27T09:00:00Z`,
/// `2026-11-27T04:00:00-05:00`), as milliseconds since the Unix epoch.
pub fn rfc3339_ms(text: &str) -> Option<i64> {
    // RFC 3339's grammar has `T` (or `t`) here; the parser would also take a space.
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

pub fn is_sender_reference(reference: &str) -> bool {
    SENDER_REFERENCE.is_match(reference)
}

/// The first field whose value breaks its rule, beyond what its type says.
pub fn first_bad_value(envelope: &Envelope) -> Option<&'static str> {
    let bad_time = |t: &Option<String>| t.as_deref().is_some_and(|t| rfc3339_ms(t).is_none());
    if bad_time(&envelope.created_at) {
        Some("created_at")
    } else if bad_time(&envelope.not_before) {
        Some("not_before")
    } else if envelope
        .recipient
        .time_zone
        .as_deref()
        .is_some_and(|tz| !crate::common::time_zone::is_known(tz))
    {
        Some("recipient.time_zone")
    } else if envelope
        .sender
        .as_ref()
        .and_then(|s| s.reference.as_deref())
        .is_some_and(|r| !is_sender_reference(r))
    {
        Some("sender.reference")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_need_text_and_a_bounded_length() {
        assert!(is_valid_body("hi"));
        assert!(is_valid_body("  x  "));
        for blank in ["", " ", "\n\t", "\u{a0}\u{2003}", "\u{feff}", "\u{85}"] {
            assert!(!is_valid_body(blank), "{blank:?}");
        }
        assert!(is_valid_body(&"é".repeat(MAX_BODY_CHARS)));
        assert!(!is_valid_body(&"é".repeat(MAX_BODY_CHARS + 1)));
    }

    #[test]
    fn timestamps_are_rfc3339_with_an_offset() {
        assert_eq!(rfc3339_ms("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(rfc3339_ms("1970-01-01T01:00:01.5+01:00"), Some(1500));
        for bad in [
            "yesterday",
            "2026-11-27T09:00:00",
            "2026-11-27",
            "2026-11-27 09:00",
            "2026-11-27 09:00:00Z",
            "2026-02-30T09:00:00Z",
            "",
        ] {
            assert_eq!(rfc3339_ms(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sender_references_are_literal_fhir_references() {
        for good in [
            "Practitioner/dr-chen",
            "PractitionerRole/7",
            "Organization/oak.valley",
            "https://fhir.example.org/r4/Practitioner/12/_history/3",
        ] {
            assert!(is_sender_reference(good), "{good}");
        }
        for bad in [
            "dr-chen",
            "#prac",
            "Practitioner/",
            "Practitioner/a b",
            "Group/1",
            "Practitioner/1/extra",
            "urn:uuid:6f1c",
        ] {
            assert!(!is_sender_reference(bad), "{bad}");
        }
    }
}
