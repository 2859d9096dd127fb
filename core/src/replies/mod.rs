//! Two-way SMS: patients' replies. A carrier keyword (STOP, START, HELP and
//! their synonyms, any case and spacing) or a plain-language revocation
//! ("please stop texting me") changes SMS consent at once:
//!
//! - STOP marks the number opted out in `<prefix>_sms_numbers` (an SMS
//!   already queued for it is then cancelled at delivery and rerouted), and
//!   adds an opt-out record to every consent record texted at that number in
//!   `<prefix>_consent`, so the consent plugin denies SMS from then on;
//! - START undoes exactly that (it never creates consent where none was);
//! - HELP gets the configured help text.
//!
//! Replies arrive over the SMS provider's webhook ([`crate::webhooks`]) or
//! on `<prefix>.replies.sms` from a gateway ([`consume_nats_replies`]).

pub mod consent_update;
pub mod keywords;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Message, kv::Store};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::channel::SmsNumbers;
use crate::config::RepliesConfig;
use crate::nats::{Change, KvUpdateError, Names, Shutdown, consume, publish_json, publish_stored};
use crate::pipeline::now_ms;
use crate::trace::TraceContext;
use keywords::{Keyword, classify};

/// What a reply did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub keyword: Option<Keyword>,
    /// The text to send back, if any.
    pub answer: Option<String>,
    /// Consent records changed.
    pub consent_records: usize,
}

pub struct Replies {
    pub numbers: SmsNumbers,
    pub consent: Store,
    pub config: RepliesConfig,
    pub default_region: String,
}

impl Replies {
    /// Acts on one reply from `from` (any phone format; E.164 from providers).
    pub async fn handle(&self, from: &str, body: &str) -> Result<ReplyOutcome, KvUpdateError> {
        let keyword = classify(body);
        let mut outcome = ReplyOutcome {
            keyword,
            answer: None,
            consent_records: 0,
        };
        let Some(keyword) = keyword else {
            return Ok(outcome);
        };
        let Ok(e164) = carewire_plugin_sdk::phone::e164(from, &self.default_region) else {
            tracing::warn!(
                keyword = keyword.as_str(),
                "SMS reply from an unreadable number; ignored"
            );
            return Ok(outcome);
        };
        let at_ms = now_ms();
        // The code stored with the change: the keyword, or `plain_language`.
        let said = if keywords::carrier_keyword(body).is_some() {
            keyword.as_str()
        } else {
            "plain_language"
        };
        match keyword {
            Keyword::Stop => {
                outcome.consent_records = self.opt_out(&e164, said, at_ms).await?;
                outcome.answer = self.config.stop_text.clone();
            }
            Keyword::Start => {
                let record = self
                    .numbers
                    .set_opted_out(&e164, false, said, at_ms)
                    .await?;
                for key in &record.consent_keys {
                    update_consent(&self.consent, key, |current| {
                        let current = current?;
                        consent_update::has_opt_out(current)
                            .then(|| consent_update::without_opt_out(current))
                    })
                    .await?;
                }
                outcome.consent_records = record.consent_keys.len();
                outcome.answer = self.config.start_text.clone();
            }
            Keyword::Help => outcome.answer = Some(self.config.help_text.clone()),
        }
        tracing::info!(
            keyword = keyword.as_str(),
            consent_records = outcome.consent_records,
            "SMS reply handled"
        );
        Ok(outcome)
    }

    /// Opts the number out of SMS and revokes SMS consent in every consent
    /// record texted at it; `said` is the code stored with the change.
    /// Returns how many consent records it touched.
    pub async fn opt_out(
        &self,
        e164: &str,
        said: &str,
        at_ms: i64,
    ) -> Result<usize, KvUpdateError> {
        let record = self.numbers.set_opted_out(e164, true, said, at_ms).await?;
        let at = rfc3339(at_ms);
        for key in &record.consent_keys {
            update_consent(&self.consent, key, |current| {
                let updated = consent_update::with_opt_out(current, &at, said);
                (Some(&updated) != current).then_some(Some(updated))
            })
            .await?;
        }
        Ok(record.consent_keys.len())
    }
}

/// Rewrites one consent value: `edit` returns `None` to leave it,
/// `Some(None)` to delete it, `Some(Some(v))` to store `v`. A value that is
/// not JSON reads as absent.
async fn update_consent(
    store: &Store,
    key: &str,
    mut edit: impl FnMut(Option<&Value>) -> Option<Option<Value>>,
) -> Result<(), KvUpdateError> {
    crate::nats::update_key(store, key, |current| {
        let current: Option<Value> = current.and_then(|v| serde_json::from_slice(v).ok());
        match edit(current.as_ref()) {
            None => Change::Keep,
            Some(None) => Change::Delete,
            Some(Some(value)) => Change::Put(value.to_string().into_bytes()),
        }
    })
    .await
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| jiff::Timestamp::now().to_string())
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

/// Consumes `<prefix>.replies.sms` until shutdown. A reply that could not
/// be handled is tried again with `redelivery`'s delays; when its last
/// delivery fails too it is stored in `<prefix>.dlq.max_deliveries`.
pub async fn consume_nats_replies(
    replies: &Replies,
    js: &jetstream::Context,
    names: &Names,
    consumer: &jetstream::consumer::PullConsumer,
    redelivery: crate::nats::Redelivery,
    shutdown: Shutdown,
) {
    let consumer_name = consumer.cached_info().name.clone();
    let consumer_name = consumer_name.as_str();
    consume("replies", consumer, 64, 16, shutdown, |msg| async move {
        let trace = TraceContext::consume(
            msg.headers.as_ref(),
            &msg.subject,
            consumer_name,
            msg.payload.len(),
        );
        let delivered = msg.info().map_or(1, |i| i.delivered);
        let beyond = redelivery.is_beyond(delivered);
        let done = if beyond {
            Err("dead letter not stored".to_string())
        } else {
            handle_nats_reply(replies, js, names, &msg, &trace).await
        };
        let ack = match done {
            Ok(()) => msg.ack().await,
            Err(e) if redelivery.is_last(delivered) => {
                tracing::error!(error = %e, delivered, "SMS reply failed on every delivery; to the DLQ (max_deliveries)");
                let sequence = msg.info().map(|i| i.stream_sequence).unwrap_or_default();
                let stored = crate::dlq::store_exhausted(
                    js,
                    names,
                    &msg,
                    None,
                    Some(if beyond {
                        "dead_letter_not_stored"
                    } else {
                        "reply_not_handled"
                    }),
                    &format!("reply-{sequence}:dlq"),
                    &trace,
                )
                .await;
                match stored {
                    Ok(()) => msg.ack().await,
                    Err(e) => {
                        tracing::error!(error = %e, "the reply's dead letter could not be stored; trying again");
                        msg.ack_with(jetstream::AckKind::Nak(Some(redelivery.delay(delivered))))
                            .await
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "SMS reply not handled; will retry");
                msg.ack_with(jetstream::AckKind::Nak(Some(redelivery.delay(delivered))))
                    .await
            }
        };
        if let Err(e) = ack {
            tracing::warn!(error = %e, "reply ack failed");
        }
    })
    .await;
}

async fn handle_nats_reply(
    replies: &Replies,
    js: &jetstream::Context,
    names: &Names,
    msg: &Message,
    trace: &TraceContext,
) -> Result<(), String> {
    let sequence = msg.info().map(|i| i.stream_sequence).unwrap_or_default();
    let Ok(reply) = serde_json::from_slice::<NatsReply>(&msg.payload) else {
        // Not a reply this version understands: kept in the DLQ, not lost.
        let mut headers = HeaderMap::new();
        headers.insert(crate::dlq::REASON_HEADER, "reply_unreadable");
        trace.inject(&mut headers);
        publish_stored(
            js,
            names.dlq("invalid_reply"),
            &format!("reply-{sequence}:dlq"),
            headers,
            msg.payload.clone(),
        )
        .await
        .map_err(|e| format!("dlq publish: {e}"))?;
        return Ok(());
    };
    let outcome = replies
        .handle(&reply.from, &reply.body)
        .await
        .map_err(|e| e.to_string())?;
    if let (Some(answer), Some(keyword)) = (outcome.answer, outcome.keyword) {
        let answer = ReplyAnswer {
            schema: "carewire.reply_answer/1".into(),
            to: reply.from,
            body: answer,
            keyword: keyword.as_str().into(),
            in_reply_to: reply.provider_id,
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
    Ok(())
}
