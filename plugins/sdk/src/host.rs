//! Thin wrappers over the host imports that are not key-value lookups.
//! Only callable inside a component: on a native target they panic.

use crate::LogLevel;
use crate::bindings::carewire::plugin::host as imports;

/// The time carewire considers "now" for this message (ms since the Unix epoch).
pub fn now_ms() -> i64 {
    imports::now_ms()
}

/// A PHI-safe log event: `event` and field names must be codes (see
/// [`crate::is_code`]); values are numbers only. Never pass message text.
pub fn log(level: LogLevel, event: &str, fields: &[(&str, i64)]) {
    let fields: Vec<(String, i64)> = fields.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
    imports::log(level, event, &fields);
}
