//! The last checks before an SMS leaves, made at delivery time because the
//! world may have changed since routing: has the number opted out (a STOP
//! reply while the message waited)? Is the final, redacted body too long?
//! Is it quiet hours where the recipient is?

use std::time::Duration;

use super::quiet_hours::{QuietHours, Release};
use crate::channels::{Dispatch, OutboundMessage, SmsNumbers};
use crate::common::kv::KvRead;
use crate::nats::KvError;

pub struct SmsGate {
    pub numbers: SmsNumbers,
    pub quiet_hours: QuietHours,
    pub max_length: Option<usize>,
    pub default_region: String,
    /// Up to this much is added to a quiet-hours deferral
    /// (`quiet_hours.release_jitter_secs`).
    pub release_jitter: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Go,
    /// Quiet hours: try again at `until_ms`.
    Defer {
        until_ms: i64,
    },
    /// Not by SMS: `sms_opted_out`, `sms_too_long` or `phone_invalid`.
    Cancel(&'static str),
}

impl SmsGate {
    /// `reads`: the KV records the message's chain read; the number's
    /// record is read again only when the chain did not read it.
    pub async fn check(
        &self,
        dispatch: &Dispatch,
        now_ms: i64,
        reads: &[KvRead],
    ) -> Result<Gate, KvError> {
        let message = &dispatch.message;
        let Some(e164) = self.recipient_e164(message) else {
            return Ok(Gate::Cancel("phone_invalid"));
        };
        let number = match self.numbers.already_read(&e164, reads) {
            Some(record) => record,
            None => self.numbers.get(&e164).await?,
        };
        if number.opted_out {
            return Ok(Gate::Cancel("sms_opted_out"));
        }
        if self
            .max_length
            .is_some_and(|max| message.body.chars().count() > max)
        {
            return Ok(Gate::Cancel("sms_too_long"));
        }
        let recipient = &message.recipient;
        if let Release::At { at_ms } = self.quiet_hours.release(
            now_ms,
            recipient.time_zone.as_deref(),
            recipient.region.as_deref(),
        ) {
            return Ok(Gate::Defer { until_ms: at_ms });
        }
        Ok(Gate::Go)
    }
}

impl SmsGate {
    /// The recipient's number in E.164, when it has a valid one.
    pub fn recipient_e164(&self, message: &OutboundMessage) -> Option<String> {
        let phone = message.recipient.phone.as_deref()?;
        carewire_plugin_sdk::phone::e164(phone, &self.default_region).ok()
    }
}
