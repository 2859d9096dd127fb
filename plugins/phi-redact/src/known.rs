//! The identifiers the envelope itself carries, prepared for matching.

use carewire_plugin_sdk::{Message, phone};

/// A birth date split into numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthDate {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl BirthDate {
    /// Parses the envelope's ISO 8601 date ("1962-03-14", or a longer
    /// timestamp starting with one).
    pub fn parse(iso: &str) -> Option<Self> {
        let date = iso.trim().get(..10)?;
        let mut parts = date.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Self { year, month, day })
    }
}

/// What this message's envelope says about who it is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Lowercased letters and digits of each full name and each name part
    /// of two or more characters ("Mary-Anne O'Neil" gives "maryanneoneil",
    /// "maryanne", "mary", "anne", "oneil", "neil").
    pub names: Vec<String>,
    /// The MRN as lowercased letters and digits, and without leading zeros.
    pub mrns: Vec<String>,
    /// The recipient's phone as digits, with and without the US country code.
    pub phones: Vec<String>,
    pub birth_date: Option<BirthDate>,
    /// The year it is now (UTC), by the host's clock: what makes a birth
    /// year one of someone over 89.
    pub this_year: Option<u32>,
}

fn alnum_lower(text: &str) -> String {
    if text.is_ascii() {
        // Most envelope values: no Unicode case tables to consult.
        return text
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn push_unique(list: &mut Vec<String>, value: String, min_chars: usize) {
    if value.chars().count() >= min_chars && !list.contains(&value) {
        list.push(value);
    }
}

fn add_name(names: &mut Vec<String>, name: &str) {
    push_unique(names, alnum_lower(name), 2);
    for part in name.split_whitespace() {
        push_unique(names, alnum_lower(part), 2);
        for piece in part.split(|c: char| !c.is_alphanumeric()) {
            push_unique(names, alnum_lower(piece), 2);
        }
    }
}

impl Known {
    /// What the envelope of `message` says, at `now_ms` (the host's clock).
    pub fn from_message(message: &Message, now_ms: i64) -> Self {
        let mut known = Known {
            this_year: year_of(now_ms),
            ..Known::default()
        };
        for name in [&message.patient.name, &message.recipient.name]
            .into_iter()
            .flatten()
        {
            add_name(&mut known.names, name);
        }
        if let Some(mrn) = &message.patient.mrn {
            let mrn = alnum_lower(mrn);
            let trimmed = mrn.trim_start_matches('0').to_owned();
            push_unique(&mut known.mrns, mrn, 3);
            push_unique(&mut known.mrns, trimmed, 4);
        }
        if let Some(number) = &message.recipient.phone {
            let comparable = phone::comparable(number);
            push_unique(&mut known.phones, phone::digits(number), 7);
            if comparable.len() == 10 {
                push_unique(&mut known.phones, format!("1{comparable}"), 7);
            }
            push_unique(&mut known.phones, comparable, 7);
        }
        known.birth_date = message
            .patient
            .birth_date
            .as_deref()
            .and_then(BirthDate::parse);
        known
    }
}

/// The UTC calendar year of a Unix time in milliseconds, if it is after
/// 1970 (a clock at 0 is no clock).
fn year_of(now_ms: i64) -> Option<u32> {
    carewire_plugin_sdk::timestamp::utc_year(now_ms)
        .and_then(|y| u32::try_from(y).ok())
        .filter(|&y| y > 1970)
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::testing;

    use super::*;

    #[test]
    fn collects_names_numbers_and_birth_date() {
        let mut msg = testing::message("x");
        msg.patient.name = Some("Mary-Anne O'Neil".to_owned());
        msg.recipient.name = Some("J Smith".to_owned());
        msg.patient.mrn = Some("00-12345".to_owned());
        msg.patient.birth_date = Some("1962-03-14".to_owned());
        let known = Known::from_message(&msg, 0);
        for name in [
            "maryanneoneil",
            "maryanne",
            "mary",
            "anne",
            "oneil",
            "neil",
            "jsmith",
            "smith",
        ] {
            assert!(known.names.contains(&name.to_owned()), "{name}");
        }
        assert!(!known.names.contains(&"j".to_owned()));
        assert_eq!(known.mrns, vec!["0012345", "12345"]);
        assert_eq!(known.phones, vec!["15551234567", "5551234567"]);
        assert_eq!(
            known.birth_date,
            Some(BirthDate {
                year: 1962,
                month: 3,
                day: 14
            })
        );
    }

    #[test]
    fn the_year_now_comes_from_the_clock() {
        assert_eq!(year_of(1_796_000_000_000), Some(2026));
        assert_eq!(
            year_of(1_767_225_599_999),
            Some(2025),
            "23:59:59.999 on 31 Dec 2025"
        );
        assert_eq!(year_of(1_767_225_600_000), Some(2026));
        assert_eq!(year_of(0), None, "no clock, no year");
    }

    #[test]
    fn bad_birth_dates_are_ignored() {
        assert_eq!(BirthDate::parse("1962-13-01"), None);
        assert_eq!(BirthDate::parse("03/14/1962"), None);
        assert!(BirthDate::parse("1962-03-14T00:00:00Z").is_some());
    }
}
