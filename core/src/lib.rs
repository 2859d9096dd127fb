//! carewire: routes messages a health system sends to its patients through a
//! chain of sandboxed WebAssembly safety plugins, then out on exactly one
//! channel.
//!
//! The modules follow the data: [`intake`] (JetStream) -> [`envelope`] decode
//! -> [`plugin`] chain -> [`decision`] fold -> [`router`] -> [`channel`]
//! adapter -> [`audit`] record (or [`dlq`]). [`pipeline`] joins the middle
//! stages for both the daemon and [`replay`]. [`common`] holds what every
//! stage shares (channels, the clock, time zones, the KV reader) and imports
//! nothing of the core; [`config`] is read by every stage and imports only
//! the leaves.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod channel;
pub mod codes;
pub mod common;
pub mod config;
pub mod decision;
pub mod decisions;
pub mod delivery;
pub mod dlq;
pub mod envelope;
pub mod health;
pub mod intake;
pub mod listener;
pub mod nats;
pub mod pipeline;
pub mod plugin;
pub mod replay;
pub mod replies;
pub mod router;
pub mod run;
pub mod scope;
pub mod telemetry;
pub mod trace;
pub mod webhooks;
