//! Phone number normalisation shared by the plugins.

/// The ASCII digits of `text`, in order ("+1 (555) 123-4567" -> "15551234567").
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// A comparable form of a phone number: its digits, with the US country
/// code dropped from an 11-digit number starting with 1, so "+15551234567",
/// "1-555-123-4567" and "(555) 123-4567" all give "5551234567".
pub fn comparable(text: &str) -> String {
    let digits = digits(text);
    match digits.strip_prefix('1') {
        Some(rest) if digits.len() == 11 => rest.to_owned(),
        _ => digits,
    }
}

/// Whether two phone numbers are the same number (see [`comparable`]).
/// Numbers without digits never match.
pub fn same_number(a: &str, b: &str) -> bool {
    let a = comparable(a);
    !a.is_empty() && a == comparable(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_variants_compare_equal() {
        for variant in [
            "+15551234567",
            "15551234567",
            "(555) 123-4567",
            "555.123.4567",
            "+1 555 123 4567",
        ] {
            assert!(same_number("+15551234567", variant), "{variant}");
        }
    }

    #[test]
    fn different_or_empty_numbers_do_not_match() {
        assert!(!same_number("+15551234567", "+15551234568"));
        assert!(!same_number("", ""));
        assert!(!same_number("+445551234567", "5551234567"));
        assert_eq!(digits("+1 (555)"), "1555");
    }
}
