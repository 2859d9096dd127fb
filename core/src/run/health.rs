//! Health over HTTP, for orchestrators and load balancers:
//!
//! - `GET /healthz`: the process is alive (200 as soon as the listener is up);
//! - `GET /readyz`: carewire can do its work: connected to NATS, its
//!   streams and consumers set up, plugins loaded, JetStream accepting its
//!   writes, and not draining for shutdown. 503 otherwise, with a JSON body
//!   saying which part is missing and why.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde_json::json;

/// What `/readyz` reports; updated by `carewire run` as it starts and stops.
#[derive(Default)]
pub struct Readiness {
    nats: OnceLock<async_nats::Client>,
    plugins_loaded: AtomicBool,
    consumers_bound: AtomicBool,
    draining: AtomicBool,
    /// Why the streams and consumers are not set up yet, while carewire
    /// waits for JetStream (a leader election, a node restarting).
    setup_waiting: Mutex<Option<String>>,
}

impl Readiness {
    pub fn set_nats(&self, client: async_nats::Client) {
        let _ = self.nats.set(client);
    }
    pub fn set_plugins_loaded(&self) {
        self.plugins_loaded.store(true, Ordering::SeqCst);
    }
    pub fn set_consumers_bound(&self) {
        self.consumers_bound.store(true, Ordering::SeqCst);
    }
    /// The set-up of streams and consumers is waiting for JetStream (`None`: not any more).
    pub fn set_setup_waiting(&self, why: Option<String>) {
        *self.setup_waiting.lock().unwrap_or_else(|e| e.into_inner()) = why;
    }
    /// Shutdown has begun: no new work should be sent here.
    pub fn set_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    fn nats_connected(&self) -> bool {
        self.nats
            .get()
            .is_some_and(|c| c.connection_state() == async_nats::connection::State::Connected)
    }

    pub fn is_ready(&self) -> bool {
        self.nats_connected()
            && self.plugins_loaded.load(Ordering::SeqCst)
            && self.consumers_bound.load(Ordering::SeqCst)
            && crate::nats::writes::gate().is_open()
            && !self.draining.load(Ordering::SeqCst)
    }
}

pub fn router(readiness: Arc<Readiness>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(readiness)
}

async fn readyz(State(r): State<Arc<Readiness>>) -> Response {
    let body = json!({
        "nats_connected": r.nats_connected(),
        "plugins_loaded": r.plugins_loaded.load(Ordering::SeqCst),
        "consumers_bound": r.consumers_bound.load(Ordering::SeqCst),
        "setup_waiting": r.setup_waiting.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        "writes_refused": crate::nats::writes::gate().refused(),
        "draining": r.draining.load(Ordering::SeqCst),
    });
    let status = if r.is_ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}
