//! Two-way SMS: patients' replies. A carrier keyword (STOP, START, HELP and
//! their synonyms, any case and spacing) or a plain-language revocation
//! ("please stop texting me") changes the number's opt-out state, and
//! nothing else:
//!
//! - STOP marks the number opted out in `<prefix>_sms_numbers`. The consent
//!   plugin reads that record (it is granted the bucket) and denies SMS to
//!   the number from then on; an SMS already queued for it is cancelled at
//!   delivery and rerouted;
//! - START clears the opt-out (it never creates consent where none was:
//!   consent records are the health system's, and carewire never writes
//!   them);
//! - HELP gets the configured help text.
//!
//! Replies arrive over the SMS provider's webhook ([`crate::webhooks`]) or
//! on `<prefix>.replies.sms` from a gateway. Either way a STOP or START is
//! first stored in the replies stream (the webhook answers only once it is
//! stored, under the provider's message id), then applied from there by
//! [`consume_replies`]: one reply at a time across every carewire process,
//! in the order they were stored, retried until the KV store takes it, and
//! at most once per provider message id (`<prefix>_reply_ids` remembers the
//! ids applied), so a replayed START cannot undo a later STOP.

mod fold;
pub mod keywords;
pub mod plain_language;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Message, kv::Store};
use serde::{Deserialize, Serialize};

use crate::channels::SmsNumbers;
use crate::common::clock::now_ms;
use crate::config::RepliesConfig;
use crate::nats::{
    KvError, KvFailure, Names, ProcessingStatus, Shutdown, StoreError, consume, hashed_key,
    publish_json, publish_stored, read_key, settle,
};
use crate::telemetry::trace::TraceContext;
use keywords::{Keyword, classify};
use plain_language::PlainLanguage;

/// The header of a reply the webhook stored after answering it (TwiML):
/// applying it publishes no answer.
pub const ANSWERED_HEADER: &str = "Carewire-Reply-Answered";

/// What a reply did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub keyword: Option<Keyword>,
    /// The text to send back, if any.
    pub answer: Option<String>,
    /// A STOP or START from a readable number: applying it changes the
    /// number's opt-out state.
    pub changes_opt_out: bool,
}

pub struct Replies {
    pub numbers: SmsNumbers,
    /// The provider message ids of the replies applied (`<prefix>_reply_ids`).
    pub applied: Store,
    pub config: RepliesConfig,
    pub default_region: String,
    /// The plain-language opt-out phrases (`replies.plain_language`).
    pub plain_language: PlainLanguage,
}

/// What a reply asks of carewire: its keyword, the number in E.164 and the
/// code stored with the change (the keyword, or `plain_language`).
struct Asked {
    keyword: Keyword,
    e164: String,
    said: &'static str,
}

impl Replies {
    /// What carewire answers to a reply from `from` (any phone format;
    /// E.164 from providers), from its words and number alone: nothing is
    /// changed yet.
    pub fn answer(&self, from: &str, body: &str) -> ReplyOutcome {
        self.read(from, body).0
    }

    fn read(&self, from: &str, body: &str) -> (ReplyOutcome, Option<Asked>) {
        let keyword = classify(body, &self.plain_language);
        let mut outcome = ReplyOutcome {
            keyword,
            answer: None,
            changes_opt_out: false,
        };
        let Some(keyword) = keyword else {
            return (outcome, None);
        };
        let Ok(e164) = carewire_plugin_sdk::phone::e164(from, &self.default_region) else {
            tracing::warn!(
                keyword = keyword.as_str(),
                "SMS reply from an unreadable number; ignored"
            );
            return (outcome, None);
        };
        outcome.answer = match keyword {
            Keyword::Stop => self.config.stop_text.clone(),
            Keyword::Start => self.config.start_text.clone(),
            Keyword::Help => Some(self.config.help_text.clone()),
        };
        outcome.changes_opt_out = matches!(keyword, Keyword::Stop | Keyword::Start);
        let said = if keywords::carrier_keyword(body).is_some() {
            keyword.as_str()
        } else {
            "plain_language"
        };
        let asked = Asked {
            keyword,
            e164,
            said,
        };
        (outcome, Some(asked))
    }

    /// Acts on one reply from `from`: [`Replies::answer`], and the change.
    pub async fn handle(&self, from: &str, body: &str) -> Result<ReplyOutcome, KvError> {
        let (outcome, asked) = self.read(from, body);
        let Some(Asked {
            keyword,
            e164,
            said,
        }) = asked
        else {
            return Ok(outcome);
        };
        let opted_out = match keyword {
            Keyword::Stop => true,
            Keyword::Start => false,
            Keyword::Help => return Ok(outcome),
        };
        self.numbers
            .set_opted_out(&e164, opted_out, said, now_ms())
            .await?;
        tracing::info!(keyword = keyword.as_str(), "SMS reply handled");
        Ok(outcome)
    }

    /// Whether the reply with this provider message id was applied already.
    async fn applied_before(&self, provider_id: &str) -> Result<bool, KvError> {
        Ok(read_key(&self.applied, &hashed_key(provider_id))
            .await?
            .is_some())
    }

    /// Remembers that the reply with this provider message id was applied
    /// (the bucket's max age bounds how long).
    async fn remember_applied(
        &self,
        provider_id: &str,
        outcome: &ReplyOutcome,
    ) -> Result<(), KvError> {
        let record = serde_json::json!({
            "applied_ms": now_ms(),
            "keyword": outcome.keyword.map(Keyword::as_str),
        });
        self.applied
            .put(hashed_key(provider_id), record.to_string().into())
            .await
            .map(|_| ())
            .map_err(|e| KvError::new(&self.applied.name, KvFailure::Put(e.kind())))
    }
}

/// A reply handed over by a gateway on `<prefix>.replies.sms`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NatsReply {
    pub from: String,
    pub body: String,
    /// The gateway's id of the inbound message, echoed in the answer.
    #[serde(default)]
    pub provider_id: Option<String>,
}

/// carewire's answer to a reply, on `<prefix>.replies.sms.answer`, for the
/// gateway to send (schema `carewire.reply_answer/1`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyAnswer {
    pub schema: String,
    pub to: String,
    pub body: String,
    pub keyword: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<String>,
}

/// Stores a reply the provider's webhook brought on `<prefix>.replies.sms`,
/// under the provider's message id (JetStream drops a repeat within its
/// duplicate window), marked answered; returns once JetStream has it.
pub async fn store_answered(
    js: &jetstream::Context,
    names: &Names,
    reply: &NatsReply,
    provider_id: &str,
) -> Result<(), StoreError> {
    let payload = serde_json::to_vec(reply).map_err(|e| StoreError::encode("reply", &e))?;
    let mut headers = HeaderMap::new();
    headers.insert(ANSWERED_HEADER, "twiml");
    publish_stored(
        js,
        names.sms_replies(),
        provider_id,
        headers,
        payload.into(),
    )
    .await
    .map(|_| ())
    .map_err(|source| StoreError::Publish {
        what: "reply",
        source,
    })
}

/// Why a reply was not applied; it is tried again.
#[derive(Debug, thiserror::Error)]
pub enum ReplyError {
    /// The SMS numbers or the applied-replies bucket failed.
    #[error(transparent)]
    Kv(#[from] KvError),
    /// JetStream did not store the answer or the dead letter.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How long a reply that could not be applied waits before its next try.
fn retry_delay(delivered: i64) -> std::time::Duration {
    let doublings = u32::try_from(delivered.clamp(1, 5) - 1).unwrap_or(0);
    std::time::Duration::from_millis(500 << doublings).min(std::time::Duration::from_secs(5))
}

/// Applies the replies stored on `<prefix>.replies.sms` until shutdown, one
/// at a time: the consumer lets one reply be in flight across every
/// carewire process, so a number's replies apply in the order they were
/// stored, and a reply that fails (KV unavailable) is retried before any
/// later one.
pub async fn consume_replies(
    replies: &Replies,
    js: &jetstream::Context,
    names: &Names,
    consumer: &jetstream::consumer::PullConsumer,
    shutdown: Shutdown,
) {
    let consumer_name = consumer.cached_info().name.clone();
    let consumer_name = consumer_name.as_str();
    consume("replies", consumer, 1, 1, shutdown, |msg| async move {
        let trace = TraceContext::of_message(&msg, consumer_name);
        let status = match apply_reply(replies, js, names, &msg, &trace).await {
            Ok(()) => ProcessingStatus::Ack,
            Err(e) => {
                let delivered = msg.info().map(|i| i.delivered).unwrap_or(1);
                tracing::warn!(error = %e, delivered, "SMS reply not applied; will retry");
                ProcessingStatus::Nak(retry_delay(delivered))
            }
        };
        settle("replies", &msg, status).await;
    })
    .await;
}

async fn apply_reply(
    replies: &Replies,
    js: &jetstream::Context,
    names: &Names,
    msg: &Message,
    trace: &TraceContext,
) -> Result<(), ReplyError> {
    let sequence = msg.info().map(|i| i.stream_sequence).unwrap_or_default();
    let Ok(reply) = serde_json::from_slice::<NatsReply>(&msg.payload) else {
        // Not a reply this version understands: kept in the DLQ, not lost.
        let mut headers = HeaderMap::new();
        headers.insert(crate::audit::dlq::REASON_HEADER, "reply_unreadable");
        trace.inject(&mut headers);
        publish_stored(
            js,
            names.dlq("invalid_reply"),
            &format!("reply-{sequence}:dlq"),
            headers,
            msg.payload.clone(),
        )
        .await
        .map_err(|source| StoreError::Publish {
            what: "dlq",
            source,
        })?;
        return Ok(());
    };
    let provider_id = reply.provider_id.as_deref().filter(|id| !id.is_empty());
    if let Some(id) = provider_id
        && replies.applied_before(id).await?
    {
        tracing::info!("SMS reply applied before (a repeat or a replay); ignored");
        return Ok(());
    }
    let outcome = replies.handle(&reply.from, &reply.body).await?;
    let answered = msg
        .headers
        .as_ref()
        .is_some_and(|h| h.get(ANSWERED_HEADER).is_some());
    if !answered && let (Some(answer), Some(keyword)) = (&outcome.answer, outcome.keyword) {
        let answer = ReplyAnswer {
            schema: "carewire.reply_answer/1".into(),
            to: reply.from.clone(),
            body: answer.clone(),
            keyword: keyword.as_str().into(),
            in_reply_to: reply.provider_id.clone(),
        };
        publish_json(
            js,
            names.sms_reply_answers(),
            &format!("reply-{sequence}:answer"),
            trace,
            "answer",
            &answer,
        )
        .await?;
    }
    if let Some(id) = provider_id {
        replies.remember_applied(id, &outcome).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_five_seconds() {
        let delays: Vec<u128> = [0, 1, 2, 3, 4, 5, 100]
            .into_iter()
            .map(|n| retry_delay(n).as_millis())
            .collect();
        assert_eq!(delays, [500, 500, 1000, 2000, 4000, 5000, 5000]);
    }
}
