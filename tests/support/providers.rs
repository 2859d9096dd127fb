//! Fake provider APIs for carewire's channel adapters: real HTTP/1.1 servers on
//! loopback ports that implement the parts of Twilio Programmable Messaging,
//! a FHIR R4 server (Communication only), the PagerDuty Events API v2 and a
//! generic signed webhook that carewire uses.
//!
//! Every request is recorded (including the ones rejected for authentication
//! or validation, with the status they were answered), and what the next
//! requests get is scripted with [`Behaviour`]s: a queue ([`FakeProvider::push`])
//! and per-body overrides ([`FakeProvider::fail_matching`]).
//!
//! The order in which a request is handled:
//!
//! 1. authentication, routing and validation as the real API does them; a
//!    request that fails them is answered with the API's error (401, 400,
//!    404, ...), recorded as `Behaviour::Status(code)`, and takes nothing from
//!    the script;
//! 2. otherwise the scripted behaviour: the last `fail_matching` rule whose
//!    needle the body contains, else the next queued behaviour (taken), else
//!    `Ok`;
//! 3. `Ok` and `Slow` have the API's effect (a FHIR resource stored, a
//!    message sid issued) when the request arrives — `Slow` only delays the
//!    answer, as a provider that did the work but answered late; `Status`,
//!    `TooMany` and `Drop` have no effect.
//!
//! `Drop` closes the TCP connection without writing a byte of a response:
//! the listener keeps a duplicate of every accepted socket's descriptor, and
//! the handler shuts that socket down (`shutdown(Both)`), so the client reads
//! end-of-file where the response should be and hyper's connection task, its
//! writes failing, ends and closes the socket.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::net::{Shutdown, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use axum::serve::{IncomingStream, Listener};
use base64::Engine as _;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};

/// What a fake provider answers a request with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behaviour {
    /// The API's normal success answer.
    Ok,
    /// Answer with this status and a JSON error body in the API's style.
    Status(u16),
    /// 429 with `Retry-After: <secs>`.
    TooMany { retry_after_secs: u64 },
    /// Record the request, wait this long, then answer Ok.
    Slow(Duration),
    /// Record the request, then close the connection without any response.
    Drop,
    /// Twilio's 400 with error code 21610, "Attempt to send to unsubscribed
    /// recipient" (the number replied STOP at the carrier); other APIs
    /// answer it as `Status(400)`.
    Unsubscribed,
}

/// One request a fake provider received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The raw query string, without the `?` (empty when there is none).
    pub query: String,
    /// Names lower-case; in the order received, except that the values of
    /// a repeated name come together (as `http::HeaderMap` holds them).
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// The decoded pairs, when the body is `application/x-www-form-urlencoded`.
    pub form: Vec<(String, String)>,
    /// The body parsed, when it is JSON; else `Null`.
    pub json: Value,
    /// What was answered.
    pub behaviour: Behaviour,
    /// When the request (with its body) had been received.
    pub at: Instant,
}

impl Recorded {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first form field of this name.
    pub fn form_value(&self, key: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// One line for failure messages: method, path, what was answered and
    /// the start of the body.
    fn summary(&self) -> String {
        let mut line = format!("{} {}", self.method, self.path);
        if !self.query.is_empty() {
            let _ = write!(line, "?{}", self.query);
        }
        let body = String::from_utf8_lossy(&self.body);
        let mut excerpt: String = body.chars().take(200).collect();
        if body.chars().count() > 200 {
            excerpt.push('…');
        }
        let _ = write!(line, " -> {:?}; body: {excerpt}", self.behaviour);
        line
    }
}

/// Which API a [`FakeProvider`] implements, with its credentials.
#[derive(Debug, Clone)]
enum Api {
    Twilio {
        account_sid: String,
        auth_token: String,
    },
    Fhir {
        token: String,
    },
    PagerDuty {
        routing_key: String,
    },
    Webhook {
        secret: String,
    },
}

impl Api {
    fn name(&self) -> &'static str {
        match self {
            Api::Twilio { .. } => "fake Twilio",
            Api::Fhir { .. } => "fake FHIR server",
            Api::PagerDuty { .. } => "fake PagerDuty",
            Api::Webhook { .. } => "fake webhook receiver",
        }
    }
}

/// A fake provider API on a loopback port. The server runs on the tokio
/// runtime that created it and stops when this is dropped (or the runtime
/// ends); dropping it also closes the connections still open.
pub struct FakeProvider {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
    connections: Connections,
}

impl std::fmt::Debug for FakeProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeProvider")
            .field("api", &self.shared.api.name())
            .field("base_url", &self.shared.base_url)
            .finish_non_exhaustive()
    }
}

impl Drop for FakeProvider {
    fn drop(&mut self) {
        self.server.abort();
        for socket in lock(&self.connections).drain(..) {
            if let Some(socket) = socket.upgrade() {
                let _ = socket.shutdown(Shutdown::Both);
            }
        }
    }
}

impl FakeProvider {
    /// Twilio Programmable Messaging, Messages resource:
    /// `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with a form body
    /// (`To`, `From` or `MessagingServiceSid`, `Body`, optional
    /// `StatusCallback`) and HTTP basic auth `account_sid:auth_token`.
    ///
    /// Rejections, in Twilio's JSON error shape (`code`, `message`,
    /// `more_info`, `status`): bad or missing credentials 401 (20003, with
    /// `WWW-Authenticate`); another AccountSid in the path or any other path
    /// 404 (20404); another method 405 (20004); `To` missing 400 (21604),
    /// not E.164 400 (21211); `From` and `MessagingServiceSid` both missing
    /// 400 (21603); `Body` missing 400 (21602), over 1600 characters 400
    /// (21617).
    ///
    /// Ok: 201 with a Message resource: a new `sid` (`SM` + 32 hex) per
    /// request, `status` `queued` (`accepted` when sent through a messaging
    /// service without `From`, as Twilio does), `to`, `from`, `body`,
    /// `error_code`/`error_message` null, `num_segments` (160 ASCII / 70
    /// other characters in one segment, 153 / 67 per segment when split),
    /// `account_sid`, `date_created` (RFC 2822) and the rest of the resource.
    pub async fn twilio(account_sid: &str, auth_token: &str) -> FakeProvider {
        Self::start(Api::Twilio {
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
        })
        .await
    }

    /// A FHIR R4 server holding Communications, with `Authorization: Bearer
    /// <token>` (else 401 OperationOutcome):
    ///
    /// - `POST /Communication`, `Content-Type: application/fhir+json` (or
    ///   `application/json`; else 415): the body must be a JSON object with
    ///   `resourceType` `Communication` and a valid `status`, and valid FHIR
    ///   R4 by HL7's own JSON schema (else 400, like a strict server).
    ///   Conditional create with `If-None-Exist: identifier=<system>|<value>`
    ///   (percent-encoding decoded; `+` is a literal plus, as in RFC 3986;
    ///   FHIR token semantics: `value` alone matches any system, `|value` no
    ///   system): one stored match -> 200 with it and nothing stored, more
    ///   than one -> 412; none -> stored with a new id and `meta.versionId`
    ///   `1`, 201 with `Location: <base>/Communication/<id>/_history/1`,
    ///   `ETag: W/"1"` and the resource (none with `Prefer: return=minimal`).
    /// - `GET /Communication?identifier=<system>|<value>`: a searchset Bundle
    ///   (every stored Communication without `identifier`).
    /// - `GET /Communication/<id>`: the resource, or 404.
    pub async fn fhir(token: &str) -> FakeProvider {
        Self::start(Api::Fhir {
            token: token.to_string(),
        })
        .await
    }

    /// PagerDuty Events API v2: `POST /v2/enqueue` with a JSON event. The
    /// routing key must be the configured one (else 400 `{"status":"invalid
    /// event","message":"Event object is invalid","errors":["Invalid routing
    /// key"]}`); `event_action` one of trigger, acknowledge, resolve; for
    /// `trigger`, `payload.summary` and `payload.source` non-empty and
    /// `payload.severity` one of critical, error, warning, info; for
    /// acknowledge and resolve, a `dedup_key` (as PagerDuty requires; their
    /// payload is not checked); a `dedup_key` at most 255 characters. Every
    /// problem found is listed in `errors`, with status 400.
    ///
    /// Ok: 202 `{"status":"success","message":"Event processed","dedup_key":
    /// <the given one, or a generated one>}`.
    pub async fn pagerduty(routing_key: &str) -> FakeProvider {
        Self::start(Api::PagerDuty {
            routing_key: routing_key.to_string(),
        })
        .await
    }

    /// A generic signed webhook: `POST /hook` with a JSON body, signed with
    /// `X-Carewire-Timestamp: <unix seconds>` and `X-Carewire-Signature:
    /// v1=<lower-hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` (see
    /// [`webhook_signature`]; several comma-separated `v1=` values are
    /// accepted if one matches). A missing or bad signature -> 401 `{"error":
    /// ...}`; a body that is not JSON -> 400. The timestamp's age is not
    /// checked. Ok: 204 without a body.
    pub async fn webhook(secret: &str) -> FakeProvider {
        Self::start(Api::Webhook {
            secret: secret.to_string(),
        })
        .await
    }

    async fn start(api: Api) -> FakeProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{}: cannot bind 127.0.0.1:0: {e}", api.name()));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("{}: no local address: {e}", api.name()));
        let connections = Connections::default();
        let shared = Arc::new(Shared {
            base_url: format!("http://{addr}"),
            api,
            script: Mutex::default(),
            log: Mutex::default(),
            stored: Mutex::default(),
            issued: AtomicU64::new(0),
        });
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared))
            .into_make_service_with_connect_info::<Connection>();
        let listener = TrackingListener {
            inner: listener,
            connections: Arc::clone(&connections),
        };
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeProvider {
            shared,
            server,
            connections,
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Queue behaviours: each request (that passes authentication and
    /// validation) takes the next one; when the queue is empty, Ok.
    pub fn push(&self, behaviours: impl IntoIterator<Item = Behaviour>) {
        let behaviours: Vec<Behaviour> = behaviours.into_iter().collect();
        behaviours.iter().for_each(check_behaviour);
        lock(&self.shared.script).queue.extend(behaviours);
    }

    /// Answer every request whose body contains `needle` (as raw text, or in
    /// the decoded form fields `key=value&...`) with `behaviour`, overriding
    /// (and not taking from) the queue. The latest rule for a needle replaces
    /// an earlier one; when several needles match, the latest added wins.
    pub fn fail_matching(&self, needle: &str, behaviour: Behaviour) {
        check_behaviour(&behaviour);
        let mut script = lock(&self.shared.script);
        script.matching.retain(|(n, _)| n != needle);
        script.matching.push((needle.to_string(), behaviour));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.log).clone()
    }

    /// The requests received so far whose form field `To` is `to` (Twilio:
    /// the SMS sent to that number), in order.
    pub fn requests_to(&self, to: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.form_value("To") == Some(to))
            .collect()
    }

    /// The Communications stored (FHIR); empty for the other APIs.
    pub fn stored(&self) -> Vec<Value> {
        lock(&self.shared.stored).clone()
    }

    /// Waits (polling) up to `limit` until at least `n` requests were
    /// recorded, and returns them all; panics listing what was seen if not.
    pub async fn wait_for_requests(&self, n: usize, limit: Duration) -> Vec<Recorded> {
        let start = Instant::now();
        loop {
            let seen = self.requests();
            if seen.len() >= n {
                return seen;
            }
            if start.elapsed() >= limit {
                let mut listing = String::new();
                for (i, request) in seen.iter().enumerate() {
                    let _ = write!(listing, "\n  #{}: {}", i + 1, request.summary());
                }
                if seen.is_empty() {
                    listing.push_str(" (none)");
                }
                panic!(
                    "{} at {}: waited {limit:?} for {n} request(s), saw {}:{listing}",
                    self.shared.api.name(),
                    self.shared.base_url,
                    seen.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Twilio's request signature (the `X-Twilio-Signature` header), computed
/// independently of carewire: base64(HMAC-SHA1(auth_token, url + every POST
/// parameter's name then value, sorted by name)).
/// <https://www.twilio.com/docs/usage/webhooks/webhooks-security>
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(&str, &str)]) -> String {
    let mut sorted = params.to_vec();
    // Stable: parameters repeated under one name keep their order.
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(url.as_bytes());
    for (key, value) in sorted {
        mac.update(key.as_bytes());
        mac.update(value.as_bytes());
    }
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The `X-Carewire-Signature` value the fake webhook accepts:
/// `v1=<lower-hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
pub fn webhook_signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

// ---------------------------------------------------------------- internals

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not hide what was recorded.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn check_behaviour(behaviour: &Behaviour) {
    if let Behaviour::Status(code) = behaviour {
        assert!(
            (200..=599).contains(code),
            "Behaviour::Status({code}): a fake provider answers with a status from 200 to 599"
        );
    }
}

struct Shared {
    api: Api,
    base_url: String,
    script: Mutex<Script>,
    log: Mutex<Vec<Recorded>>,
    stored: Mutex<Vec<Value>>,
    /// Numbers identifiers (message sids, resource ids) issued by this server.
    issued: AtomicU64,
}

#[derive(Default)]
struct Script {
    queue: VecDeque<Behaviour>,
    matching: Vec<(String, Behaviour)>,
}

impl Shared {
    fn next_issued(&self) -> u64 {
        self.issued.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn scripted(&self, seen: &Seen) -> Behaviour {
        let mut script = lock(&self.script);
        let raw = String::from_utf8_lossy(&seen.body);
        let form = seen
            .form
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        let matched = script
            .matching
            .iter()
            .rev()
            .find(|(needle, _)| raw.contains(needle.as_str()) || form.contains(needle.as_str()))
            .map(|(_, behaviour)| behaviour.clone());
        matched.unwrap_or_else(|| script.queue.pop_front().unwrap_or(Behaviour::Ok))
    }

    fn record(&self, seen: &Seen, behaviour: Behaviour) {
        lock(&self.log).push(Recorded {
            method: seen.method.to_string(),
            path: seen.path.clone(),
            query: seen.query.clone(),
            headers: seen
                .headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_ascii_lowercase(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: seen.body.clone(),
            form: seen.form.clone(),
            json: seen.json.clone(),
            behaviour,
            at: seen.at,
        });
    }
}

/// A request as received, before it is recorded.
struct Seen {
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Bytes,
    form: Vec<(String, String)>,
    json: Value,
    at: Instant,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn form_value(&self, key: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lower-case, without parameters.
    fn mime(&self) -> String {
        self.header("content-type")
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }
}

/// What a request that passed authentication and validation asks for.
enum Route {
    TwilioCreate { account_sid: String },
    FhirCreate { condition: Option<Token> },
    FhirSearch { identifier: Option<Token> },
    FhirRead { id: String },
    PagerDutyEnqueue,
    Hook,
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(connection): ConnectInfo<Connection>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let (body, unreadable) = match axum::body::to_bytes(body, 16 << 20).await {
        Ok(body) => (body, false),
        Err(_) => (Bytes::new(), true),
    };
    let form = if parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        }) {
        parse_pairs(&String::from_utf8_lossy(&body), true)
    } else {
        Vec::new()
    };
    let seen = Seen {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts.headers,
        json: serde_json::from_slice(&body).unwrap_or(Value::Null),
        body,
        form,
        at: Instant::now(),
    };

    let checked = if unreadable {
        Err(error_response(
            &shared.api,
            400,
            "the request body could not be read",
        ))
    } else {
        check(&shared, &seen)
    };
    let route = match checked {
        Ok(route) => route,
        Err(rejection) => {
            shared.record(&seen, Behaviour::Status(rejection.status().as_u16()));
            return rejection;
        }
    };

    match shared.scripted(&seen) {
        behaviour @ (Behaviour::Ok | Behaviour::Slow(_)) => {
            let answer = succeed(&shared, &seen, route);
            let status = answer.status();
            let recorded = if status.is_success() {
                behaviour.clone()
            } else {
                Behaviour::Status(status.as_u16())
            };
            shared.record(&seen, recorded);
            if let Behaviour::Slow(delay) = behaviour {
                tokio::time::sleep(delay).await;
            }
            answer
        }
        Behaviour::Status(code) => {
            shared.record(&seen, Behaviour::Status(code));
            error_response(&shared.api, code, reason(code))
        }
        Behaviour::TooMany { retry_after_secs } => {
            shared.record(&seen, Behaviour::TooMany { retry_after_secs });
            let mut answer = error_response(&shared.api, 429, reason(429));
            answer
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            answer
        }
        Behaviour::Unsubscribed => {
            shared.record(&seen, Behaviour::Unsubscribed);
            match &shared.api {
                Api::Twilio { .. } => {
                    twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")
                }
                api => error_response(api, 400, reason(400)),
            }
        }
        Behaviour::Drop => {
            shared.record(&seen, Behaviour::Drop);
            connection.close_without_response();
            // Never written: the socket can no longer send.
            Response::new(Body::empty())
        }
    }
}

fn reason(code: u16) -> &'static str {
    StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

// ---------------------------------------------------------------- per API

/// Authentication, routing and validation, in the API's order.
// Called once per request, the rejection answered at once: boxing it buys nothing.
#[allow(clippy::result_large_err)]
fn check(shared: &Shared, seen: &Seen) -> Result<Route, Response> {
    let api = &shared.api;
    match api {
        Api::Twilio {
            account_sid,
            auth_token,
        } => {
            let credentials = basic_auth(seen);
            if credentials.as_ref().map(|(u, p)| (u.as_str(), p.as_str()))
                != Some((account_sid.as_str(), auth_token.as_str()))
            {
                let mut answer = error_response(api, 401, "Authenticate");
                answer.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"Twilio API\""),
                );
                return Err(answer);
            }
            let path_sid = seen
                .path
                .strip_prefix("/2010-04-01/Accounts/")
                .and_then(|rest| rest.strip_suffix("/Messages.json"))
                .filter(|sid| !sid.is_empty() && !sid.contains('/'));
            let not_found = || {
                error_response(
                    api,
                    404,
                    &format!("The requested resource {} was not found", seen.path),
                )
            };
            let Some(path_sid) = path_sid else {
                return Err(not_found());
            };
            if path_sid != account_sid {
                return Err(not_found());
            }
            if seen.method != Method::POST {
                return Err(error_response(api, 405, "Method not allowed"));
            }
            let field = |key: &str| seen.form_value(key).filter(|v| !v.trim().is_empty());
            let Some(to) = field("To") else {
                return Err(twilio_error(400, 21604, "A 'To' phone number is required."));
            };
            if !is_twilio_address(to) {
                return Err(twilio_error(
                    400,
                    21211,
                    &format!("Invalid 'To' Phone Number: {to}"),
                ));
            }
            if field("From").is_none() && field("MessagingServiceSid").is_none() {
                return Err(twilio_error(
                    400,
                    21603,
                    "A 'From' phone number is required.",
                ));
            }
            let Some(body) = field("Body") else {
                return Err(twilio_error(400, 21602, "Message body is required."));
            };
            if body.chars().count() > 1600 {
                return Err(twilio_error(
                    400,
                    21617,
                    "The concatenated message body exceeds the 1600 character limit.",
                ));
            }
            Ok(Route::TwilioCreate {
                account_sid: path_sid.to_string(),
            })
        }

        Api::Fhir { token } => {
            let bearer = seen.header("authorization").and_then(|v| {
                let (scheme, credentials) = v.split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| credentials.trim())
            });
            if bearer != Some(token.as_str()) {
                let mut answer = fhir_outcome(401, "login", "Missing or invalid bearer token");
                answer.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"fhir\""),
                );
                return Err(answer);
            }
            let rest = seen.path.strip_prefix("/Communication");
            match rest {
                Some("") => match seen.method {
                    Method::POST => {
                        let mime = seen.mime();
                        if mime != "application/fhir+json" && mime != "application/json" {
                            return Err(fhir_outcome(
                                415,
                                "not-supported",
                                &format!(
                                    "Unsupported Content-Type '{mime}': send application/fhir+json"
                                ),
                            ));
                        }
                        if !seen.json.is_object() {
                            return Err(fhir_outcome(
                                400,
                                "structure",
                                "The body is not a JSON object",
                            ));
                        }
                        if seen.json["resourceType"] != "Communication" {
                            return Err(fhir_outcome(
                                400,
                                "invalid",
                                "resourceType must be \"Communication\" at /Communication",
                            ));
                        }
                        const STATUSES: [&str; 8] = [
                            "preparation",
                            "in-progress",
                            "not-done",
                            "on-hold",
                            "stopped",
                            "completed",
                            "entered-in-error",
                            "unknown",
                        ];
                        if !seen.json["status"]
                            .as_str()
                            .is_some_and(|s| STATUSES.contains(&s))
                        {
                            return Err(fhir_outcome(
                                400,
                                "required",
                                "Communication.status is required and must be an event-status code",
                            ));
                        }
                        // A strict server: HL7's own schema decides what is valid FHIR R4.
                        let invalid = super::fhir_r4::errors(&seen.json);
                        if !invalid.is_empty() {
                            return Err(fhir_outcome(
                                400,
                                "invalid",
                                &format!(
                                    "Not a valid FHIR R4 Communication: {}",
                                    invalid.join("; ")
                                ),
                            ));
                        }
                        let condition = match seen.header("if-none-exist") {
                            None => None,
                            Some(criteria) => {
                                let identifier = parse_pairs(criteria, false)
                                    .into_iter()
                                    .find(|(k, _)| k == "identifier")
                                    .map(|(_, v)| Token::parse(&v));
                                match identifier {
                                    Some(token) => Some(token),
                                    None => {
                                        return Err(fhir_outcome(
                                            400,
                                            "invalid",
                                            &format!(
                                                "Unsupported If-None-Exist criteria: {criteria}"
                                            ),
                                        ));
                                    }
                                }
                            }
                        };
                        Ok(Route::FhirCreate { condition })
                    }
                    Method::GET => Ok(Route::FhirSearch {
                        identifier: parse_pairs(&seen.query, false)
                            .into_iter()
                            .find(|(k, _)| k == "identifier")
                            .map(|(_, v)| Token::parse(&v)),
                    }),
                    _ => Err(fhir_outcome(405, "not-supported", "Method not allowed")),
                },
                Some(id) if id.len() > 1 && id.starts_with('/') && !id[1..].contains('/') => {
                    if seen.method == Method::GET {
                        Ok(Route::FhirRead {
                            id: id[1..].to_string(),
                        })
                    } else {
                        Err(fhir_outcome(405, "not-supported", "Method not allowed"))
                    }
                }
                _ => Err(fhir_outcome(
                    404,
                    "not-found",
                    &format!("Unknown path {}", seen.path),
                )),
            }
        }

        Api::PagerDuty { routing_key } => {
            if seen.path != "/v2/enqueue" {
                return Err(error_response(api, 404, "Not Found"));
            }
            if seen.method != Method::POST {
                return Err(error_response(api, 405, "Method Not Allowed"));
            }
            if !seen.json.is_object() {
                return Err(pagerduty_invalid(vec![
                    "Event object is not valid JSON".into(),
                ]));
            }
            let event = &seen.json;
            if event["routing_key"].as_str() != Some(routing_key.as_str()) {
                return Err(pagerduty_invalid(vec!["Invalid routing key".into()]));
            }
            let mut errors = Vec::new();
            let action = event["event_action"].as_str().unwrap_or("");
            let dedup_key = &event["dedup_key"];
            match dedup_key {
                Value::Null => {}
                Value::String(key) if key.chars().count() <= 255 => {}
                Value::String(_) => {
                    errors.push("'dedup_key' is too long (over 255 characters)".into())
                }
                _ => errors.push("'dedup_key' must be a string".into()),
            }
            match action {
                "trigger" => {
                    let payload = &event["payload"];
                    if !payload.is_object() {
                        errors.push("'payload' is missing or not an object".into());
                    } else {
                        for field in ["summary", "source"] {
                            if payload[field].as_str().is_none_or(|s| s.trim().is_empty()) {
                                errors.push(format!("'payload.{field}' is missing or blank"));
                            }
                        }
                        if !payload["severity"]
                            .as_str()
                            .is_some_and(|s| ["critical", "error", "warning", "info"].contains(&s))
                        {
                            errors.push(
                                "'payload.severity' must be one of critical, error, warning, info"
                                    .into(),
                            );
                        }
                    }
                }
                "acknowledge" | "resolve" => {
                    if dedup_key.as_str().is_none_or(|k| k.trim().is_empty()) {
                        errors.push(format!("'dedup_key' is required to {action} an incident"));
                    }
                }
                _ => errors
                    .push("'event_action' must be one of trigger, acknowledge, resolve".into()),
            }
            if errors.is_empty() {
                Ok(Route::PagerDutyEnqueue)
            } else {
                Err(pagerduty_invalid(errors))
            }
        }

        Api::Webhook { secret } => {
            let timestamp = seen
                .header("x-carewire-timestamp")
                .map(str::trim)
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
            let signatures = seen.header("x-carewire-signature");
            let (Some(timestamp), Some(signatures)) = (timestamp, signatures) else {
                return Err(error_response(
                    api,
                    401,
                    "missing X-Carewire-Timestamp or X-Carewire-Signature",
                ));
            };
            let valid = signatures.split(',').any(|candidate| {
                let Some(hex_mac) = candidate.trim().strip_prefix("v1=") else {
                    return false;
                };
                let Ok(given) = hex::decode(hex_mac) else {
                    return false;
                };
                let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
                    .expect("HMAC takes a key of any length");
                mac.update(timestamp.as_bytes());
                mac.update(b".");
                mac.update(&seen.body);
                mac.verify_slice(&given).is_ok()
            });
            if !valid {
                return Err(error_response(api, 401, "invalid signature"));
            }
            if seen.path != "/hook" {
                return Err(error_response(api, 404, "not found"));
            }
            if seen.method != Method::POST {
                return Err(error_response(api, 405, "method not allowed"));
            }
            if seen.json.is_null() && seen.body.trim_ascii() != b"null" {
                return Err(error_response(api, 400, "the body is not JSON"));
            }
            Ok(Route::Hook)
        }
    }
}

/// The API's success answer (and its effect) for a checked request.
fn succeed(shared: &Shared, seen: &Seen, route: Route) -> Response {
    match route {
        Route::TwilioCreate { account_sid } => {
            let n = shared.next_issued();
            // Random high bits, the per-server count in the low ones: unique.
            let sid = format!(
                "SM{:032x}",
                (rand::random::<u128>() & !u128::from(u32::MAX)) | u128::from(n as u32)
            );
            let now = time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc2822)
                .expect("now in RFC 2822");
            let from = seen.form_value("From");
            let service = seen.form_value("MessagingServiceSid");
            let body = seen.form_value("Body").unwrap_or("");
            let uri = format!("/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json");
            let resource = json!({
                "account_sid": account_sid,
                "api_version": "2010-04-01",
                "body": body,
                "date_created": now,
                "date_sent": null,
                "date_updated": now,
                "direction": "outbound-api",
                "error_code": null,
                "error_message": null,
                "from": from,
                "messaging_service_sid": service,
                "num_media": "0",
                "num_segments": segments(body).to_string(),
                "price": null,
                "price_unit": "USD",
                "sid": sid,
                "status": if from.is_none() { "accepted" } else { "queued" },
                "subresource_uris": {
                    "media": format!("/2010-04-01/Accounts/{account_sid}/Messages/{sid}/Media.json"),
                },
                "to": seen.form_value("To"),
                "uri": uri,
            });
            json_response(201, "application/json; charset=utf-8", &resource)
        }

        Route::FhirCreate { condition } => {
            let mut stored = lock(&shared.stored);
            if let Some(token) = &condition {
                let matches: Vec<&Value> = stored.iter().filter(|r| token.matches(r)).collect();
                match matches.as_slice() {
                    [] => {}
                    [existing] => {
                        let existing = (*existing).clone();
                        drop(stored);
                        let mut answer = fhir_resource_response(200, seen, &existing);
                        let id = existing["id"].as_str().unwrap_or("");
                        let version = existing["meta"]["versionId"].as_str().unwrap_or("1");
                        set_header(
                            &mut answer,
                            header::LOCATION,
                            &format!("{}/Communication/{id}/_history/{version}", shared.base_url),
                        );
                        return answer;
                    }
                    _ => {
                        return fhir_outcome(
                            412,
                            "duplicate",
                            "If-None-Exist matched more than one Communication",
                        );
                    }
                }
            }
            let id = shared.next_issued().to_string();
            let mut resource = seen.json.clone();
            resource["id"] = json!(id);
            let mut meta = match resource.get("meta") {
                Some(Value::Object(meta)) => meta.clone(),
                _ => serde_json::Map::new(),
            };
            meta.insert("versionId".into(), json!("1"));
            meta.insert(
                "lastUpdated".into(),
                json!(
                    time::OffsetDateTime::now_utc()
                        .format(&time::format_description::well_known::Rfc3339)
                        .expect("now in RFC 3339")
                ),
            );
            resource["meta"] = Value::Object(meta);
            stored.push(resource.clone());
            drop(stored);
            let mut answer = fhir_resource_response(201, seen, &resource);
            set_header(
                &mut answer,
                header::LOCATION,
                &format!("{}/Communication/{id}/_history/1", shared.base_url),
            );
            answer
        }

        Route::FhirSearch { identifier } => {
            let stored = lock(&shared.stored);
            let entries: Vec<Value> = stored
                .iter()
                .filter(|r| identifier.as_ref().is_none_or(|t| t.matches(r)))
                .map(|r| {
                    json!({
                        "fullUrl": format!("{}/Communication/{}", shared.base_url, r["id"].as_str().unwrap_or("")),
                        "resource": r,
                        "search": {"mode": "match"},
                    })
                })
                .collect();
            drop(stored);
            let mut self_url = format!("{}/Communication", shared.base_url);
            if !seen.query.is_empty() {
                let _ = write!(self_url, "?{}", seen.query);
            }
            let bundle = json!({
                "resourceType": "Bundle",
                "id": format!("search-{}", shared.next_issued()),
                "meta": {"lastUpdated": time::OffsetDateTime::now_utc()
                    .format(&time::format_description::well_known::Rfc3339)
                    .expect("now in RFC 3339")},
                "type": "searchset",
                "total": entries.len(),
                "link": [{"relation": "self", "url": self_url}],
                "entry": entries,
            });
            json_response(200, "application/fhir+json; charset=utf-8", &bundle)
        }

        Route::FhirRead { id } => {
            let found = lock(&shared.stored)
                .iter()
                .find(|r| r["id"] == id.as_str())
                .cloned();
            match found {
                Some(resource) => {
                    json_response(200, "application/fhir+json; charset=utf-8", &resource)
                }
                None => fhir_outcome(
                    404,
                    "not-found",
                    &format!("Communication/{id} is not known"),
                ),
            }
        }

        Route::PagerDutyEnqueue => {
            let dedup_key = match seen.json["dedup_key"].as_str() {
                Some(key) => key.to_string(),
                None => format!("{:032x}", rand::random::<u128>()),
            };
            json_response(
                202,
                "application/json",
                &json!({"status": "success", "message": "Event processed", "dedup_key": dedup_key}),
            )
        }

        Route::Hook => {
            let mut answer = Response::new(Body::empty());
            *answer.status_mut() = StatusCode::NO_CONTENT;
            answer
        }
    }
}

/// An error answer in the API's style (used for scripted `Status` and
/// `TooMany` answers and for most rejections).
fn error_response(api: &Api, status: u16, message: &str) -> Response {
    match api {
        Api::Twilio { .. } => {
            let code = match status {
                401 => 20003,
                404 => 20404,
                405 => 20004,
                429 => 20429,
                _ => 20000 + u32::from(status),
            };
            twilio_error(status, code, message)
        }
        Api::Fhir { .. } => {
            let code = match status {
                400 => "invalid",
                401 | 403 => "security",
                404 => "not-found",
                405 | 415 => "not-supported",
                409 | 412 => "conflict",
                429 => "throttled",
                500..=599 => "transient",
                _ => "processing",
            };
            fhir_outcome(status, code, message)
        }
        Api::PagerDuty { .. } => match status {
            400 => pagerduty_invalid(vec![message.to_string()]),
            429 => json_response(
                429,
                "application/json",
                &json!({"status": "throttle event", "message": "Requests for this service are arriving too quickly. Please retry later."}),
            ),
            _ => json_response(
                status,
                "application/json",
                &json!({"status": "error", "message": message}),
            ),
        },
        Api::Webhook { .. } => {
            json_response(status, "application/json", &json!({"error": message}))
        }
    }
}

fn twilio_error(status: u16, code: u32, message: &str) -> Response {
    json_response(
        status,
        "application/json; charset=utf-8",
        &json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status,
        }),
    )
}

fn pagerduty_invalid(errors: Vec<String>) -> Response {
    json_response(
        400,
        "application/json",
        &json!({"status": "invalid event", "message": "Event object is invalid", "errors": errors}),
    )
}

fn fhir_outcome(status: u16, code: &str, diagnostics: &str) -> Response {
    json_response(
        status,
        "application/fhir+json; charset=utf-8",
        &json!({
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}],
        }),
    )
}

/// A created or found resource, with its ETag, honouring `Prefer:
/// return=minimal`.
fn fhir_resource_response(status: u16, seen: &Seen, resource: &Value) -> Response {
    let minimal = seen
        .header("prefer")
        .is_some_and(|p| p.split(';').any(|v| v.trim() == "return=minimal"));
    let mut answer = if minimal {
        let mut answer = Response::new(Body::empty());
        *answer.status_mut() = status_code(status);
        answer
    } else {
        json_response(status, "application/fhir+json; charset=utf-8", resource)
    };
    let version = resource["meta"]["versionId"].as_str().unwrap_or("1");
    set_header(&mut answer, header::ETAG, &format!("W/\"{version}\""));
    answer
}

fn json_response(status: u16, content_type: &'static str, body: &Value) -> Response {
    let mut answer = Response::new(Body::from(body.to_string()));
    *answer.status_mut() = status_code(status);
    answer
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    answer
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn set_header(answer: &mut Response, name: HeaderName, value: &str) {
    let value = HeaderValue::from_str(value).expect("a header value of visible characters");
    answer.headers_mut().insert(name, value);
}

/// The user and password of `Authorization: Basic ...`.
fn basic_auth(seen: &Seen) -> Option<(String, String)> {
    let (scheme, encoded) = seen.header("authorization")?.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// A `To` Twilio sends to: E.164 (`+` and 8 to 15 digits), optionally behind
/// a channel prefix such as `whatsapp:`.
fn is_twilio_address(to: &str) -> bool {
    let number = to.rsplit_once(':').map_or(to, |(_, n)| n);
    number.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// SMS segments: 160 ASCII characters (as GSM-7) or 70 others (UCS-2) fit
/// one; split messages carry 153 / 67 per segment. An approximation: GSM-7's
/// extension characters and its non-ASCII letters are not distinguished.
fn segments(body: &str) -> usize {
    let count = body.chars().count();
    let (single, part) = if body.is_ascii() {
        (160, 153)
    } else {
        (70, 67)
    };
    if count <= single {
        1
    } else {
        count.div_ceil(part)
    }
}

/// A FHIR token search parameter: `[system]|value`, `|value` or `value`.
#[derive(Debug, Clone)]
struct Token {
    /// None: any system; Some(""): no system.
    system: Option<String>,
    value: String,
}

impl Token {
    fn parse(decoded: &str) -> Token {
        match decoded.split_once('|') {
            Some((system, value)) => Token {
                system: Some(system.to_string()),
                value: value.to_string(),
            },
            None => Token {
                system: None,
                value: decoded.to_string(),
            },
        }
    }

    fn matches(&self, resource: &Value) -> bool {
        resource["identifier"].as_array().is_some_and(|ids| {
            ids.iter().any(|id| {
                let system = id["system"].as_str().unwrap_or("");
                let value = id["value"].as_str().unwrap_or("");
                let system_ok = self.system.as_deref().is_none_or(|s| s == system);
                // `system|` matches every value in the system.
                let value_ok =
                    (self.value.is_empty() && self.system.is_some()) || self.value == value;
                system_ok && value_ok
            })
        })
    }
}

/// `k=v&k=v` pairs, percent-decoded; `+` is a space only in form bodies.
fn parse_pairs(text: &str, plus_is_space: bool) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(key, plus_is_space),
                percent_decode(value, plus_is_space),
            )
        })
        .collect()
}

fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let high = (bytes[i + 1] as char).to_digit(16);
                let low = (bytes[i + 2] as char).to_digit(16);
                match (high, low) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------- connections

/// Duplicates of the accepted sockets still open, to close them on drop.
type Connections = Arc<Mutex<Vec<Weak<std::net::TcpStream>>>>;

/// A TCP listener that keeps, for every connection it accepts, a duplicate of
/// the socket's descriptor, handed to the handler as connect info: shutting
/// it down closes the connection under hyper without a response.
struct TrackingListener {
    inner: tokio::net::TcpListener,
    connections: Connections,
}

/// The connect info of a request: the peer and the duplicate of its socket.
#[derive(Debug, Clone)]
struct Connection {
    peer: SocketAddr,
    socket: Option<Arc<std::net::TcpStream>>,
}

impl Connection {
    /// Shuts both directions of the socket: nothing more is sent (a response
    /// written after this fails), and the client reads end-of-file.
    fn close_without_response(&self) {
        if let Some(socket) = &self.socket {
            let _ = socket.shutdown(Shutdown::Both);
        }
    }
}

impl Listener for TrackingListener {
    type Io = tokio::net::TcpStream;
    type Addr = Connection;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (stream, peer) = match self.inner.accept().await {
                Ok(accepted) => accepted,
                Err(_) => {
                    // Out of descriptors, or the peer gave up: try again.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            };
            let Ok((stream, twin)) = duplicate(stream) else {
                continue;
            };
            let twin = Arc::new(twin);
            {
                let mut connections = lock(&self.connections);
                connections.retain(|c| c.strong_count() > 0);
                connections.push(Arc::downgrade(&twin));
            }
            return (
                stream,
                Connection {
                    peer,
                    socket: Some(twin),
                },
            );
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(Connection {
            peer: self.inner.local_addr()?,
            socket: None,
        })
    }
}

/// The stream back (registered with tokio again) and a duplicate of its
/// descriptor.
fn duplicate(
    stream: tokio::net::TcpStream,
) -> std::io::Result<(tokio::net::TcpStream, std::net::TcpStream)> {
    // Stays non-blocking, as `from_std` requires.
    let std_stream = stream.into_std()?;
    let twin = std_stream.try_clone()?;
    Ok((tokio::net::TcpStream::from_std(std_stream)?, twin))
}

impl Connected<IncomingStream<'_, TrackingListener>> for Connection {
    fn connect_info(stream: IncomingStream<'_, TrackingListener>) -> Self {
        stream.remote_addr().clone()
    }
}
