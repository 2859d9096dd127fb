//! IANA time zones by name: what the envelope checks a recipient's zone
//! against, and what quiet hours compute in.

use jiff::tz::TimeZone;

/// Looks `name` up in the bundled IANA database (ASCII case-insensitively, as
/// jiff does). `Etc/Unknown`, jiff's placeholder for "no idea", is not a zone.
pub fn lookup(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok().filter(|tz| !tz.is_unknown())
}

/// Whether `name` is an IANA time zone carewire knows (for envelope
/// validation). The lookup ignores ASCII case ("america/new_york" is known),
/// like the one quiet hours use, so every name accepted here is honoured
/// there.
pub fn is_known(name: &str) -> bool {
    lookup(name).is_some()
}
