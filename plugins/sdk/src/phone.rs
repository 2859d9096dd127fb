//! Phone number normalisation shared by the plugins.
//!
//! [`digits`], [`comparable`] and [`same_number`] are a light, US-centred
//! comparison by digits. With the `e164` feature, [`e164`] normalises a
//! number to E.164 with libphonenumber's metadata (any country, national
//! formats read against a default region): use it where a number decides
//! who may receive a message.

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

/// Why [`e164`] could not normalise a number. The variants are codes, never
/// the number itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// No digits at all.
    Empty,
    /// The default region is not a known ISO 3166 region code.
    UnknownRegion,
    /// Not a phone number (libphonenumber could not parse it).
    NotANumber,
    /// Parsed, but no number of that country has this length (too short,
    /// too long, or only dialable locally, without an area code).
    NotPossible,
    /// Has an extension: not a number a text message can reach.
    Extension,
}

impl PhoneError {
    /// A code for reasons and logs.
    pub fn code(self) -> &'static str {
        match self {
            PhoneError::Empty => "phone_empty",
            PhoneError::UnknownRegion => "phone_region_unknown",
            PhoneError::NotANumber => "phone_not_a_number",
            PhoneError::NotPossible => "phone_not_possible",
            PhoneError::Extension => "phone_extension",
        }
    }
}

/// Whether `region` ("US", "GB", ...) is a region libphonenumber knows.
#[cfg(feature = "e164")]
pub fn is_known_region(region: &str) -> bool {
    known_region(region).is_some()
}

#[cfg(feature = "e164")]
fn known_region(region: &str) -> Option<rlibphonenumber::Region> {
    use rlibphonenumber::{PHONE_NUMBER_UTIL, Region};
    let region = Region::from_code(region).ok()?;
    PHONE_NUMBER_UTIL
        .get_country_code_for_region(region)
        .map(|_| region)
}

/// Normalises `text` to E.164 ("+15551234567"). A number without a country
/// code is read as a national number of `default_region` (ISO 3166 alpha-2,
/// e.g. "US"); one with `+` or an international prefix keeps its own
/// country. The number must have a possible length for its country (the
/// number ranges themselves are not checked, so fictional 555 numbers
/// pass) and no extension.
#[cfg(feature = "e164")]
pub fn e164(text: &str, default_region: &str) -> Result<String, PhoneError> {
    use rlibphonenumber::{NumberLengthType, PHONE_NUMBER_UTIL, PhoneNumberFormat};

    if digits(text).is_empty() {
        return Err(PhoneError::Empty);
    }
    let region = known_region(default_region).ok_or(PhoneError::UnknownRegion)?;
    if is_nanp_e164(text) {
        return Ok(text.to_owned());
    }
    let number = PHONE_NUMBER_UTIL
        .parse(text, Some(region))
        .map_err(|_| PhoneError::NotANumber)?;
    if number.extension.as_deref().is_some_and(|e| !e.is_empty()) {
        return Err(PhoneError::Extension);
    }
    match PHONE_NUMBER_UTIL.is_possible_number_with_reason(&number) {
        Ok(NumberLengthType::IsPossible) => {}
        _ => return Err(PhoneError::NotPossible),
    }
    Ok(PHONE_NUMBER_UTIL
        .format(&number, PhoneNumberFormat::E164)
        .into_owned())
}

/// Whether `text` is a North American number already in E.164: `+1`, then
/// ten digits whose area code does not start with 0 or 1. Such a number is
/// its own normal form, so [`e164`] returns it without libphonenumber's
/// parse (built on regex-lite, the parse is most of a plugin's time on a
/// message; a test checks the shortcut against it).
#[cfg(feature = "e164")]
fn is_nanp_e164(text: &str) -> bool {
    text.strip_prefix("+1").is_some_and(|national| {
        national.len() == 10
            && national.bytes().all(|b| b.is_ascii_digit())
            && !national.starts_with(['0', '1'])
    })
}

/// Whether two numbers normalise to the same E.164 number (see [`e164`]).
/// A number that does not normalise matches nothing.
#[cfg(feature = "e164")]
pub fn same_e164(a: &str, b: &str, default_region: &str) -> bool {
    match (e164(a, default_region), e164(b, default_region)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Loads libphonenumber's metadata now (a few milliseconds) rather than on
/// the first message: call it from `init`, whose time budget is larger.
#[cfg(feature = "e164")]
pub fn warm_up() {
    let _ = e164("+12015550123", "US");
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

    #[cfg(feature = "e164")]
    mod e164 {
        use super::super::*;

        #[test]
        fn national_and_international_forms_normalise() {
            for variant in [
                "+15551234567",
                "15551234567",
                "1-555-123-4567",
                "(555) 123-4567",
                "555.123.4567",
                "+1 (555) 123-4567",
                "011 1 555 123 4567",
            ] {
                assert_eq!(
                    e164(variant, "US").as_deref(),
                    Ok("+15551234567"),
                    "{variant}"
                );
            }
            assert_eq!(
                e164("+44 20 7946 0958", "US").as_deref(),
                Ok("+442079460958")
            );
            assert_eq!(e164("020 7946 0958", "GB").as_deref(), Ok("+442079460958"));
            // A leading national digit after the country code is kept.
            assert_eq!(
                e164("+33 1 23 45 67 89", "US").as_deref(),
                Ok("+33123456789")
            );
            assert_eq!(e164("01 23 45 67 89", "FR").as_deref(), Ok("+33123456789"));
        }

        #[test]
        fn rejects_what_is_not_a_textable_number() {
            assert_eq!(e164("", "US"), Err(PhoneError::Empty));
            assert_eq!(e164("call me", "US"), Err(PhoneError::Empty));
            assert_eq!(e164("12", "US"), Err(PhoneError::NotPossible));
            assert_eq!(
                e164("+1 555 123 45678 9", "US"),
                Err(PhoneError::NotPossible)
            );
            // Seven digits: only dialable locally, the area code is missing.
            assert_eq!(e164("123-4567", "US"), Err(PhoneError::NotPossible));
            assert_eq!(
                e164("+1 555 123 4567 ext. 12", "US"),
                Err(PhoneError::Extension)
            );
            assert_eq!(e164("5551234567", "ZZ"), Err(PhoneError::UnknownRegion));
            assert!(is_known_region("US") && is_known_region("GB") && !is_known_region("XX"));
        }

        /// libphonenumber's own answer, without the NANP shortcut.
        fn parsed(text: &str, region: &str) -> Result<String, PhoneError> {
            use rlibphonenumber::{NumberLengthType, PHONE_NUMBER_UTIL, PhoneNumberFormat};
            let region = known_region(region).ok_or(PhoneError::UnknownRegion)?;
            let number = PHONE_NUMBER_UTIL
                .parse(text, Some(region))
                .map_err(|_| PhoneError::NotANumber)?;
            match PHONE_NUMBER_UTIL.is_possible_number_with_reason(&number) {
                Ok(NumberLengthType::IsPossible) => {}
                _ => return Err(PhoneError::NotPossible),
            }
            Ok(PHONE_NUMBER_UTIL
                .format(&number, PhoneNumberFormat::E164)
                .into_owned())
        }

        #[test]
        fn the_nanp_shortcut_gives_what_libphonenumber_gives() {
            // Area codes 200-999 each with spread exchanges and lines, in
            // every default region the plugins are likely to run with.
            let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
            let mut checked = 0;
            for area in 200..1000 {
                for _ in 0..6 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let number = format!("+1{area}{:07}", seed % 10_000_000);
                    assert!(is_nanp_e164(&number), "{number}");
                    let region = ["US", "CA", "GB", "MX"][checked % 4];
                    assert_eq!(
                        e164(&number, region),
                        parsed(&number, region),
                        "{number} in {region}"
                    );
                    checked += 1;
                }
            }
            // Not the shortcut's: left to libphonenumber.
            for other in [
                "+10123456789",
                "+11234567890",
                "+1555123456",
                "+155512345678",
                "+1 5551234567",
                "+1555123456a",
                "+442079460958",
                "15551234567",
            ] {
                assert!(!is_nanp_e164(other), "{other}");
            }
            assert_eq!(e164("+15551234567", "ZZ"), Err(PhoneError::UnknownRegion));
        }

        #[test]
        fn same_e164_needs_both_numbers_valid() {
            assert!(same_e164("+15551234567", "(555) 123-4567", "US"));
            assert!(!same_e164("+15551234567", "+15551234568", "US"));
            assert!(!same_e164("12", "12", "US"));
            // The default region decides what a national number means.
            assert!(!same_e164("+15551234567", "020 7946 0958", "GB"));
            warm_up();
        }
    }
}
