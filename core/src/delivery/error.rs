//! Why a delivery step did not finish. Every kind leaves the dispatch
//! message unacknowledged for JetStream to deliver again (the ledger and
//! deduplicated outputs make the repeat safe); the code is what the DLQ and
//! the delivery audit record name when no delivery finishes it.

use crate::nats::{KvError, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// A KV bucket of delivery (the ledger, the SMS numbers) failed.
    #[error(transparent)]
    Kv(#[from] KvError),
    /// JetStream did not store an output (event, audit record, DLQ
    /// message, fallback dispatch).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Its last delivery did not finish, and storing its dead letter failed.
    #[error("dead letter not stored")]
    DeadLetterNotStored,
}

impl DeliveryError {
    /// The code recorded as the message's last failure.
    pub fn code(&self) -> &'static str {
        match self {
            DeliveryError::Kv(_) | DeliveryError::Store(_) => "delivery_step_failed",
            DeliveryError::DeadLetterNotStored => "dead_letter_not_stored",
        }
    }
}
