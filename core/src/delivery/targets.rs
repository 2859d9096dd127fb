//! One delivery to one target. NATS dedupes by `Nats-Msg-Id` on its own;
//! an HTTP provider is called under the [`Ledger`]: claimed before the
//! call, settled after it, so no message is sent twice to a provider that
//! cannot drop duplicates, whatever crashes or redeliveries happen.

use std::time::Duration;

use async_nats::HeaderMap;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use rand::Rng;

use super::GaveUp;
use super::events::{DeliveryEvent, DeliveryStatus};
use super::ledger::{Ledger, LedgerEntry, LedgerState};
use crate::channels::{Dispatch, FailureKind, HttpTarget, NatsChannel};
use crate::common::clock::now_ms;
use crate::config::{DeliveryConfig, RateConfig};
use crate::nats::KvError;
use crate::telemetry::trace::{Kind, TraceContext, messaging};
use opentelemetry::KeyValue;

/// Bounded exponential backoff with jitter.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub initial: Duration,
    pub max: Duration,
    /// How long a delivery may wait in process for its provider's token
    /// bucket: with the provider call after it, well inside the ack wait.
    pub rate_wait: Duration,
}

impl RetryPolicy {
    pub fn from_config(config: &DeliveryConfig) -> Self {
        Self {
            max_attempts: config.max_attempts,
            initial: Duration::from_millis(config.backoff_initial_ms),
            max: Duration::from_millis(config.backoff_max_ms),
            rate_wait: Duration::from_millis(
                (config.ack_wait_secs * 1000).saturating_sub(config.request_timeout_ms) / 2,
            )
            .min(Duration::from_secs(5)),
        }
    }

    /// The wait after failed attempt number `attempts` (1-based): between
    /// half and all of `initial * 2^(attempts-1)` (capped at `max`), and
    /// never less than the provider's `Retry-After`.
    pub fn delay(&self, attempts: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .initial
            .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1)))
            .min(self.max);
        let half = exp / 2;
        let jitter = rand::rng().random_range(0..=half.as_millis().max(1) as u64);
        let backoff = half + Duration::from_millis(jitter);
        retry_after.map_or(backoff, |r| r.max(backoff))
    }
}

/// What one target did with one message.
pub enum Attempt {
    /// Delivered (or already delivered before); the event to publish.
    Done(Option<DeliveryEvent>),
    /// Try again after this long.
    Later(Duration),
    GaveUp(GaveUp),
    /// The provider refused because the recipient opted out with it (for
    /// Twilio, error 21610): nothing was sent.
    CarrierOptOut,
}

pub enum TargetRuntime {
    Nats(NatsChannel),
    Http {
        client: HttpTarget,
        limiter: DefaultDirectRateLimiter,
    },
}

impl TargetRuntime {
    pub fn http(client: HttpTarget, rate: RateConfig) -> Self {
        let per_second =
            std::num::NonZeroU32::new(rate.per_second).unwrap_or(std::num::NonZeroU32::MIN);
        let burst = std::num::NonZeroU32::new(rate.burst).unwrap_or(std::num::NonZeroU32::MIN);
        Self::Http {
            client,
            limiter: RateLimiter::direct(Quota::per_second(per_second).allow_burst(burst)),
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            TargetRuntime::Nats(_) => "nats",
            TargetRuntime::Http { client, .. } => client.target().as_str(),
        }
    }

    pub async fn deliver(
        &self,
        dispatch: &Dispatch,
        ledger: &Ledger,
        retry: &RetryPolicy,
        trace: &TraceContext,
    ) -> Result<Attempt, KvError> {
        let m = &dispatch.message;
        let event = |status| {
            DeliveryEvent::new(&m.id, &m.tenant, m.channel, status, now_ms()).provider(self.name())
        };
        let (client, limiter) = match self {
            TargetRuntime::Nats(nats) => {
                let subject = nats.subject(m.channel);
                let span = trace.child(
                    format!("publish {subject}"),
                    Kind::Producer,
                    messaging("publish", &subject),
                );
                let mut headers = HeaderMap::new();
                span.inject(&mut headers);
                return Ok(match nats.publish(m, headers).await {
                    Ok(()) => Attempt::Done(Some(event(DeliveryStatus::Accepted))),
                    Err(e) => {
                        tracing::warn!(error = %e, "outbound publish failed; will retry");
                        Attempt::Later(Duration::from_secs(1))
                    }
                });
            }
            TargetRuntime::Http { client, limiter } => (client, limiter),
        };

        let key = Ledger::key(m.channel, client.target(), &m.key());
        let entry = ledger.get(&key).await?;
        let previous = entry.clone().unwrap_or_default();
        match previous.state {
            LedgerState::Sent => return Ok(Attempt::Done(Some(sent_event(event, &previous)))),
            LedgerState::Failed | LedgerState::Unknown => {
                return Ok(Attempt::GaveUp(gave_up(self.name(), &previous)));
            }
            LedgerState::Sending if !client.idempotent() => {
                // A call was started and never settled: it may have reached
                // the provider. Not sending again; a person must check.
                let settled = LedgerEntry {
                    state: LedgerState::Unknown,
                    reason: Some("send_outcome_unknown".into()),
                    updated_ms: now_ms(),
                    ..previous
                };
                ledger.settle(&key, &settled).await?;
                return Ok(Attempt::GaveUp(gave_up(self.name(), &settled)));
            }
            LedgerState::Pending | LedgerState::Sending => {}
        }

        if !wait_for_token(limiter, retry.rate_wait).await {
            // A backlog beyond the rate: back to JetStream for a while
            // rather than holding a delivery slot (and the ack wait) here.
            let later = rand::rng().random_range(1_000..=5_000);
            return Ok(Attempt::Later(Duration::from_millis(later)));
        }
        let claim = LedgerEntry {
            state: LedgerState::Sending,
            attempts: previous.attempts + 1,
            tenant: m.tenant.clone(),
            traceparent: trace.traceparent(),
            updated_ms: now_ms(),
            ..LedgerEntry::default()
        };
        if !ledger.transition(&key, entry.as_ref(), &claim).await? {
            // Another router is on it; look again later.
            return Ok(Attempt::Later(Duration::from_secs(1)));
        }

        let span = trace.child(
            format!("send {}", self.name()),
            Kind::Client,
            vec![
                KeyValue::new("carewire.delivery.target", self.name()),
                KeyValue::new("carewire.delivery.attempt", i64::from(claim.attempts)),
            ],
        );
        let result = client.send(dispatch).await;
        match &result {
            Ok(_) => span.set_attribute(KeyValue::new("carewire.delivery.result", "sent")),
            Err(failure) => {
                if let Some(status) = failure.http_status {
                    span.set_attribute(KeyValue::new(
                        "http.response.status_code",
                        i64::from(status),
                    ));
                }
                span.set_error(failure.reason);
            }
        }
        drop(span);
        let attempts = claim.attempts;
        let mut settled = LedgerEntry {
            updated_ms: now_ms(),
            ..claim
        };
        let attempt = match result {
            Ok(sent) => {
                settled.state = LedgerState::Sent;
                settled.provider_id = sent.provider_id;
                settled.provider_status = sent.provider_status;
                settled.reason = sent.delivered.then(|| "delivered".to_string());
                Attempt::Done(Some(sent_event(event, &settled)))
            }
            Err(failure) => {
                settled.http_status = failure.http_status;
                settled.error_code = failure.provider_code.clone();
                match failure.kind {
                    FailureKind::RecipientOptedOut => {
                        // Nothing went out; the ledger forgets the claim, so
                        // that a START before a retry could send it.
                        settled.state = LedgerState::Pending;
                        settled.reason = Some("carrier_opt_out".into());
                        ledger.settle(&key, &settled).await?;
                        return Ok(Attempt::CarrierOptOut);
                    }
                    FailureKind::Retryable { retry_after } if attempts < retry.max_attempts => {
                        settled.state = LedgerState::Pending;
                        settled.reason = Some(failure.reason.into());
                        let delay = retry.delay(attempts, retry_after);
                        tracing::info!(id = %m.id, target = self.name(), attempts, reason = failure.reason, http_status = ?failure.http_status, delay_ms = delay.as_millis() as u64, "provider call failed; will retry");
                        ledger.settle(&key, &settled).await?;
                        return Ok(Attempt::Later(delay));
                    }
                    FailureKind::Retryable { .. } => {
                        settled.state = LedgerState::Failed;
                        settled.reason = Some(format!("retries_exhausted:{}", failure.reason));
                    }
                    FailureKind::Permanent => {
                        settled.state = LedgerState::Failed;
                        settled.reason = Some(failure.reason.into());
                    }
                    FailureKind::Ambiguous => {
                        settled.state = LedgerState::Unknown;
                        settled.reason = Some(format!("send_outcome_unknown:{}", failure.reason));
                    }
                }
                Attempt::GaveUp(gave_up(self.name(), &settled))
            }
        };
        ledger.settle(&key, &settled).await?;
        Ok(attempt)
    }
}

/// Takes a token from the bucket, waiting up to `limit`; false when none
/// came in time.
async fn wait_for_token(limiter: &DefaultDirectRateLimiter, limit: Duration) -> bool {
    let started = tokio::time::Instant::now();
    loop {
        match limiter.check() {
            Ok(()) => return true,
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                if started.elapsed() + wait > limit {
                    return false;
                }
                tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
            }
        }
    }
}

fn sent_event(
    event: impl Fn(DeliveryStatus) -> DeliveryEvent,
    entry: &LedgerEntry,
) -> DeliveryEvent {
    let delivered = entry.reason.as_deref() == Some("delivered");
    let mut e = event(if delivered {
        DeliveryStatus::Delivered
    } else {
        DeliveryStatus::Accepted
    });
    e.provider_id = entry.provider_id.clone();
    e.provider_status = entry.provider_status.clone();
    e.attempts = Some(entry.attempts);
    e
}

fn gave_up(target: &'static str, entry: &LedgerEntry) -> GaveUp {
    GaveUp {
        target,
        result: if entry.state == LedgerState::Unknown {
            "unknown"
        } else {
            "failed"
        },
        reason: entry.reason.clone().unwrap_or_else(|| "failed".into()),
        http_status: entry.http_status,
        provider_code: entry.error_code.clone(),
        attempts: entry.attempts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_jittered_and_honours_retry_after() {
        let p = RetryPolicy {
            max_attempts: 5,
            initial: Duration::from_millis(400),
            max: Duration::from_secs(2),
            rate_wait: Duration::from_secs(1),
        };
        for _ in 0..50 {
            let first = p.delay(1, None);
            assert!(
                (200..=400).contains(&(first.as_millis() as u64)),
                "{first:?}"
            );
            let third = p.delay(3, None);
            assert!(
                (800..=1600).contains(&(third.as_millis() as u64)),
                "{third:?}"
            );
            let tenth = p.delay(10, None);
            assert!(
                (1000..=2000).contains(&(tenth.as_millis() as u64)),
                "{tenth:?}"
            );
            assert_eq!(
                p.delay(1, Some(Duration::from_secs(30))),
                Duration::from_secs(30)
            );
        }
    }
}
