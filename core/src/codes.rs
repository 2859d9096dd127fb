//! Codes: the only strings a plugin can put into audit records, labels and
//! logs. A code is 1 to 64 characters of `a-z 0-9 _ . : -` starting with a
//! letter or digit, so it cannot carry a name, a sentence or a phone number
//! in readable form.

/// What a plugin-supplied string that is not a code becomes.
pub const INVALID_CODE: &str = "invalid_code";

/// Whether `s` is a code.
pub fn is_code(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
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
    fn codes_and_non_codes() {
        assert!(is_code("consent_missing"));
        assert!(is_code("urgent:chest_pain"));
        assert!(!is_code(""));
        assert!(!is_code("John Smith"));
        assert!(!is_code("+15551234567"));
        assert!(!is_code("_leading"));
        assert!(!is_code(&"a".repeat(65)));
        assert_eq!(sanitize("Jane Doe".into()), INVALID_CODE);
        assert_eq!(sanitize("ok".into()), "ok");
    }
}
