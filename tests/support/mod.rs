//! Shared helpers of carewire's integration tests: a real nats-server, config
//! files pinned to the built plugins, the `carewire` process, KV seeding,
//! publishing requests and reading back everything carewire stored.
//!
//! - `nats_server`: a nats-server per test (free port, JetStream, temporary store);
//! - `config`: config files and the plugins they pin;
//! - `process`: the `carewire` process;
//! - `kv`: KV records, seeded within a tenant and read back;
//! - `publish`: the topology and the requests published to it;
//! - `outputs`: everything carewire stored, collected and queried;
//! - `checks`: no PHI, codes only, and the plugins of examples/carewire.toml.
//!
//! Every wait has a deadline and fails with a message that says what was
//! awaited and what was seen; nothing here skips a test.
#![allow(dead_code)]

pub mod fhir_r4;
pub mod otlp;
pub mod pki;
pub mod providers;

mod checks;
mod config;
mod kv;
mod nats_server;
mod outputs;
mod process;
mod publish;

// Each test binary uses a part of these.
#[allow(unused_imports)]
pub use checks::*;
#[allow(unused_imports)]
pub use config::*;
#[allow(unused_imports)]
pub use kv::*;
#[allow(unused_imports)]
pub use nats_server::*;
#[allow(unused_imports)]
pub use outputs::*;
#[allow(unused_imports)]
pub use process::*;
#[allow(unused_imports)]
pub use publish::*;
