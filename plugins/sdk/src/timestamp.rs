//! RFC 3339 timestamps as milliseconds since the Unix epoch.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub const MS_PER_DAY: i64 = 86_400_000;

/// Parses an RFC 3339 timestamp ("2024-05-01T12:00:00Z") into ms since the
/// Unix epoch; `None` when it is not valid RFC 3339.
pub fn rfc3339_ms(text: &str) -> Option<i64> {
    let parsed = OffsetDateTime::parse(text.trim(), &Rfc3339).ok()?;
    i64::try_from(parsed.unix_timestamp_nanos() / 1_000_000).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets() {
        assert_eq!(rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_ms("1970-01-02T00:00:00.5Z"), Some(MS_PER_DAY + 500));
        assert_eq!(rfc3339_ms("1970-01-01T01:00:00+01:00"), Some(0));
    }

    #[test]
    fn rejects_other_formats() {
        assert_eq!(rfc3339_ms("2024-05-01"), None);
        assert_eq!(rfc3339_ms("yesterday"), None);
    }
}
