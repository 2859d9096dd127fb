//! What carewire knows about each phone number it texts, in the KV bucket
//! `<prefix>_sms_numbers`, keyed by the E.164 digits: whether the number
//! has opted out (a STOP reply), and which consent records it was texted
//! under, so that a STOP from the number revokes exactly those.

use async_nats::jetstream::kv::Store;
use serde::{Deserialize, Serialize};

use super::OutboundMessage;
use crate::envelope::RecipientRole;
use crate::nats::{Change, KvUpdateError, read_key, update_key};

/// Consent keys remembered per number (a family phone may serve several patients).
const MAX_CONSENT_KEYS: usize = 32;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRecord {
    #[serde(default)]
    pub opted_out: bool,
    /// The keyword of the last change (`stop`, `start`, `plain_language`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_ms: Option<i64>,
    /// Keys in the consent bucket of the people texted at this number.
    #[serde(default)]
    pub consent_keys: Vec<String>,
}

pub struct SmsNumbers {
    store: Store,
}

/// The KV key of an E.164 number: its digits.
pub fn number_key(e164: &str) -> String {
    carewire_plugin_sdk::phone::digits(e164)
}

/// The consent bucket key the consent plugin reads for this recipient,
/// within the message's tenant: `<tenant>.<patient id>`, or
/// `<tenant>.<patient id>.proxy.<E.164 digits>` for a proxy or caregiver.
pub fn consent_key(message: &OutboundMessage, e164: &str) -> String {
    let key = match message.recipient.role {
        RecipientRole::Patient => message.patient_id.clone(),
        RecipientRole::Proxy | RecipientRole::Caregiver => {
            format!("{}.proxy.{}", message.patient_id, number_key(e164))
        }
    };
    crate::scope::scoped(&message.tenant, &key)
}

impl SmsNumbers {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub async fn get(&self, e164: &str) -> Result<NumberRecord, KvUpdateError> {
        let value = read_key(&self.store, &number_key(e164)).await?;
        // An unreadable record is read as opted out: no SMS on a guess.
        Ok(value.map_or_else(NumberRecord::default, |v| {
            serde_json::from_slice(&v).unwrap_or(NumberRecord {
                opted_out: true,
                ..NumberRecord::default()
            })
        }))
    }

    /// Remembers that `consent_key` is texted at this number.
    pub async fn remember(&self, e164: &str, consent_key: &str) -> Result<(), KvUpdateError> {
        self.change(e164, |record| {
            if record.consent_keys.iter().any(|k| k == consent_key) {
                return false;
            }
            if record.consent_keys.len() >= MAX_CONSENT_KEYS {
                record.consent_keys.remove(0);
            }
            record.consent_keys.push(consent_key.to_string());
            true
        })
        .await
        .map(|_| ())
    }

    /// Sets or clears the opt-out; returns the record as written.
    pub async fn set_opted_out(
        &self,
        e164: &str,
        opted_out: bool,
        keyword: &str,
        at_ms: i64,
    ) -> Result<NumberRecord, KvUpdateError> {
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
    ) -> Result<NumberRecord, KvUpdateError> {
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
