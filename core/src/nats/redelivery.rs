//! How often a message that carewire could not handle is tried again, and
//! when carewire gives up on it.
//!
//! carewire counts deliveries itself, from the delivery count JetStream puts
//! in every message's reply subject: when the delivery numbered
//! `max_deliver` fails too, carewire stores the message in the DLQ
//! (`<prefix>.dlq.max_deliveries`) with its reason and an audit record, and
//! only then acks it. JetStream's own `max_deliver` on the consumer is a few
//! deliveries higher ([`DEAD_LETTER_DELIVERIES`]), so that a dead letter that
//! could not be stored at once is tried again rather than dropped by the
//! server. (JetStream's `MAX_DELIVERIES` advisory is not used: it is sent
//! once, to whoever listens at that moment, and says nothing that could
//! be stored with the message.)
//!
//! JetStream's consumer `backoff` is not used either: it replaces the ack
//! wait with its first step, and it does not apply to naks, which is how
//! carewire asks for a message again. The delay of each nak is computed here.

use std::future::Future;
use std::time::Duration;

use super::settle::ProcessingStatus;

/// Deliveries JetStream makes beyond carewire's `max_deliver`, kept for
/// storing the dead letter.
pub const DEAD_LETTER_DELIVERIES: i64 = 5;

/// A consumer's redelivery policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redelivery {
    /// Deliveries carewire tries before it dead-letters a message (counting
    /// every delivery, deferrals included on the dispatch consumers).
    pub max_deliver: i64,
    /// The delay after the first failed delivery; doubled after each.
    pub initial: Duration,
    /// The longest delay.
    pub max: Duration,
}

impl Redelivery {
    /// carewire's policy for a consumer whose config allows `max_deliver`
    /// deliveries (`intake.max_deliver`, `delivery.max_deliver`): tried again
    /// after 1 s, doubling to 60 s.
    pub fn after(max_deliver: i64) -> Self {
        Self {
            max_deliver,
            initial: Duration::from_secs(1),
            max: Duration::from_secs(60),
        }
    }

    /// The `max_deliver` JetStream is given for the consumer.
    pub fn server_max_deliver(&self) -> i64 {
        self.max_deliver.saturating_add(DEAD_LETTER_DELIVERIES)
    }

    /// The nak delay after delivery number `delivered` (1-based) failed.
    pub fn delay(&self, delivered: i64) -> Duration {
        let doublings = u32::try_from(delivered.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.initial
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.max)
    }

    /// Whether delivery number `delivered` is the last carewire handles:
    /// if it fails, the message goes to the DLQ.
    pub fn is_last(&self, delivered: i64) -> bool {
        delivered >= self.max_deliver
    }

    /// Whether delivery number `delivered` comes after the last: the
    /// message is only dead-lettered (storing it failed before).
    pub fn is_beyond(&self, delivered: i64) -> bool {
        delivered > self.max_deliver
    }

    /// The answer for delivery number `delivered` of a message that is not
    /// done and would be tried again after `delay`: that, unless it is the
    /// last delivery, when `dead_letter` stores it in the DLQ and it is
    /// acked (or, when storing fails, tried again after the back-off).
    pub async fn unfinished<F, Fut, E>(
        &self,
        delivered: i64,
        delay: Duration,
        dead_letter: F,
    ) -> ProcessingStatus
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: std::fmt::Display,
    {
        if !self.is_last(delivered) {
            return ProcessingStatus::Nak(delay);
        }
        match dead_letter().await {
            Ok(()) => ProcessingStatus::Ack,
            Err(e) => {
                tracing::error!(error = %e, delivered, "a message used up its deliveries and its dead letter could not be stored; trying again");
                ProcessingStatus::Nak(self.delay(delivered))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap() {
        let r = Redelivery::after(5);
        let delays: Vec<u64> = (1..=9).map(|n| r.delay(n).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(r.delay(i64::MAX), Duration::from_secs(60));
        assert_eq!(r.delay(0), Duration::from_secs(1));
        assert!(!r.is_last(4) && r.is_last(5) && !r.is_beyond(5) && r.is_beyond(6));
        assert_eq!(r.server_max_deliver(), 5 + DEAD_LETTER_DELIVERIES);
    }

    #[tokio::test]
    async fn only_the_last_delivery_is_dead_lettered() {
        let r = Redelivery::after(3);
        let wait = Duration::from_secs(7);
        let stored = || async { Ok::<(), String>(()) };
        let refused = || async { Err::<(), String>("dlq full".into()) };
        assert_eq!(
            r.unfinished(2, wait, stored).await,
            ProcessingStatus::Nak(wait)
        );
        assert_eq!(r.unfinished(3, wait, stored).await, ProcessingStatus::Ack);
        assert_eq!(
            r.unfinished(3, wait, refused).await,
            ProcessingStatus::Nak(r.delay(3))
        );
    }
}
