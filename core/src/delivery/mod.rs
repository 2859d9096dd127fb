//! The delivery stage: takes routed messages from `carewire.dispatch.<channel>`
//! and hands them to the channel's targets (NATS, or a provider over HTTP),
//! with quiet hours, a last opt-out check, rate limits, retries, delivery
//! events and the DLQ.

pub mod quiet_hours;
