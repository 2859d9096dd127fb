//! Each phone number's SMS state, in the KV bucket `<prefix>_sms_numbers`,
//! keyed by the E.164 digits: whether the number has opted out (a STOP
//! reply, or the carrier's refusal). carewire's replies write it; the
//! consent plugin and the SMS gate read it.

use async_nats::jetstream::kv::Store;
use serde::{Deserialize, Serialize};

use crate::common::kv::KvRead;
use crate::nats::{Change, KvError, read_key, update_key};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRecord {
    #[serde(default)]
    pub opted_out: bool,
    /// What made the last change: `stop`, `start` (or a synonym),
    /// `plain_language`, `carrier_opt_out`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_ms: Option<i64>,
}

pub struct SmsNumbers {
    store: Store,
}

/// The KV key of an E.164 number: its digits.
pub fn number_key(e164: &str) -> String {
    carewire_plugin_sdk::phone::digits(e164)
}

impl SmsNumbers {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub async fn get(&self, e164: &str) -> Result<NumberRecord, KvError> {
        let value = read_key(&self.store, &number_key(e164)).await?;
        Ok(Self::record_of(value.as_deref()))
    }

    /// The record of `e164` as the chain already read it for this message
    /// (after the message arrived, so a STOP stored before it is in it), or
    /// none when the chain did not read it.
    pub fn already_read(&self, e164: &str, reads: &[KvRead]) -> Option<NumberRecord> {
        KvRead::find(reads, &self.store.name, &number_key(e164))
            .map(|r| Self::record_of(r.value.as_deref()))
    }

    /// A stored value as a record; an unreadable one is read as opted out:
    /// no SMS on a guess.
    fn record_of(value: Option<&[u8]>) -> NumberRecord {
        value.map_or_else(NumberRecord::default, |v| {
            serde_json::from_slice(v).unwrap_or(NumberRecord {
                opted_out: true,
                ..NumberRecord::default()
            })
        })
    }

    /// Sets or clears the opt-out; returns the record as written.
    pub async fn set_opted_out(
        &self,
        e164: &str,
        opted_out: bool,
        keyword: &str,
        at_ms: i64,
    ) -> Result<NumberRecord, KvError> {
        self.change(e164, |record| {
            record.opted_out = opted_out;
            record.keyword = Some(keyword.to_string());
            record.changed_ms = Some(at_ms);
            true
        })
        .await
    }

    async fn change(
        &self,
        e164: &str,
        mut edit: impl FnMut(&mut NumberRecord) -> bool,
    ) -> Result<NumberRecord, KvError> {
        let mut written = NumberRecord::default();
        update_key(&self.store, &number_key(e164), |current| {
            let mut record: NumberRecord = current
                .and_then(|v| serde_json::from_slice(v).ok())
                .unwrap_or_default();
            let changed = edit(&mut record);
            written = record.clone();
            match serde_json::to_vec(&record) {
                Ok(value) if changed => Change::Put(value),
                _ => Change::Keep,
            }
        })
        .await?;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_read_by_the_chain_is_read_as_the_gate_reads_it() {
        assert_eq!(SmsNumbers::record_of(None), NumberRecord::default());
        let stopped = br#"{"opted_out":true,"keyword":"stop","changed_ms":1}"#;
        assert!(SmsNumbers::record_of(Some(stopped)).opted_out);
        assert!(!SmsNumbers::record_of(Some(br#"{"opted_out":false}"#)).opted_out);
        // No SMS on a guess.
        assert!(SmsNumbers::record_of(Some(b"not json")).opted_out);
    }
}
