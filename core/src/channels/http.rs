//! What the HTTP targets share: one client, and the rules that sort a
//! provider's answer into sent, retry later, or give up. Nothing a provider
//! says in free text is kept (it may echo a phone number or the message):
//! only its HTTP status, a short numeric or lower-case error code, and an id.

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde_json::Value;

use super::{Dispatch, FhirClient, PagerDutyClient, TwilioClient, WebhookClient};
use crate::config::Target;
use crate::envelope::is_safe_id;

/// What the provider did with the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The provider's id for it (Twilio's `SM...`, the `Communication` id...).
    pub provider_id: Option<String>,
    /// The provider's status word, when it gives one (`queued`, `created`...).
    pub provider_status: Option<String>,
    /// Whether the provider holds it as delivered (a chart entry) or only accepted it.
    pub delivered: bool,
}

/// Whether trying again can help, and whether it is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The provider refused this message (4xx other than 408 and 429): retrying cannot help.
    Permanent,
    /// Try again later: 408, 429 (after `retry_after`), 5xx, or nothing reached the provider.
    Retryable { retry_after: Option<Duration> },
    /// The request may have reached the provider but no answer came back.
    /// Safe to repeat only where the provider drops duplicates.
    Ambiguous,
    /// The provider refused because the recipient opted out with it (a
    /// carrier-level STOP): nothing was sent; another channel may take it.
    RecipientOptedOut,
}

/// Why a provider call did not deliver; codes and numbers only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    /// A code: `provider_rejected`, `provider_unavailable`, `rate_limited`,
    /// `timeout`, `connection_failed`, `connection_lost`, `bad_request_config`.
    pub reason: &'static str,
    pub http_status: Option<u16>,
    pub provider_code: Option<String>,
}

impl Failure {
    fn new(kind: FailureKind, reason: &'static str) -> Self {
        Self {
            kind,
            reason,
            http_status: None,
            provider_code: None,
        }
    }
}

/// A provider reached over HTTP.
pub enum HttpTarget {
    Twilio(TwilioClient),
    Fhir(FhirClient),
    PagerDuty(PagerDutyClient),
    Webhook(WebhookClient),
}

impl HttpTarget {
    pub fn target(&self) -> Target {
        match self {
            HttpTarget::Twilio(_) => Target::Twilio,
            HttpTarget::Fhir(_) => Target::Fhir,
            HttpTarget::PagerDuty(_) => Target::Pagerduty,
            HttpTarget::Webhook(_) => Target::Webhook,
        }
    }

    /// Whether the provider itself drops a repeated send of the same message
    /// (FHIR conditional create, PagerDuty `dedup_key`, the webhook's
    /// `Idempotency-Key`), so that a send whose outcome is unknown may be
    /// repeated. Twilio's Messages API has no such key: an SMS is never
    /// sent twice on a guess.
    pub fn idempotent(&self) -> bool {
        !matches!(self, HttpTarget::Twilio(_))
    }

    pub async fn send(&self, dispatch: &Dispatch) -> Result<Sent, Failure> {
        match self {
            HttpTarget::Twilio(c) => c.send(dispatch).await,
            HttpTarget::Fhir(c) => c.send(dispatch).await,
            HttpTarget::PagerDuty(c) => c.send(dispatch).await,
            HttpTarget::Webhook(c) => c.send(dispatch).await,
        }
    }
}

/// The HTTP client every target uses.
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .user_agent(concat!("carewire/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_else(|_| reqwest::Client::new())
}

/// Sends a request and sorts the outcome. `idempotent`: see [`HttpTarget::idempotent`].
/// On success returns the status and the body parsed as JSON (`Null` when it is not).
pub(crate) async fn exchange(
    request: reqwest::RequestBuilder,
    idempotent: bool,
) -> Result<(u16, HeaderMap, Value), Failure> {
    let response = request
        .send()
        .await
        .map_err(|e| transport_failure(&e, idempotent))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|e| transport_failure(&e, idempotent))?;
    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match classify_status(status, &headers) {
        None => Ok((status, headers, json)),
        Some(mut failure) => {
            failure.provider_code = provider_code(&json);
            Err(failure)
        }
    }
}

/// `None` for a 2xx answer; otherwise how to treat the failure.
pub fn classify_status(status: u16, headers: &HeaderMap) -> Option<Failure> {
    let (kind, reason) = match status {
        200..=299 => return None,
        429 => (
            FailureKind::Retryable {
                retry_after: retry_after(headers),
            },
            "rate_limited",
        ),
        408 => (FailureKind::Retryable { retry_after: None }, "timeout"),
        500..=599 => (
            FailureKind::Retryable {
                retry_after: retry_after(headers),
            },
            "provider_unavailable",
        ),
        _ => (FailureKind::Permanent, "provider_rejected"),
    };
    let mut failure = Failure::new(kind, reason);
    failure.http_status = Some(status);
    Some(failure)
}

/// A transport error: a refused connection never reached the provider and
/// may be retried; a timeout or a dropped connection may have.
fn transport_failure(error: &reqwest::Error, idempotent: bool) -> Failure {
    if error.is_builder() {
        return Failure::new(FailureKind::Permanent, "bad_request_config");
    }
    if error.is_connect() {
        return Failure::new(
            FailureKind::Retryable { retry_after: None },
            "connection_failed",
        );
    }
    let reason = if error.is_timeout() {
        "timeout"
    } else {
        "connection_lost"
    };
    let kind = if idempotent {
        FailureKind::Retryable { retry_after: None }
    } else {
        FailureKind::Ambiguous
    };
    Failure::new(kind, reason)
}

/// `Retry-After` as seconds or an HTTP date, capped at a day.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs = match value.parse::<u64>() {
        Ok(secs) => secs,
        Err(_) => {
            let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
            let now = jiff::Timestamp::now();
            u64::try_from(at.as_second() - now.as_second()).unwrap_or(0)
        }
    };
    Some(Duration::from_secs(secs.min(24 * 3600)))
}

/// The provider's error code when it is a short number (Twilio's `21211`)
/// or a lower-case word (FHIR's `invalid`); never free text.
fn provider_code(body: &Value) -> Option<String> {
    let code = body
        .get("code")
        .or_else(|| body.pointer("/issue/0/code"))
        .or_else(|| body.get("error_code"))?;
    let text = match code {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let numeric = text.len() <= 6 && text.bytes().all(|b| b.is_ascii_digit());
    let word = text.len() <= 32 && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    (numeric || word).then_some(text)
}

/// A provider's id for a message, if it is a safe id (never free text).
pub(crate) fn safe_provider_id(id: Option<&str>) -> Option<String> {
    id.filter(|id| is_safe_id(id)).map(str::to_string)
}

/// A provider's status word, if it is one.
pub(crate) fn safe_status(status: Option<&str>) -> Option<String> {
    status
        .filter(|s| {
            s.len() <= 32
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn kind(status: u16, retry: Option<&str>) -> Option<FailureKind> {
        let mut h = HeaderMap::new();
        if let Some(r) = retry {
            h.insert(RETRY_AFTER, HeaderValue::from_str(r).unwrap());
        }
        classify_status(status, &h).map(|f| f.kind)
    }

    #[test]
    fn statuses_sort_into_retry_or_give_up() {
        assert_eq!(kind(201, None), None);
        assert_eq!(kind(400, None), Some(FailureKind::Permanent));
        assert_eq!(kind(401, None), Some(FailureKind::Permanent));
        assert_eq!(kind(404, None), Some(FailureKind::Permanent));
        assert_eq!(
            kind(408, None),
            Some(FailureKind::Retryable { retry_after: None })
        );
        assert_eq!(
            kind(429, Some("7")),
            Some(FailureKind::Retryable {
                retry_after: Some(Duration::from_secs(7))
            })
        );
        assert_eq!(
            kind(503, None),
            Some(FailureKind::Retryable { retry_after: None })
        );
    }

    #[test]
    fn retry_after_as_a_date_counts_from_now() {
        let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(120);
        let date = jiff::fmt::rfc2822::to_string(&later.to_zoned_datetime(jiff::tz::TimeZone::UTC))
            .unwrap();
        let Some(FailureKind::Retryable {
            retry_after: Some(d),
        }) = kind(429, Some(&date))
        else {
            panic!("no retry-after read from {date}");
        };
        assert!((110..=120).contains(&d.as_secs()), "{d:?}");
    }

    #[test]
    fn provider_codes_are_numbers_or_words_never_text() {
        let twilio = serde_json::json!({"code": 21211, "message": "The 'To' number +15555550101 is not valid"});
        assert_eq!(provider_code(&twilio).as_deref(), Some("21211"));
        let fhir = serde_json::json!({"resourceType": "OperationOutcome", "issue": [{"code": "invalid", "diagnostics": "Maria"}]});
        assert_eq!(provider_code(&fhir).as_deref(), Some("invalid"));
        let leak = serde_json::json!({"code": "Maria Lopez"});
        assert_eq!(provider_code(&leak), None);
        let phone = serde_json::json!({"code": "15555550101"});
        assert_eq!(provider_code(&phone), None);
    }
}
