//! The SMS provider's webhooks on carewire's HTTP listener (`[http]` in
//! config, beside [`crate::run::health`]):
//!
//! - `POST /sms/status?id=<message id>`: the SMS provider's status callback
//!   (Twilio's `MessageStatus`), published as a delivery event;
//! - `POST /sms/inbound`: a patient's reply (Twilio's incoming-message
//!   webhook), answered with TwiML; a STOP or START is first stored in the
//!   replies stream under its `MessageSid` (503 if it cannot be), and
//!   applied from there by [`crate::replies`].
//!
//! Every request must carry a valid `X-Twilio-Signature` for the public URL
//! it was sent to; anything else is refused with 403 and changes nothing.
//! [`crate::run::listener`] bounds how long and how much a client may send.

pub mod twilio_signature;

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::common::channel::Channel;
use crate::common::clock::now_ms;
use crate::config::{Secret, Target};
use crate::delivery::events::{DeliveryEvent, DeliveryStatus};
use crate::delivery::ledger::Ledger;
use crate::delivery::publish_event;
use crate::envelope::{is_safe_id, is_safe_tenant};
use crate::nats::Names;
use crate::replies::{NatsReply, Replies, store_answered};
use crate::telemetry::trace::{Kind, TraceContext};
use opentelemetry::KeyValue;

pub struct WebhookState {
    pub js: async_nats::jetstream::Context,
    pub names: Names,
    /// The SMS provider's auth token, which signs its webhooks.
    pub auth_token: Secret,
    /// `[http] public_url`, without a trailing slash.
    pub public_url: String,
    pub ledger: Arc<Ledger>,
    pub replies: Arc<Replies>,
}

/// Where the webhooks find their state once carewire has started; until
/// then they answer 503 (the provider retries).
pub type WebhookSlot = OnceLock<Arc<WebhookState>>;

pub fn router(slot: Arc<WebhookSlot>) -> Router {
    Router::new()
        .route("/sms/status", post(sms_status))
        .route("/sms/inbound", post(sms_inbound))
        .with_state(slot)
}

/// A form's name/value pairs, in order.
pub type Params = Vec<(String, String)>;

/// The webhooks' state and the form parameters of a request whose Twilio
/// signature is valid; 503 before carewire has started, 403 when unsigned.
fn verified_form<'a>(
    slot: &'a WebhookSlot,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(&'a WebhookState, Params), Box<Response>> {
    let Some(state) = slot.get() else {
        return Err(Box::new(StatusCode::SERVICE_UNAVAILABLE.into_response()));
    };
    let signed = signed_form(
        state.auth_token.expose(),
        &state.public_url,
        uri,
        headers,
        body,
    );
    if let Some(params) = signed {
        Ok((state, params))
    } else {
        tracing::warn!(
            path = uri.path(),
            "webhook with a missing or wrong signature refused"
        );
        Err(Box::new(
            (StatusCode::FORBIDDEN, "signature check failed").into_response(),
        ))
    }
}

/// The form parameters of a request to `public_url` + `uri`, when its
/// `X-Twilio-Signature` header is `auth_token`'s signature over them; `None`
/// for a missing, unreadable or wrong signature. No I/O: the fuzz target
/// `twilio_webhook` (fuzz/) drives the webhooks' check through it.
pub fn signed_form(
    auth_token: &str,
    public_url: &str,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Option<Params> {
    let params = form_pairs(body);
    let url = format!(
        "{public_url}{}",
        uri.path_and_query().map_or("", |p| p.as_str())
    );
    let signature = headers
        .get(twilio_signature::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    twilio_signature::verify(auth_token, &url, &params, signature).then_some(params)
}

/// `application/x-www-form-urlencoded` pairs, in order.
fn form_pairs(body: &[u8]) -> Params {
    form_urlencoded::parse(body).into_owned().collect()
}

fn param<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn sms_status(
    State(slot): State<Arc<WebhookSlot>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (state, params) = match verified_form(&slot, &uri, &headers, &body) {
        Ok(verified) => verified,
        Err(refused) => return *refused,
    };
    // The URL carewire gave the provider (and the provider signed) names
    // the message within its tenant.
    let query = form_pairs(uri.query().unwrap_or_default().as_bytes());
    let query_value = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let id = query_value("id").filter(|id| is_safe_id(id));
    let tenant = query_value("tenant").filter(|t| is_safe_tenant(t));
    let (Some(id), Some(tenant)) = (id, tenant) else {
        return (StatusCode::BAD_REQUEST, "no message id and tenant").into_response();
    };
    let provider_status = param(&params, "MessageStatus").unwrap_or("");
    let Some(status) = map_status(provider_status) else {
        return (StatusCode::BAD_REQUEST, "unknown MessageStatus").into_response();
    };
    let entry = match state
        .ledger
        .get(&Ledger::key(
            Channel::Sms,
            Target::Twilio,
            &crate::common::scope::scoped(&tenant, &id),
        ))
        .await
    {
        Ok(entry) => entry.unwrap_or_default(),
        Err(e) => {
            tracing::warn!(error = %e, "status callback: ledger unreadable");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut event =
        DeliveryEvent::new(&id, &tenant, Channel::Sms, status, now_ms()).provider("twilio");
    event.provider_id = param(&params, "MessageSid")
        .filter(|s| is_safe_id(s))
        .map(str::to_string);
    event.provider_status = Some(provider_status.to_string());
    event.error_code = param(&params, "ErrorCode")
        .filter(|c| !c.is_empty() && c.len() <= 6 && c.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string);
    // The message's trace, from the delivery that sent the SMS.
    let span = TraceContext::resume(
        entry.traceparent.as_deref(),
        "POST /sms/status".into(),
        Kind::Server,
        vec![KeyValue::new("messaging.message.id", id.clone())],
    );
    match publish_event(&state.js, &state.names, &event, &span).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "status callback not stored; the provider will retry");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Twilio's `MessageStatus` values, as delivery statuses.
fn map_status(status: &str) -> Option<DeliveryStatus> {
    Some(match status {
        "accepted" | "queued" | "scheduled" => DeliveryStatus::Accepted,
        "sending" | "sent" => DeliveryStatus::Sent,
        "delivered" | "read" => DeliveryStatus::Delivered,
        "failed" | "undelivered" => DeliveryStatus::Failed,
        "canceled" => DeliveryStatus::Cancelled,
        _ => return None,
    })
}

async fn sms_inbound(
    State(slot): State<Arc<WebhookSlot>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (state, params) = match verified_form(&slot, &uri, &headers, &body) {
        Ok(verified) => verified,
        Err(refused) => return *refused,
    };
    let (Some(from), Some(text)) = (param(&params, "From"), param(&params, "Body")) else {
        return (StatusCode::BAD_REQUEST, "From and Body are required").into_response();
    };
    // The provider's id of the message: a repeat or replay is applied once.
    let Some(sid) = param(&params, "MessageSid").filter(|s| is_safe_id(s)) else {
        return (StatusCode::BAD_REQUEST, "MessageSid is required").into_response();
    };
    let outcome = state.replies.answer(from, text);
    if outcome.changes_opt_out {
        let reply = NatsReply {
            from: from.to_string(),
            body: text.to_string(),
            provider_id: Some(sid.to_string()),
        };
        if let Err(e) = store_answered(&state.js, &state.names, &reply, sid).await {
            tracing::error!(error = %e, "SMS reply not stored; answered 503");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let twiml = match outcome.answer {
        Some(answer) => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{}</Message></Response>",
            xml_escape(&answer)
        ),
        None => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>".to_string(),
    };
    ([(header::CONTENT_TYPE, "application/xml")], twiml).into_response()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
