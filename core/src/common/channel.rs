//! The channels a message can leave on, named the same everywhere: in
//! subjects, stream names, config sections and records.

use serde::{Deserialize, Serialize};

/// The channels carewire can send a message on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Portal,
    Escalation,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Sms, Channel::Portal, Channel::Escalation];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Portal => "portal",
            Channel::Escalation => "escalation",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
