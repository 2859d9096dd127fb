//! Health over HTTP, for orchestrators and load balancers:
//!
//! - `GET /healthz`: the process is alive (200 as soon as the listener is up);
//! - `GET /readyz`: carewire can do its work: connected to NATS, plugins
//!   loaded, consumers bound, and not draining for shutdown. 503 otherwise,
//!   with a JSON body saying which part is missing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

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
        "draining": r.draining.load(Ordering::SeqCst),
    });
    let status = if r.is_ready() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}
