//! The SMS log: which SMS messages carewire sent to each patient, and when,
//! kept in the KV bucket `<prefix>_sms_log` so that the consent plugin can
//! enforce TCPA message-frequency limits across processes and restarts.
//!
//! Value per patient id: `{"sent_ms": [..], "ids": [..]}`, oldest first,
//! entries older than [`RETENTION_MS`] pruned. Recording is idempotent per
//! message id (a redelivered message is not counted twice) and uses
//! compare-and-set, so concurrent routers do not lose each other's entries.
//!
//! An SMS is recorded before its decision is stored ([`SmsLog::reserve`]),
//! at the revision of the log the consent plugin counted: two SMS to one
//! patient decided at once cannot both pass a frequency limit, in one
//! process or across several.

use async_nats::jetstream::kv::Store;
use serde::{Deserialize, Serialize};

use crate::nats::{Change, KvError, KvFailure, put_at, update_key};

/// How long sends are remembered: a week plus a day of slack.
pub const RETENTION_MS: i64 = 8 * 24 * 3600 * 1000;

#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct SmsLogEntry {
    #[serde(default)]
    pub sent_ms: Vec<i64>,
    #[serde(default)]
    pub ids: Vec<String>,
}

impl SmsLogEntry {
    /// Adds a send (once per message id) and drops what is past retention.
    pub fn record(&mut self, message_id: &str, at_ms: i64) -> bool {
        let added = !self.ids.iter().any(|id| id == message_id);
        if added {
            self.sent_ms.push(at_ms);
            self.ids.push(message_id.to_string());
        }
        let cutoff = at_ms - RETENTION_MS;
        let (sent_ms, ids) = std::mem::take(&mut self.sent_ms)
            .into_iter()
            .zip(std::mem::take(&mut self.ids))
            .filter(|(t, _)| *t > cutoff)
            .unzip();
        self.sent_ms = sent_ms;
        self.ids = ids;
        added
    }
}

/// The SMS log could not record a send.
#[derive(Debug, thiserror::Error)]
#[error("cannot record the SMS in the SMS log: {0}")]
pub struct SmsLogError(#[from] pub KvError);

pub struct SmsLog {
    store: Store,
}

/// Whether a send was recorded at the revision its decision read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Recorded (or recorded before, for this message).
    Reserved,
    /// The patient's log changed after the decision read it (another SMS
    /// took a slot): nothing recorded, the message must be decided again.
    Changed,
}

impl SmsLog {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// The bucket's name (what plugins are granted).
    pub fn bucket(&self) -> &str {
        &self.store.name
    }

    /// Records that `message_id` goes to `patient_id` by SMS at `at_ms`, but
    /// only if the patient's log is still at `read`: the revision its
    /// decision counted sends at (0: never written), and the value it found
    /// there. A compare-and-set at that revision, with no read.
    pub async fn reserve(
        &self,
        patient_id: &str,
        message_id: &str,
        at_ms: i64,
        read: (u64, Option<&[u8]>),
    ) -> Result<Reservation, SmsLogError> {
        let (revision, value) = read;
        let fail = |failure| SmsLogError(KvError::new(&self.store.name, failure));
        // An unreadable entry is replaced rather than blocking every SMS to the patient.
        let mut log: SmsLogEntry = value
            .and_then(|v| serde_json::from_slice(v).ok())
            .unwrap_or_default();
        if !log.record(message_id, at_ms) {
            return Ok(Reservation::Reserved);
        }
        let value = serde_json::to_vec(&log).map_err(|e| fail(KvFailure::Encode(e.classify())))?;
        Ok(
            match put_at(&self.store, patient_id, value.into(), revision).await? {
                true => Reservation::Reserved,
                false => Reservation::Changed,
            },
        )
    }

    /// Records that message `message_id` went to `patient_id` by SMS at `at_ms`.
    pub async fn record(
        &self,
        patient_id: &str,
        message_id: &str,
        at_ms: i64,
    ) -> Result<(), SmsLogError> {
        let mut error = None;
        update_key(&self.store, patient_id, |current| {
            // An unreadable entry is replaced rather than blocking every SMS to the patient.
            let mut log: SmsLogEntry = current
                .and_then(|v| serde_json::from_slice(v).ok())
                .unwrap_or_default();
            if !log.record(message_id, at_ms) {
                return Change::Keep;
            }
            match serde_json::to_vec(&log) {
                Ok(value) => Change::Put(value),
                Err(e) => {
                    error = Some(KvFailure::Encode(e.classify()));
                    Change::Keep
                }
            }
        })
        .await?;
        error.map_or(Ok(()), |failure| {
            Err(SmsLogError(KvError::new(&self.store.name, failure)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_once_per_message_and_prunes_old_sends() {
        let mut log = SmsLogEntry::default();
        assert!(log.record("m1", 1_000));
        assert!(!log.record("m1", 2_000));
        assert!(log.record("m2", 5_000));
        assert_eq!(log.sent_ms, [1_000, 5_000]);
        assert!(log.record("m3", 1_000 + RETENTION_MS));
        assert_eq!(log.ids, ["m2", "m3"]);
        assert_eq!(log.sent_ms, [5_000, 1_000 + RETENTION_MS]);
    }
}
