//! What a plugin answers, as core data (lifted from the WIT `verdict` by
//! [`super::instance`]); [`crate::route`] folds a chain of them.

use crate::common::channel::Channel;

/// One plugin's answer, as core data. Every string but the bodies is a code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// `Some(reason)`: the chain stops and the message is undeliverable.
    pub halt: Option<String>,
    pub deny: Vec<Channel>,
    pub require: Option<Channel>,
    pub bodies: Vec<(Channel, String)>,
    pub labels: Vec<(String, String)>,
    pub reasons: Vec<String>,
}
