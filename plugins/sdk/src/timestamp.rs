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

/// The UTC calendar year of `ms` since the Unix epoch (`None` when `time`
/// cannot represent it).
pub fn utc_year(ms: i64) -> Option<i32> {
    OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .map(OffsetDateTime::year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_instants() {
        assert_eq!(utc_year(0), Some(1970));
        assert_eq!(
            utc_year(1_767_225_599_999),
            Some(2025),
            "23:59:59.999 on 31 Dec 2025"
        );
        assert_eq!(utc_year(1_767_225_600_000), Some(2026));
        assert_eq!(utc_year(-1), Some(1969));
        assert_eq!(utc_year(i64::MAX), None);
    }

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
