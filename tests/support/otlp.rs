//! A real OTLP receiver on a loopback port, for tests of what carewire
//! exports: traces and metrics (not logs), over gRPC (tonic, HTTP/2, in
//! TLS with [`OtlpReceiver::start_grpc_tls`]) or over HTTP/1.1 with protobuf bodies (`application/x-protobuf`).
//!
//! Everything received is decoded with opentelemetry-proto and flattened
//! into [`SpanRecord`]s and [`MetricPoint`]s; the request bodies are kept as
//! well ([`OtlpReceiver::raw`]) for "no PHI anywhere in telemetry" checks.
//!
//! Which endpoint to give an exporter (see [`OtlpReceiver::endpoint`]):
//!
//! | how the exporter is configured               | gRPC           | HTTP                                   |
//! |----------------------------------------------|----------------|----------------------------------------|
//! | `OTEL_EXPORTER_OTLP_ENDPOINT`                | `endpoint()`   | `endpoint()` (the exporter appends `/v1/traces`, `/v1/metrics`) |
//! | `OTEL_EXPORTER_OTLP_{TRACES,METRICS}_ENDPOINT` | `endpoint()` | `traces_endpoint()` / `metrics_endpoint()` (used verbatim) |
//! | `.with_endpoint(..)` in code                 | `endpoint()`   | `traces_endpoint()` / `metrics_endpoint()` (used verbatim) |
//!
//! An HTTP exporter given the base endpoint where it wants the full URL
//! posts to `/`: that request is answered 404 and listed by
//! [`OtlpReceiver::rejected`] (and in every timeout message), not lost.
//!
//! Not supported, answered with an error and listed by `rejected`: over
//! HTTP, any `content-encoding` other than `identity` (gzip needs a decoder
//! that is not among the test dependencies: 415) and any content type other
//! than `application/x-protobuf` (OTLP/JSON: 415); over gRPC, compressed
//! messages (tonic answers `UNIMPLEMENTED` itself, so those never reach the
//! receiver and are neither counted nor listed).
//!
//! The server task is aborted when the receiver is dropped.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use opentelemetry_proto::tonic::collector::metrics::v1::metrics_service_server::{
    MetricsService, MetricsServiceServer,
};
use opentelemetry_proto::tonic::collector::metrics::v1::{
    ExportMetricsServiceRequest, ExportMetricsServiceResponse,
};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::metrics::v1::{metric, number_data_point};
use opentelemetry_proto::tonic::resource::v1::Resource;
use opentelemetry_proto::tonic::trace::v1::{span, status};
use prost::Message;
use serde_json::Value;

/// The OTLP transport a receiver speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// OTLP/gRPC: `TraceService/Export` and `MetricsService/Export` over
    /// HTTP/2 cleartext.
    Grpc,
    /// OTLP/HTTP with binary protobuf: `POST /v1/traces`, `POST /v1/metrics`.
    Http,
}

/// One exported span, flattened.
#[derive(Debug, Clone)]
pub struct SpanRecord {
    /// The resource attribute `service.name` ("" when absent).
    pub service_name: String,
    /// 32 lower-case hex digits.
    pub trace_id: String,
    /// 16 lower-case hex digits.
    pub span_id: String,
    /// 16 lower-case hex digits, "" for a root span.
    pub parent_span_id: String,
    pub name: String,
    /// "internal" | "server" | "client" | "producer" | "consumer" | "unspecified".
    pub kind: &'static str,
    /// Every value as text: strings verbatim, ints, doubles and bools as
    /// Rust prints them, bytes as lower-case hex, arrays and key-value lists
    /// as JSON.
    pub attributes: BTreeMap<String, String>,
    /// "unset" | "ok" | "error".
    pub status_code: &'static str,
    pub start_unix_nano: u64,
    pub end_unix_nano: u64,
}

impl SpanRecord {
    /// The attribute `key`, as text.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }

    pub fn is_root(&self) -> bool {
        self.parent_span_id.is_empty()
    }

    /// One line for failure messages.
    pub fn summary(&self) -> String {
        format!(
            "{:?} ({}, {}) trace={} span={} parent={} service={:?} attributes={:?}",
            self.name,
            self.kind,
            self.status_code,
            self.trace_id,
            self.span_id,
            if self.parent_span_id.is_empty() {
                "-"
            } else {
                &self.parent_span_id
            },
            self.service_name,
            self.attributes,
        )
    }
}

/// One exported metric data point, flattened.
#[derive(Debug, Clone)]
pub struct MetricPoint {
    pub name: String,
    /// "sum" | "gauge" | "histogram" (and, should an exporter send them,
    /// "exponential_histogram" | "summary").
    pub kind: &'static str,
    /// The point's attributes, rendered as [`SpanRecord::attributes`] are.
    pub attributes: BTreeMap<String, String>,
    /// A sum's or gauge's value (an integer one converted), or a histogram's
    /// (summary's) count.
    pub value: f64,
}

/// What a receiver has been sent so far.
#[derive(Default)]
struct Received {
    spans: Vec<SpanRecord>,
    metrics: Vec<MetricPoint>,
    raw: Vec<u8>,
    requests: usize,
    rejected: Vec<String>,
}

type Shared = Arc<Mutex<Received>>;

fn lock(shared: &Shared) -> MutexGuard<'_, Received> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An OTLP receiver on `127.0.0.1` (see the module documentation).
pub struct OtlpReceiver {
    protocol: Protocol,
    /// `https` when the receiver speaks TLS ([`OtlpReceiver::start_grpc_tls`]).
    scheme: &'static str,
    port: u16,
    shared: Shared,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for OtlpReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl OtlpReceiver {
    /// Binds `127.0.0.1:0` and serves `protocol` there until dropped. Must
    /// be called inside a Tokio runtime, which runs the server.
    pub async fn start(protocol: Protocol) -> OtlpReceiver {
        Self::serve(protocol, None).await
    }

    /// An OTLP/gRPC receiver that speaks TLS only, with the certificate and
    /// key (PEM files) given; its endpoint is `https://127.0.0.1:PORT`.
    pub async fn start_grpc_tls(cert: &std::path::Path, key: &std::path::Path) -> OtlpReceiver {
        let cert = std::fs::read(cert).expect("read the receiver's certificate");
        let key = std::fs::read(key).expect("read the receiver's key");
        let tls = tonic::transport::ServerTlsConfig::new()
            .identity(tonic::transport::Identity::from_pem(cert, key));
        Self::serve(Protocol::Grpc, Some(tls)).await
    }

    async fn serve(
        protocol: Protocol,
        tls: Option<tonic::transport::ServerTlsConfig>,
    ) -> OtlpReceiver {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("OTLP receiver: cannot bind 127.0.0.1:0: {e}"));
        let port = listener
            .local_addr()
            .expect("OTLP receiver: local address")
            .port();
        let shared = Shared::default();
        let server = match protocol {
            Protocol::Grpc => {
                let sink = GrpcSink(shared.clone());
                let incoming = tonic::transport::server::TcpIncoming::from(listener);
                let mut builder = tonic::transport::Server::builder();
                if let Some(tls) = tls {
                    builder = builder
                        .tls_config(tls)
                        .expect("the receiver's TLS settings");
                }
                tokio::spawn(async move {
                    let served = builder
                        .add_service(TraceServiceServer::new(sink.clone()))
                        .add_service(MetricsServiceServer::new(sink))
                        .serve_with_incoming(incoming)
                        .await;
                    if let Err(e) = served {
                        eprintln!("OTLP gRPC receiver on port {port} stopped: {e}");
                    }
                })
            }
            Protocol::Http => {
                let app = Router::new()
                    .route("/v1/traces", post(http_traces))
                    .route("/v1/metrics", post(http_metrics))
                    .fallback(http_other)
                    // Batches can exceed axum's default 2 MB limit.
                    .layer(DefaultBodyLimit::disable())
                    .with_state(shared.clone());
                tokio::spawn(async move {
                    if let Err(e) = axum::serve(listener, app).await {
                        eprintln!("OTLP HTTP receiver on port {port} stopped: {e}");
                    }
                })
            }
        };
        OtlpReceiver {
            protocol,
            scheme,
            port,
            shared,
            server,
        }
    }

    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// `http://127.0.0.1:PORT`, for both protocols. For gRPC that is what
    /// every form of configuration wants. For HTTP it is the *base* endpoint:
    /// right for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter appends
    /// `/v1/traces` and `/v1/metrics`), wrong for `.with_endpoint(..)` and
    /// the per-signal variables, which are used verbatim: give those
    /// [`OtlpReceiver::traces_endpoint`] / [`OtlpReceiver::metrics_endpoint`].
    pub fn endpoint(&self) -> String {
        format!("{}://127.0.0.1:{}", self.scheme, self.port)
    }

    /// The URL for traces as a per-signal endpoint (`.with_endpoint(..)`,
    /// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): HTTP `…/v1/traces`, gRPC the
    /// base endpoint.
    pub fn traces_endpoint(&self) -> String {
        match self.protocol {
            Protocol::Grpc => self.endpoint(),
            Protocol::Http => format!("{}/v1/traces", self.endpoint()),
        }
    }

    /// As [`OtlpReceiver::traces_endpoint`], for metrics (`…/v1/metrics`).
    pub fn metrics_endpoint(&self) -> String {
        match self.protocol {
            Protocol::Grpc => self.endpoint(),
            Protocol::Http => format!("{}/v1/metrics", self.endpoint()),
        }
    }

    /// Every span received so far, in the order received.
    pub fn spans(&self) -> Vec<SpanRecord> {
        lock(&self.shared).spans.clone()
    }

    /// Every metric point received so far, in the order received (a
    /// cumulative counter appears once per export).
    pub fn metrics(&self) -> Vec<MetricPoint> {
        lock(&self.shared).metrics.clone()
    }

    /// Every request body received, concatenated (protobuf bytes): strings
    /// are stored verbatim in protobuf, so a PHI string exported anywhere
    /// (span name, attribute, resource, metric attribute) shows up here.
    ///
    /// HTTP: the bodies exactly as received, including those rejected (a
    /// gzip body is kept compressed; it is also in [`OtlpReceiver::rejected`]).
    /// gRPC: each decoded request message encoded again with prost (the same
    /// fields and strings; without the gRPC framing and any unknown fields).
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.shared).raw.clone()
    }

    /// The number of export requests received (for HTTP, also those
    /// rejected and those to other paths).
    pub fn requests(&self) -> usize {
        lock(&self.shared).requests
    }

    /// The requests answered with an error, one line each (method, path,
    /// status, why).
    pub fn rejected(&self) -> Vec<String> {
        lock(&self.shared).rejected.clone()
    }

    /// Polls until `done(&spans)` holds, up to `limit`; then panics with
    /// `what` and the spans seen (name, kind, trace/span/parent ids).
    pub async fn wait_for_spans(
        &self,
        what: &str,
        limit: Duration,
        done: impl Fn(&[SpanRecord]) -> bool,
    ) -> Vec<SpanRecord> {
        let started = Instant::now();
        loop {
            let spans = self.spans();
            if done(&spans) {
                return spans;
            }
            if started.elapsed() > limit {
                let mut seen = String::new();
                for span in &spans {
                    let _ = write!(seen, "\n  {}", span.summary());
                }
                panic!(
                    "timed out after {limit:?} waiting for {what} at the OTLP {:?} receiver {}; \
                     {} span(s) seen:{seen}{}",
                    self.protocol,
                    self.endpoint(),
                    spans.len(),
                    self.requests_summary(),
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Polls until at least one point of the metric `name` has arrived, up
    /// to `limit`, and returns that metric's points; panics listing the
    /// metrics seen otherwise.
    pub async fn wait_for_metric(&self, name: &str, limit: Duration) -> Vec<MetricPoint> {
        let started = Instant::now();
        loop {
            let metrics = self.metrics();
            let points: Vec<MetricPoint> =
                metrics.iter().filter(|m| m.name == name).cloned().collect();
            if !points.is_empty() {
                return points;
            }
            if started.elapsed() > limit {
                let mut names: BTreeMap<(&str, &str), usize> = BTreeMap::new();
                for m in &metrics {
                    *names.entry((&m.name, m.kind)).or_default() += 1;
                }
                let mut seen = String::new();
                for ((name, kind), count) in names {
                    let _ = write!(seen, "\n  {name} ({kind}): {count} point(s)");
                }
                panic!(
                    "timed out after {limit:?} waiting for the metric {name:?} at the OTLP {:?} \
                     receiver {}; {} point(s) seen:{seen}{}",
                    self.protocol,
                    self.endpoint(),
                    metrics.len(),
                    self.requests_summary(),
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// For failure messages: how many requests came, which were rejected.
    fn requests_summary(&self) -> String {
        let received = lock(&self.shared);
        let mut text = format!("\n{} request(s) received", received.requests);
        if !received.rejected.is_empty() {
            let _ = write!(text, ", {} rejected:", received.rejected.len());
            for line in &received.rejected {
                let _ = write!(text, "\n  {line}");
            }
        }
        text
    }
}

// ---------------------------------------------------------------- decoding

fn record_traces(received: &mut Received, request: &ExportTraceServiceRequest) {
    for resource_spans in &request.resource_spans {
        let service_name = service_name(resource_spans.resource.as_ref());
        for scope_spans in &resource_spans.scope_spans {
            for span in &scope_spans.spans {
                received.spans.push(SpanRecord {
                    service_name: service_name.clone(),
                    trace_id: hex::encode(&span.trace_id),
                    span_id: hex::encode(&span.span_id),
                    parent_span_id: hex::encode(&span.parent_span_id),
                    name: span.name.clone(),
                    kind: span_kind(span.kind),
                    attributes: attributes(&span.attributes),
                    status_code: status_code(span.status.as_ref().map_or(0, |s| s.code)),
                    start_unix_nano: span.start_time_unix_nano,
                    end_unix_nano: span.end_time_unix_nano,
                });
            }
        }
    }
}

fn record_metrics(received: &mut Received, request: &ExportMetricsServiceRequest) {
    let mut push = |name: &str, kind: &'static str, attrs: &[KeyValue], value: f64| {
        received.metrics.push(MetricPoint {
            name: name.to_string(),
            kind,
            attributes: attributes(attrs),
            value,
        });
    };
    let number = |value: Option<number_data_point::Value>| match value {
        Some(number_data_point::Value::AsDouble(v)) => v,
        Some(number_data_point::Value::AsInt(v)) => v as f64,
        None => f64::NAN,
    };
    for resource_metrics in &request.resource_metrics {
        for scope_metrics in &resource_metrics.scope_metrics {
            for m in &scope_metrics.metrics {
                match &m.data {
                    Some(metric::Data::Sum(sum)) => {
                        for p in &sum.data_points {
                            push(&m.name, "sum", &p.attributes, number(p.value));
                        }
                    }
                    Some(metric::Data::Gauge(gauge)) => {
                        for p in &gauge.data_points {
                            push(&m.name, "gauge", &p.attributes, number(p.value));
                        }
                    }
                    Some(metric::Data::Histogram(histogram)) => {
                        for p in &histogram.data_points {
                            push(&m.name, "histogram", &p.attributes, p.count as f64);
                        }
                    }
                    Some(metric::Data::ExponentialHistogram(histogram)) => {
                        for p in &histogram.data_points {
                            let count = p.count as f64;
                            push(&m.name, "exponential_histogram", &p.attributes, count);
                        }
                    }
                    Some(metric::Data::Summary(summary)) => {
                        for p in &summary.data_points {
                            push(&m.name, "summary", &p.attributes, p.count as f64);
                        }
                    }
                    None => {}
                }
            }
        }
    }
}

fn service_name(resource: Option<&Resource>) -> String {
    resource
        .and_then(|r| r.attributes.iter().find(|kv| kv.key == "service.name"))
        .map(|kv| render(kv.value.as_ref()))
        .unwrap_or_default()
}

fn span_kind(kind: i32) -> &'static str {
    match span::SpanKind::try_from(kind) {
        Ok(span::SpanKind::Internal) => "internal",
        Ok(span::SpanKind::Server) => "server",
        Ok(span::SpanKind::Client) => "client",
        Ok(span::SpanKind::Producer) => "producer",
        Ok(span::SpanKind::Consumer) => "consumer",
        Ok(span::SpanKind::Unspecified) | Err(_) => "unspecified",
    }
}

fn status_code(code: i32) -> &'static str {
    match status::StatusCode::try_from(code) {
        Ok(status::StatusCode::Ok) => "ok",
        Ok(status::StatusCode::Error) => "error",
        Ok(status::StatusCode::Unset) | Err(_) => "unset",
    }
}

fn attributes(attrs: &[KeyValue]) -> BTreeMap<String, String> {
    attrs
        .iter()
        .map(|kv| (kv.key.clone(), render(kv.value.as_ref())))
        .collect()
}

/// An attribute value as text (see [`SpanRecord::attributes`]).
fn render(value: Option<&AnyValue>) -> String {
    match value.and_then(|v| v.value.as_ref()) {
        None => String::new(),
        Some(any_value::Value::StringValue(s)) => s.clone(),
        Some(any_value::Value::BoolValue(b)) => b.to_string(),
        Some(any_value::Value::IntValue(i)) => i.to_string(),
        Some(any_value::Value::DoubleValue(d)) => d.to_string(),
        Some(any_value::Value::BytesValue(b)) => hex::encode(b),
        Some(other) => json(Some(other)).to_string(),
    }
}

/// An attribute value as JSON (arrays and key-value lists nest).
fn json(value: Option<&any_value::Value>) -> Value {
    match value {
        None => Value::Null,
        Some(any_value::Value::StringValue(s)) => Value::from(s.as_str()),
        Some(any_value::Value::BoolValue(b)) => Value::from(*b),
        Some(any_value::Value::IntValue(i)) => Value::from(*i),
        Some(any_value::Value::DoubleValue(d)) => Value::from(*d),
        Some(any_value::Value::BytesValue(b)) => Value::from(hex::encode(b)),
        Some(any_value::Value::ArrayValue(array)) => Value::Array(
            array
                .values
                .iter()
                .map(|v| json(v.value.as_ref()))
                .collect(),
        ),
        Some(any_value::Value::KvlistValue(list)) => Value::Object(
            list.values
                .iter()
                .map(|kv| {
                    let value = json(kv.value.as_ref().and_then(|v| v.value.as_ref()));
                    (kv.key.clone(), value)
                })
                .collect(),
        ),
        Some(any_value::Value::StringValueStrindex(index)) => {
            Value::from(format!("strindex:{index}"))
        }
    }
}

// ---------------------------------------------------------------- gRPC

#[derive(Clone)]
struct GrpcSink(Shared);

impl GrpcSink {
    fn receive<M: Message>(&self, request: &M, record: impl FnOnce(&mut Received)) {
        let mut received = lock(&self.0);
        received.requests += 1;
        request.encode(&mut received.raw).expect("a Vec grows");
        record(&mut received);
    }
}

#[tonic::async_trait]
impl TraceService for GrpcSink {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let request = request.into_inner();
        self.receive(&request, |received| record_traces(received, &request));
        Ok(tonic::Response::new(ExportTraceServiceResponse::default()))
    }
}

#[tonic::async_trait]
impl MetricsService for GrpcSink {
    async fn export(
        &self,
        request: tonic::Request<ExportMetricsServiceRequest>,
    ) -> Result<tonic::Response<ExportMetricsServiceResponse>, tonic::Status> {
        let request = request.into_inner();
        self.receive(&request, |received| record_metrics(received, &request));
        Ok(tonic::Response::new(ExportMetricsServiceResponse::default()))
    }
}

// ---------------------------------------------------------------- HTTP

async fn http_traces(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    http_export::<ExportTraceServiceRequest, ExportTraceServiceResponse>(
        &shared,
        "/v1/traces",
        &headers,
        &body,
        record_traces,
    )
}

async fn http_metrics(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    http_export::<ExportMetricsServiceRequest, ExportMetricsServiceResponse>(
        &shared,
        "/v1/metrics",
        &headers,
        &body,
        record_metrics,
    )
}

/// Any other method or path: recorded, answered 404 (405 for a GET of an
/// export path), so a wrongly configured exporter shows in failure messages.
async fn http_other(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let status = if matches!(uri.path(), "/v1/traces" | "/v1/metrics") {
        StatusCode::METHOD_NOT_ALLOWED
    } else {
        StatusCode::NOT_FOUND
    };
    let why = "OTLP/HTTP is POST /v1/traces or POST /v1/metrics \
               (an exporter's per-signal endpoint must include the path)";
    let mut received = lock(&shared);
    received.requests += 1;
    received.raw.extend_from_slice(&body);
    received
        .rejected
        .push(format!("{method} {uri} -> {}: {why}", status.as_u16()));
    (status, why).into_response()
}

fn http_export<Req, Resp>(
    shared: &Shared,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
    record: fn(&mut Received, &Req),
) -> Response
where
    Req: Message + Default,
    Resp: Message + Default,
{
    let mut received = lock(shared);
    received.requests += 1;
    received.raw.extend_from_slice(body);
    let header_text = |name| {
        headers.get(name).map(|v| {
            String::from_utf8_lossy(v.as_bytes())
                .trim()
                .to_ascii_lowercase()
        })
    };
    let rejection = if let Some(encoding) =
        header_text(header::CONTENT_ENCODING).filter(|e| !e.is_empty() && e != "identity")
    {
        Some((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "content-encoding {encoding:?} is not supported by the test receiver \
                 (no decompressor among the test dependencies): export uncompressed"
            ),
        ))
    } else {
        let content_type = header_text(header::CONTENT_TYPE).unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if media_type == "application/x-protobuf" {
            match Req::decode(body) {
                Ok(request) => {
                    record(&mut received, &request);
                    None
                }
                Err(e) => Some((
                    StatusCode::BAD_REQUEST,
                    format!("the body is not a valid protobuf export request: {e}"),
                )),
            }
        } else {
            Some((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "content-type {content_type:?} is not supported: the test receiver \
                     takes application/x-protobuf only (not OTLP/JSON)"
                ),
            ))
        }
    };
    match rejection {
        None => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/x-protobuf")],
            Resp::default().encode_to_vec(),
        )
            .into_response(),
        Some((status, why)) => {
            received
                .rejected
                .push(format!("POST {path} -> {}: {why}", status.as_u16()));
            (status, why).into_response()
        }
    }
}
