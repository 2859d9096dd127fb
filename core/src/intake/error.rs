//! Why intake could not finish a message. Every kind leaves the request
//! unacknowledged for JetStream to deliver again (its outputs are
//! deduplicated); the code is what the DLQ and the audit record name as its
//! last failure when no delivery finishes it.

use serde_json::error::Category;

use crate::chain::PoolClosed;
use crate::channels::SmsLogError;
use crate::nats::{KvError, StoreError};

use super::SMS_RESERVE_ATTEMPTS;

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// The decisions ledger could not be read or written.
    #[error("decisions ledger: {0}")]
    Ledger(#[from] KvError),
    /// The plugin workers are gone (shutting down).
    #[error(transparent)]
    Workers(#[from] PoolClosed),
    /// The audit record could not be encoded.
    #[error("audit record encode ({0:?})")]
    AuditEncode(Category),
    /// JetStream did not store an output (dispatch, DLQ message, audit record).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The SMS log did not record the SMS a decision sends.
    #[error(transparent)]
    SmsLog(#[from] SmsLogError),
    /// Other SMS to the patient kept taking slots in the SMS log while this
    /// message was decided again.
    #[error(
        "SMS log contended: decided {SMS_RESERVE_ATTEMPTS} times, another SMS to the patient recorded each time"
    )]
    SmsLogContended,
    /// Its last delivery failed, and so did storing its dead letter.
    #[error("dead letter not stored")]
    DeadLetterNotStored,
}

impl IntakeError {
    /// The code recorded as the message's last failure.
    pub fn code(&self) -> &'static str {
        match self {
            IntakeError::Ledger(_)
            | IntakeError::Workers(_)
            | IntakeError::AuditEncode(_)
            | IntakeError::SmsLog(_)
            | IntakeError::SmsLogContended => "decision_not_stored",
            IntakeError::Store(_) => "outputs_not_stored",
            IntakeError::DeadLetterNotStored => "dead_letter_not_stored",
        }
    }
}
