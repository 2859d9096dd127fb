//! `[channels.sms.quiet_hours]`: the hours SMS may reach a patient, parsed
//! and checked into [`QuietHoursRules`] (what the delivery stage's quiet
//! hours compute with).

use std::collections::BTreeMap;

use jiff::{civil::Time, tz::TimeZone};

/// The configuration key this section lives under, for error messages.
const KEY: &str = "channels.sms.quiet_hours";

fn default_enabled() -> bool {
    true
}

fn default_window() -> String {
    "08:00-21:00".to_owned()
}

fn default_time_zone() -> String {
    "America/New_York".to_owned()
}

/// `[channels.sms.quiet_hours]` in carewire's TOML config.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHoursConfig {
    /// Off: SMS go out at any hour. Default true.
    #[serde(default = "default_enabled")]
    pub enabled: bool,
    /// Allowed local window, "HH:MM-HH:MM", start before end, same day. Default "08:00-21:00".
    #[serde(default = "default_window")]
    pub window: String,
    /// IANA zone used when the envelope names none. Default "America/New_York".
    #[serde(default = "default_time_zone")]
    pub default_time_zone: String,
    /// Stricter windows by region (ISO 3166-2 code as in the envelope's
    /// `recipient.region`, e.g. "US-FL" = "08:00-20:00"). A region's window is
    /// intersected with `window`, so it can only narrow it.
    #[serde(default)]
    pub regions: BTreeMap<String, String>,
    /// Deferred SMS are released over this many seconds after the window
    /// opens, so that a night's backlog does not hit the provider at once.
    #[serde(default = "default_release_jitter_secs")]
    pub release_jitter_secs: u64,
}

fn default_release_jitter_secs() -> u64 {
    30
}

impl Default for QuietHoursConfig {
    fn default() -> Self {
        QuietHoursConfig {
            enabled: default_enabled(),
            window: default_window(),
            default_time_zone: default_time_zone(),
            regions: BTreeMap::new(),
            release_jitter_secs: default_release_jitter_secs(),
        }
    }
}

/// The parsed and checked section.
#[derive(Debug, Clone)]
pub struct QuietHoursRules {
    pub enabled: bool,
    /// The general window.
    pub window: Window,
    /// Used when the envelope names no zone, or one jiff does not know.
    pub default_zone: TimeZone,
    /// Region code (ASCII upper case) -> its window, already intersected with
    /// `window`.
    pub regions: BTreeMap<String, Window>,
}

/// A local wall-clock window `[start, end)` within one day; `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Time,
    pub end: Time,
}

impl Window {
    /// Parses "HH:MM-HH:MM" exactly (two-digit fields, 00:00..=23:59, start
    /// strictly before end).
    pub fn parse(text: &str) -> Option<Window> {
        let (start, end) = text.split_once('-')?;
        let window = Window {
            start: parse_hh_mm(start)?,
            end: parse_hh_mm(end)?,
        };
        (window.start < window.end).then_some(window)
    }

    /// Whether local `time` is inside.
    pub fn contains(self, time: Time) -> bool {
        self.start <= time && time < self.end
    }

    /// The common part of two windows, if any.
    pub fn intersect(self, other: Window) -> Option<Window> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Window { start, end })
    }
}

/// "HH:MM", two ASCII digits each, hour 00..=23, minute 00..=59.
fn parse_hh_mm(text: &str) -> Option<Time> {
    let &[h1, h0, b':', m1, m0] = text.as_bytes() else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| (b - b'0') as i8);
    let hour = digit(h1)? * 10 + digit(h0)?;
    let minute = digit(m1)? * 10 + digit(m0)?;
    // Time::new rejects hour 24 and minute 60 and above.
    Time::new(hour, minute, 0, 0).ok()
}

/// An ISO 3166-2 subdivision code: two letters, '-', one to three letters or
/// digits ("US-FL", "CA-QC", "FR-75C"). Either case.
fn is_region_code(code: &str) -> bool {
    let Some((country, subdivision)) = code.split_once('-') else {
        return false;
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_alphabetic())
        && (1..=3).contains(&subdivision.len())
        && subdivision.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl QuietHoursConfig {
    /// Validates and compiles; the error names the bad key and value (e.g.
    /// `channels.sms.quiet_hours.regions."US-FL": "20:00-08:00" must be
    /// HH:MM-HH:MM with start before end`). Unknown IANA zone in
    /// default_time_zone -> error. Empty intersection (region window disjoint
    /// from default) -> error.
    ///
    /// The whole section is validated even when `enabled` is false, so turning
    /// quiet hours back on cannot reveal a broken configuration.
    pub fn compile(&self) -> Result<QuietHoursRules, String> {
        let config = self;
        const FORMAT: &str = "must be HH:MM-HH:MM with start before end";
        let window = Window::parse(&config.window)
            .ok_or_else(|| format!("{KEY}.window: {:?} {FORMAT}", config.window))?;
        let default_zone =
            crate::common::time_zone::lookup(&config.default_time_zone).ok_or_else(|| {
                format!(
                    "{KEY}.default_time_zone: {:?} is not a known IANA time zone",
                    config.default_time_zone
                )
            })?;
        let mut regions = BTreeMap::new();
        for (code, text) in &config.regions {
            if !is_region_code(code) {
                return Err(format!(
                    "{KEY}.regions.{code:?}: {code:?} must be an ISO 3166-2 code such as \"US-FL\""
                ));
            }
            let own = Window::parse(text)
                .ok_or_else(|| format!("{KEY}.regions.{code:?}: {text:?} {FORMAT}"))?;
            let narrowed = own.intersect(window).ok_or_else(|| {
                format!(
                    "{KEY}.regions.{code:?}: {text:?} does not overlap {KEY}.window {:?}",
                    config.window
                )
            })?;
            let upper = code.to_ascii_uppercase();
            if regions.insert(upper.clone(), narrowed).is_some() {
                return Err(format!(
                    "{KEY}.regions.{code:?}: region {upper:?} is listed twice (codes ignore case)"
                ));
            }
        }
        Ok(QuietHoursRules {
            enabled: config.enabled,
            window,
            default_zone,
            regions,
        })
    }
}
