//! What one consent record says at one time, whatever its format
//! (carewire's own record in [`crate::record`], FHIR in [`crate::fhir`]).

use carewire_plugin_sdk::timestamp;

/// What one record says about texting its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sms {
    /// Do not contact at all (the message goes nowhere).
    DoNotContact,
    /// Revoked: opted out (STOP), refused, or withdrawn.
    Revoked,
    /// Not a record of a shape this plugin knows, or a bad timestamp.
    Invalid,
    /// Void (a FHIR consent entered in error): as if absent.
    Void,
    /// Consent neither given nor refused.
    Unknown,
    /// Given, but only from a time still to come.
    NotYetEffective,
    /// Given, but expired.
    Expired,
    Granted,
}

/// What one record says about PHI in the text of an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phi {
    /// No written consent to PHI over SMS.
    NotGranted,
    /// Marked as consented, but obtained in a way that is not written
    /// (verbal, by phone, by text keyword): not enough for PHI.
    NotWritten,
    /// Written consent to PHI over SMS.
    Granted,
    /// Explicitly refused (a FHIR deny provision for PHI by SMS).
    Denied,
}

/// One record's reading at one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub sms: Sms,
    pub phi: Phi,
}

impl Reading {
    pub const fn of(sms: Sms) -> Self {
        Self {
            sms,
            phi: Phi::NotGranted,
        }
    }
}

/// `Some(None)` for no timestamp, `Some(Some(ms))` for a valid one, `None`
/// for an invalid one.
pub fn optional_ms(text: Option<&str>) -> Option<Option<i64>> {
    match text {
        None => Some(None),
        Some(text) => timestamp::rfc3339_ms(text).map(Some),
    }
}
