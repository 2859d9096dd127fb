//! How a consumer answers JetStream for one message: the same three answers
//! for intake, delivery and replies, mapped to JetStream's acknowledgements
//! in one place.

use std::time::Duration;

use async_nats::jetstream::{AckKind, Message};

/// What becomes of one message a consumer took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessingStatus {
    /// Done (its outputs, or its dead letter, are stored): never redelivered.
    Ack,
    /// Not done yet: redelivered after this delay (a failure to retry, or a
    /// deferral such as quiet hours).
    Nak(Duration),
    /// Never to be redelivered although not done: for a message that no
    /// delivery could ever finish and that is recorded elsewhere.
    Term,
}

impl ProcessingStatus {
    /// JetStream's acknowledgement for it.
    pub fn ack_kind(self) -> AckKind {
        match self {
            ProcessingStatus::Ack => AckKind::Ack,
            ProcessingStatus::Nak(delay) => AckKind::Nak(Some(delay)),
            ProcessingStatus::Term => AckKind::Term,
        }
    }
}

/// Answers JetStream for `msg`. An answer that does not arrive only means a
/// redelivery, which every consumer handles (its outputs are deduplicated).
pub async fn settle(stage: &'static str, msg: &Message, status: ProcessingStatus) {
    if let Err(e) = msg.ack_with(status.ack_kind()).await {
        tracing::warn!(stage, error = %e, "ack failed; the message will be redelivered");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_acknowledgement() {
        let delay = Duration::from_secs(3);
        assert!(matches!(ProcessingStatus::Ack.ack_kind(), AckKind::Ack));
        assert!(matches!(
            ProcessingStatus::Nak(delay).ack_kind(),
            AckKind::Nak(Some(d)) if d == delay
        ));
        assert!(matches!(ProcessingStatus::Term.ack_kind(), AckKind::Term));
    }
}
