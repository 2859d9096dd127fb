//! The dead-letter queue: what no channel may take, with the original bytes
//! and a machine-readable reason in the headers, so a person can act on it.

/// The DLQ subject suffixes (`<prefix>.dlq.<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DlqKind {
    /// The payload is not a valid request.
    Invalid,
    /// A valid request no channel may take.
    Undeliverable,
    /// A routed message its channel could not deliver (refused, retries
    /// spent, outcome unknown, or cancelled with nowhere else to go).
    DeliveryFailed,
}

impl DlqKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DlqKind::Invalid => "invalid",
            DlqKind::Undeliverable => "undeliverable",
            DlqKind::DeliveryFailed => "delivery_failed",
        }
    }
}

/// Header with the reason code (`bad_json`, `missing_field:body`, `no_channel_allowed`...).
pub const REASON_HEADER: &str = "Carewire-Reason";
/// Header with the message id, when it is known.
pub const MESSAGE_ID_HEADER: &str = "Carewire-Message-Id";
/// Header with the inbound stream sequence of the original request.
pub const SEQUENCE_HEADER: &str = "Carewire-Inbound-Sequence";
/// Header with the channel a delivery failed on.
pub const CHANNEL_HEADER: &str = "Carewire-Channel";
/// Header with the target (`twilio`, `fhir`...) a delivery failed at.
pub const TARGET_HEADER: &str = "Carewire-Target";
/// Header with the provider's HTTP status, when it answered.
pub const PROVIDER_STATUS_HEADER: &str = "Carewire-Provider-Status";
/// Header with the provider's error code (a number or a word), when it gave one.
pub const PROVIDER_CODE_HEADER: &str = "Carewire-Provider-Code";
/// Header with how many provider calls were made.
pub const ATTEMPTS_HEADER: &str = "Carewire-Attempts";
