//! The dead-letter queue: what no channel may take, with the original bytes
//! and a machine-readable reason in the headers, so a person can act on it.

/// The DLQ subject suffixes (`<prefix>.dlq.<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DlqKind {
    /// The payload is not a valid request.
    Invalid,
    /// A valid request no channel may take.
    Undeliverable,
}

impl DlqKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DlqKind::Invalid => "invalid",
            DlqKind::Undeliverable => "undeliverable",
        }
    }
}

/// Header with the reason code (`bad_json`, `missing_field:body`, `no_channel_allowed`...).
pub const REASON_HEADER: &str = "Carewire-Reason";
/// Header with the message id, when it is known.
pub const MESSAGE_ID_HEADER: &str = "Carewire-Message-Id";
/// Header with the inbound stream sequence of the original request.
pub const SEQUENCE_HEADER: &str = "Carewire-Inbound-Sequence";
