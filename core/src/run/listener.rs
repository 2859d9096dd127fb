//! carewire's HTTP listener (`[http]`): the health endpoints and the SMS
//! webhooks, with bounds on what one client may hold.
//!
//! - A request head must arrive within `header_timeout_ms` of the connection
//!   opening (hyper's header read timeout), its body within
//!   `body_timeout_ms` (in total: a trickle gets 408) and be at most
//!   `max_body_bytes` (413); carewire answers within `response_timeout_ms`
//!   (503). A kept-alive connection with no request for `idle_timeout_ms`
//!   is closed.
//! - At most `max_connections` are open. At the cap a new connection closes
//!   the one that has waited longest without a request being answered (a
//!   slow head or body, or an idle keep-alive); when every open connection
//!   is being answered, the new one is closed. Slow clients therefore hold
//!   at most the cap of file descriptors and cannot shut out a probe or a
//!   provider, which send their whole request at once.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::config::HttpConfig;
use crate::nats::Shutdown;

/// The read buffer of one connection, and so the largest request head.
const MAX_BUF_BYTES: usize = 64 * 1024;
/// How often idle connections are looked for.
const SWEEP: Duration = Duration::from_millis(250);
/// The pause after a failed accept (out of file descriptors, say).
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// What one client may hold; from `[http]`.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    pub response_timeout: Duration,
    pub max_body_bytes: usize,
}

impl Limits {
    pub fn from_config(http: &HttpConfig) -> Self {
        Self {
            max_connections: http.max_connections,
            header_timeout: Duration::from_millis(http.header_timeout_ms),
            body_timeout: Duration::from_millis(http.body_timeout_ms),
            idle_timeout: Duration::from_millis(http.idle_timeout_ms),
            response_timeout: Duration::from_millis(http.response_timeout_ms),
            max_body_bytes: http.max_body_bytes,
        }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown`, then
/// lets the requests in flight finish (for as long as one may take).
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: Shutdown) {
    let open = Arc::new(OpenConnections::new(limits.max_connections));
    let mut connections = JoinSet::new();
    let mut sweep = tokio::time::interval(SWEEP);
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => match open.admit() {
                    Some(connection) => {
                        connections.spawn(serve_connection(
                            stream,
                            router.clone(),
                            limits,
                            connection,
                            open.clone(),
                            shutdown.clone(),
                        ));
                    }
                    None => tracing::debug!("every connection is being answered: a new one closed"),
                },
                Err(e) => {
                    tracing::warn!(error = %e, "cannot accept an HTTP connection");
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                }
            },
            _ = sweep.tick() => open.close_idle(limits.idle_timeout),
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            () = shutdown.clone() => break,
        }
    }
    drop(listener);
    let grace = limits.body_timeout + limits.response_timeout;
    let finished = tokio::time::timeout(grace, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        tracing::warn!(
            connections = connections.len(),
            "HTTP connections still open at shutdown closed"
        );
    }
}

/// Serves one connection until it ends, is closed to make room or times
/// out idle; at shutdown it finishes the request in flight.
async fn serve_connection(
    stream: TcpStream,
    router: Router,
    limits: Limits,
    connection: Arc<Connection>,
    open: Arc<OpenConnections>,
    shutdown: Shutdown,
) {
    let service = {
        let connection = connection.clone();
        hyper::service::service_fn(move |request| {
            answer(request, router.clone(), limits, connection.clone())
        })
    };
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_BUF_BYTES);
    let serving = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(serving);
    let mut draining = false;
    loop {
        tokio::select! {
            result = serving.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "HTTP connection ended");
                }
                break;
            }
            () = connection.closed.notified() => break,
            () = shutdown.clone(), if !draining => {
                draining = true;
                serving.as_mut().graceful_shutdown();
            }
        }
    }
    open.remove(connection.id);
}

/// Reads the whole body (within the body limits), then has `router` answer.
async fn answer(
    request: Request<Incoming>,
    router: Router,
    limits: Limits,
    connection: Arc<Connection>,
) -> Result<Response<Body>, Infallible> {
    connection.enter(Phase::Body);
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body_bytes as u64) {
        return Ok(refuse(&connection, StatusCode::PAYLOAD_TOO_LARGE));
    }
    let read = Limited::new(body, limits.max_body_bytes).collect();
    let body = match tokio::time::timeout(limits.body_timeout, read).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Ok(refuse(&connection, StatusCode::PAYLOAD_TOO_LARGE));
        }
        Ok(Err(_)) => return Ok(refuse(&connection, StatusCode::BAD_REQUEST)),
        Err(_) => return Ok(refuse(&connection, StatusCode::REQUEST_TIMEOUT)),
    };
    connection.enter(Phase::Answering);
    let request = Request::from_parts(parts, Body::from(body));
    let answered = tokio::time::timeout(limits.response_timeout, router.oneshot(request)).await;
    connection.enter(Phase::Idle);
    Ok(match answered {
        Ok(Ok(response)) => response,
        Ok(Err(never)) => match never {},
        Err(_) => {
            tracing::warn!("an HTTP request took longer than http.response_timeout_ms: 503");
            refuse(&connection, StatusCode::SERVICE_UNAVAILABLE)
        }
    })
}

/// An empty answer with `status` that closes the connection.
fn refuse(connection: &Connection, status: StatusCode) -> Response<Body> {
    tracing::debug!(status = status.as_u16(), "HTTP request refused");
    connection.enter(Phase::Idle);
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Where a connection is in its request cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Phase {
    /// Open, no complete request head yet.
    Head,
    /// A head arrived; the body is being read.
    Body,
    /// carewire is answering a whole request: never closed to make room.
    Answering,
    /// Kept alive after an answer, waiting for the next request.
    Idle,
}

/// One open connection: its phase since when, and how to close it.
struct Connection {
    id: u64,
    phase: AtomicU8,
    /// Milliseconds from `epoch` to when `phase` began.
    since_ms: AtomicU64,
    epoch: Instant,
    closed: Notify,
}

impl Connection {
    fn enter(&self, phase: Phase) {
        self.since_ms
            .store(millis_since(self.epoch), Ordering::SeqCst);
        self.phase.store(phase as u8, Ordering::SeqCst);
    }

    fn phase(&self) -> Phase {
        match self.phase.load(Ordering::SeqCst) {
            0 => Phase::Head,
            1 => Phase::Body,
            2 => Phase::Answering,
            _ => Phase::Idle,
        }
    }

    fn since_ms(&self) -> u64 {
        self.since_ms.load(Ordering::SeqCst)
    }

    fn close(&self) {
        self.closed.notify_one();
    }
}

fn millis_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The open connections, and the cap on them.
struct OpenConnections {
    max: usize,
    epoch: Instant,
    next_id: AtomicU64,
    by_id: Mutex<HashMap<u64, Arc<Connection>>>,
}

impl OpenConnections {
    fn new(max: usize) -> Self {
        Self {
            max,
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            by_id: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.by_id.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a new connection. At the cap it first closes the one that
    /// has waited longest without being answered; `None` (refuse the new
    /// one) when every open connection is being answered.
    fn admit(&self) -> Option<Arc<Connection>> {
        let mut by_id = self.lock();
        if by_id.len() >= self.max {
            let oldest = by_id
                .values()
                .filter(|c| c.phase() != Phase::Answering)
                .min_by_key(|c| c.since_ms())
                .map(|c| c.id)?;
            if let Some(evicted) = by_id.remove(&oldest) {
                evicted.close();
                tracing::debug!(
                    "HTTP connection cap reached: the longest-waiting connection closed"
                );
            }
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            id,
            phase: AtomicU8::new(Phase::Head as u8),
            since_ms: AtomicU64::new(millis_since(self.epoch)),
            epoch: self.epoch,
            closed: Notify::new(),
        });
        by_id.insert(id, connection.clone());
        Some(connection)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Closes the kept-alive connections idle for longer than `limit`.
    fn close_idle(&self, limit: Duration) {
        let now = millis_since(self.epoch);
        let limit = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        let mut by_id = self.lock();
        by_id.retain(|_, c| {
            let expired = c.phase() == Phase::Idle && now.saturating_sub(c.since_ms()) > limit;
            if expired {
                c.close();
            }
            !expired
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admitted(open: &OpenConnections, n: usize) -> Vec<Arc<Connection>> {
        (0..n).map(|_| open.admit().unwrap()).collect()
    }

    fn is_closed(connection: &Connection) -> bool {
        use futures::FutureExt;
        connection.closed.notified().now_or_never().is_some()
    }

    #[test]
    fn at_the_cap_the_longest_waiting_connection_makes_room() {
        let open = OpenConnections::new(3);
        let c = admitted(&open, 3);
        // The oldest is being answered: never closed to make room.
        c[0].enter(Phase::Answering);
        c[1].since_ms.store(5, Ordering::SeqCst);
        c[2].since_ms.store(1, Ordering::SeqCst);
        let newcomer = open.admit().unwrap();
        assert!(is_closed(&c[2]));
        assert!(!is_closed(&c[0]) && !is_closed(&c[1]));
        assert_eq!(open.lock().len(), 3);
        assert!(open.lock().contains_key(&newcomer.id));
    }

    #[test]
    fn when_every_connection_is_answered_a_new_one_is_refused() {
        let open = OpenConnections::new(2);
        for c in admitted(&open, 2) {
            c.enter(Phase::Answering);
        }
        assert!(open.admit().is_none());
        assert_eq!(open.lock().len(), 2);
    }

    #[test]
    fn only_connections_idle_for_long_are_closed_idle() {
        let open = OpenConnections::new(4);
        let c = admitted(&open, 4);
        c[0].enter(Phase::Idle);
        c[1].enter(Phase::Head);
        c[2].enter(Phase::Body);
        std::thread::sleep(Duration::from_millis(30));
        c[3].enter(Phase::Idle);
        open.close_idle(Duration::from_millis(15));
        assert!(is_closed(&c[0]));
        assert!(c[1..].iter().all(|c| !is_closed(c)));
        assert_eq!(open.lock().len(), 3);
    }
}
