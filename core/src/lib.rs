//! carewire: routes messages a health system sends to its patients through a
//! chain of sandboxed WebAssembly safety plugins, then out on exactly one
//! channel.
//!
//! One folder per stage, in the order a message meets them:
//!
//! 1. [`intake`]: pulls requests from JetStream in batches, acks them.
//! 2. [`envelope`]: decodes a request (carewire's envelope or a FHIR
//!    CommunicationRequest) and refuses what is invalid.
//! 3. [`chain`]: the plugin host: runs the configured plugins, sandboxed, in
//!    order, and lifts what they answer into verdicts.
//! 4. [`route`]: folds the verdicts and chooses exactly one channel, or none.
//! 5. [`dispatch`]: writes the decision once, then publishes it for delivery.
//! 6. [`delivery`]: the SMS gate, quiet hours, targets, retries, events.
//! 7. [`channels`]: where a message leaves: NATS, Twilio, FHIR, PagerDuty,
//!    webhooks.
//! 8. [`audit`]: the audit record of every decision and delivery, and the
//!    dead-letter queue.
//! 9. [`replies`] and [`webhooks`]: what comes back (STOP/START/HELP,
//!    provider status callbacks).
//! 10. [`run`]: wiring for `carewire run` and `carewire replay`, the HTTP
//!     listener and health, and the local nats-server supervisor.
//!
//! Beside the stages: [`common`] holds what every stage shares (channels,
//! the clock, codes, tenant scoping, time zones, the KV reader) and imports
//! nothing of the core; [`config`] is read by every stage and imports only
//! the leaves; [`telemetry`] (traces and metrics) and [`nats`] (the
//! connection, streams and KV) serve every stage. No module imports one
//! above it in this order.
//!
//! Failures on the message path are typed: [`nats::StoreError`] and
//! [`nats::KvError`] keep the NATS client's error kinds, and each consuming
//! stage has its own enum ([`intake::IntakeError`],
//! [`delivery::DeliveryError`], [`replies::ReplyError`]) that says which step
//! failed; each answers JetStream through one [`nats::ProcessingStatus`].
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod chain;
pub mod channels;
pub mod common;
pub mod config;
pub mod delivery;
pub mod dispatch;
pub mod envelope;
pub mod intake;
pub mod nats;
pub mod replies;
pub mod route;
pub mod run;
pub mod telemetry;
pub mod webhooks;
