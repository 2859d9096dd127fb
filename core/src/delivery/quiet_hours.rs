//! Quiet hours for SMS (TCPA-style): no non-urgent text message reaches a
//! patient's phone outside the hours their local clock allows.
//!
//! The rule is a window of local wall-clock time, `[start, end)` on the same
//! day (by default 08:00–21:00), judged in the *recipient's* time zone (the
//! envelope's `recipient.time_zone`, else a configured default zone). Some
//! states and regions are stricter; a per-region window (keyed by the ISO
//! 3166-2 code of the envelope's `recipient.region`) is intersected with the
//! general one, so configuration can narrow the window but never widen it.
//!
//! A message outside the window is **deferred, never dropped**:
//! [`QuietHours::release`] answers [`Release::Now`] or the instant at which the
//! window next opens, and the delivery stage holds the message until then.
//! Urgency is not this module's business: the caller asks only for messages
//! that quiet hours apply to.
//!
//! "Inside the window" is a property of an instant: its local clock time (in
//! the recipient's zone, with that instant's UTC offset) lies in
//! `[start, end)`. The release instant is the *earliest* instant at or after
//! `now` with that property. On most days that is simply `start` on today's or
//! tomorrow's date, but daylight-saving transitions make local time jump:
//!
//! * when `start` falls into a spring-forward gap (e.g. 02:30 on a day whose
//!   clocks go from 02:00 straight to 03:00), the window opens at the
//!   transition itself, when the clock first reads a time past `start`;
//! * when `start` falls into a fall-back fold (a local hour that happens
//!   twice), the window opens at the first occurrence, and if the clock later
//!   falls back below `start`, those instants are quiet again and the window
//!   reopens at the second occurrence;
//! * when a gap swallows the whole window, that day has no allowed instant and
//!   the message waits for the next day's window.
//!
//! This module is pure: it reads no clock (the caller passes `now` in
//! milliseconds since the Unix epoch) and does no I/O; time-zone rules come
//! from the IANA database bundled into jiff.

use jiff::{SignedDuration, Timestamp, civil::DateTime, tz::TimeZone};

/// How many local days past today the search for the next opening looks.
/// A real window opens at least once a day; the margin covers zones that
/// skipped whole calendar days (e.g. Pacific/Apia on 2011-12-30).
const SEARCH_DAYS: i64 = 7;

/// One day in milliseconds (the last-resort deferral, see [`QuietHours::release`]).
const DAY_MS: i64 = 86_400_000;

pub use crate::config::QuietHoursConfig;
use crate::config::quiet_hours::{QuietHoursRules, Window};

/// The rules of `[channels.sms.quiet_hours]`, ready to answer [`Self::release`].
#[derive(Debug, Clone)]
pub struct QuietHours(QuietHoursRules);

/// Whether an SMS may go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    Now,
    /// Outside the window: send at this instant (ms since the Unix epoch), when
    /// the window next opens in the recipient's zone.
    At {
        at_ms: i64,
    },
}

impl QuietHours {
    /// Validates and compiles the section; the error names the bad key and
    /// value (see [`QuietHoursConfig::compile`]).
    pub fn new(config: &QuietHoursConfig) -> Result<Self, String> {
        config.compile().map(Self)
    }

    /// `time_zone`: the recipient's IANA zone from the envelope, if any (already
    /// validated upstream, but if unknown fall back to the default zone).
    /// `region`: the recipient's ISO 3166-2 region, if any (unknown regions use
    /// the default window; matching is case-insensitive).
    ///
    /// A deferral is always strictly later than `now_ms`, and its instant lies
    /// inside the window in the recipient's zone; it is the earliest such
    /// instant.
    ///
    /// Two cases that real clocks and zones never produce are answered without
    /// a calendar: a `now_ms` outside jiff's range (years -9999..=9999) gives
    /// [`Release::Now`] (holding a message against such a clock would hold it
    /// forever), and a zone whose window does not open within a week gives a
    /// deferral by one day.
    pub fn release(&self, now_ms: i64, time_zone: Option<&str>, region: Option<&str>) -> Release {
        let rules = &self.0;
        if !rules.enabled {
            return Release::Now;
        }
        let Ok(now) = Timestamp::from_millisecond(now_ms) else {
            return Release::Now;
        };
        let zone = time_zone
            .and_then(crate::common::time_zone::lookup)
            .unwrap_or_else(|| rules.default_zone.clone());
        let window = region
            .and_then(|code| rules.regions.get(&code.to_ascii_uppercase()))
            .copied()
            .unwrap_or(rules.window);
        if window.contains(zone.to_datetime(now).time()) {
            return Release::Now;
        }
        match next_opening(&zone, window, now) {
            Some(at) => Release::At {
                at_ms: at.as_millisecond(),
            },
            None => Release::At {
                at_ms: now_ms.saturating_add(DAY_MS),
            },
        }
    }
}

/// The earliest instant after `now` whose local time in `zone` lies in
/// `window` (`now` itself is known to be outside it), searching about a week
/// ahead.
///
/// The allowed instants form intervals; each one begins either where the
/// local clock passes `start` continuously (an instant whose local time is
/// exactly `start`: one per day, none in a gap, two in a fold) or where it
/// jumps into the window at a time-zone transition. Both kinds of candidate
/// are collected, each is checked against the window, and the earliest wins.
fn next_opening(zone: &TimeZone, window: Window, now: Timestamp) -> Option<Timestamp> {
    let allowed = |t: Timestamp| t > now && window.contains(zone.to_datetime(t).time());
    let offer = |best: &mut Option<Timestamp>, t: Timestamp| {
        if allowed(t) && best.is_none_or(|b| t < b) {
            *best = Some(t);
        }
    };
    let mut best: Option<Timestamp> = None;

    // Local `start` on each day from yesterday (a zone that moved its clock
    // back across midnight can still have yesterday's start ahead of `now`).
    let today = zone.to_datetime(now).date();
    let mut day = today.yesterday().unwrap_or(today);
    for _ in 0..SEARCH_DAYS + 2 {
        let ambiguous = zone.to_ambiguous_timestamp(DateTime::from_parts(day, window.start));
        // Unambiguous: both are the same instant. Fold: the two occurrences.
        // Gap: instants whose local time is not `start`; harmless, since the
        // window check judges them and the transition below is earlier.
        for t in [ambiguous.earlier(), ambiguous.later()]
            .into_iter()
            .flatten()
        {
            offer(&mut best, t);
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }

    // Transitions that land the clock inside the window, up to the best
    // candidate so far (or the search horizon).
    let horizon = now
        .checked_add(SignedDuration::from_hours(24 * (SEARCH_DAYS + 1)))
        .unwrap_or(Timestamp::MAX);
    for transition in zone.following(now) {
        let t = transition.timestamp();
        if t > best.unwrap_or(horizon) {
            break;
        }
        offer(&mut best, t);
    }
    best
}

#[cfg(test)]
mod tests;
