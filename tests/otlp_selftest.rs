//! The OTLP receiver of tests/support/otlp.rs against the OpenTelemetry
//! SDK's own OTLP exporters, the way carewire uses them: a batch span
//! processor and a periodic metric reader, over gRPC (tonic) and over
//! HTTP/protobuf (the blocking reqwest client). The receiver must see both
//! spans with the right parent/child ids, kinds, statuses and attribute
//! values, the counter, histogram and gauge points, and every exported
//! string in its raw bytes. Plus the HTTP receiver's answers to requests it
//! does not take (gzip, JSON, wrong path).

mod support;

use std::time::Duration;

use opentelemetry::metrics::MeterProvider as _;
use opentelemetry::trace::{
    Span as _, SpanKind, Status, TraceContextExt as _, Tracer as _, TracerProvider as _,
};
use opentelemetry::{Array, Context, KeyValue, Value};
use opentelemetry_otlp::{MetricExporter, SpanExporter, WithExportConfig as _};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue as ProtoKeyValue, any_value};
use opentelemetry_proto::tonic::resource::v1::Resource as ProtoResource;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span as ProtoSpan};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::metrics::{PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::SdkTracerProvider;
use prost::Message as _;
use support::otlp::{OtlpReceiver, Protocol, SpanRecord};

const WAIT: Duration = Duration::from_secs(20);
const SERVICE: &str = "carewire-otlp-selftest";
/// A string only this test exports: it must come back in `raw()`.
const NEEDLE: &str = "needle-Jane-Q-Patient-1970-01-01";

fn resource() -> Resource {
    Resource::builder().with_service_name(SERVICE).build()
}

/// A span exporter for `receiver`, built as carewire builds it. Must run in
/// a Tokio runtime (tonic's lazy channel spawns its worker there).
fn span_exporter(receiver: &OtlpReceiver) -> SpanExporter {
    match receiver.protocol() {
        // gRPC: the base endpoint, `http://127.0.0.1:PORT`.
        Protocol::Grpc => SpanExporter::builder()
            .with_tonic()
            .with_endpoint(receiver.endpoint())
            .with_timeout(Duration::from_secs(5))
            .build(),
        // HTTP: `.with_endpoint` is used verbatim, so the full URL
        // `http://127.0.0.1:PORT/v1/traces`; the protocol is set explicitly
        // so that an OTEL_EXPORTER_OTLP_PROTOCOL=grpc in the environment
        // cannot make the build fail.
        Protocol::Http => SpanExporter::builder()
            .with_http()
            .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
            .with_endpoint(receiver.traces_endpoint())
            .with_timeout(Duration::from_secs(5))
            .build(),
    }
    .unwrap_or_else(|e| panic!("{:?} span exporter: {e}", receiver.protocol()))
}

fn metric_exporter(receiver: &OtlpReceiver) -> MetricExporter {
    match receiver.protocol() {
        Protocol::Grpc => MetricExporter::builder()
            .with_tonic()
            .with_endpoint(receiver.endpoint())
            .with_timeout(Duration::from_secs(5))
            .build(),
        Protocol::Http => MetricExporter::builder()
            .with_http()
            .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
            .with_endpoint(receiver.metrics_endpoint())
            .with_timeout(Duration::from_secs(5))
            .build(),
    }
    .unwrap_or_else(|e| panic!("{:?} metric exporter: {e}", receiver.protocol()))
}

/// Runs a blocking SDK call (flush, shutdown) off the runtime's workers:
/// the exporters' export futures need the runtime to make progress.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("blocking task")
}

fn find<'a>(spans: &'a [SpanRecord], name: &str) -> Option<&'a SpanRecord> {
    spans.iter().find(|s| s.name == name)
}

async fn exports_spans(protocol: Protocol) {
    let receiver = OtlpReceiver::start(protocol).await;
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(span_exporter(&receiver))
        .with_resource(resource())
        .build();
    let tracer = provider.tracer("otlp-selftest");

    let parent = tracer
        .span_builder("carewire.route")
        .with_kind(SpanKind::Consumer)
        .with_attributes([
            KeyValue::new("messaging.system", "nats"),
            KeyValue::new("carewire.request_id", "req-0001"),
        ])
        .start(&tracer);
    let cx = Context::current_with_span(parent);
    let mut child = tracer
        .span_builder("carewire.plugin")
        .with_kind(SpanKind::Client)
        .with_attributes([
            KeyValue::new("carewire.plugin", "phi-redact"),
            KeyValue::new("carewire.attempt", 2_i64),
            KeyValue::new("carewire.cached", true),
            KeyValue::new("carewire.duration_s", 0.25_f64),
            KeyValue::new(
                "carewire.codes",
                Value::Array(Array::String(vec!["redacted".into(), "ok:1".into()])),
            ),
            KeyValue::new("test.needle", NEEDLE),
        ])
        .start_with_context(&tracer, &cx);
    child.set_status(Status::error("plugin denied"));
    let child_ids = child.span_context().clone();
    child.end();
    let parent_ids = cx.span().span_context().clone();
    cx.span().set_status(Status::Ok);
    cx.span().end();
    drop(cx);

    let flushed = blocking({
        let provider = provider.clone();
        move || provider.force_flush()
    })
    .await;
    flushed.unwrap_or_else(|e| panic!("{protocol:?}: force_flush: {e}"));

    let spans = receiver
        .wait_for_spans("the parent and the child span", WAIT, |spans| {
            find(spans, "carewire.route").is_some() && find(spans, "carewire.plugin").is_some()
        })
        .await;
    let parent = find(&spans, "carewire.route").unwrap();
    let child = find(&spans, "carewire.plugin").unwrap();

    assert_eq!(parent.service_name, SERVICE);
    assert_eq!(parent.trace_id, parent_ids.trace_id().to_string());
    assert_eq!(parent.span_id, parent_ids.span_id().to_string());
    assert_eq!(parent.trace_id.len(), 32, "{}", parent.summary());
    assert_eq!(parent.span_id.len(), 16, "{}", parent.summary());
    assert!(parent.is_root(), "{}", parent.summary());
    assert_eq!(parent.kind, "consumer");
    assert_eq!(parent.status_code, "ok");
    assert_eq!(parent.attr("messaging.system"), Some("nats"));
    assert_eq!(parent.attr("carewire.request_id"), Some("req-0001"));
    assert!(parent.start_unix_nano > 0 && parent.end_unix_nano >= parent.start_unix_nano);

    assert_eq!(child.service_name, SERVICE);
    assert_eq!(child.trace_id, parent.trace_id, "{}", child.summary());
    assert_eq!(child.span_id, child_ids.span_id().to_string());
    assert_eq!(child.parent_span_id, parent.span_id, "{}", child.summary());
    assert_ne!(child.span_id, parent.span_id);
    assert_eq!(child.kind, "client");
    assert_eq!(child.status_code, "error");
    assert_eq!(child.attr("carewire.plugin"), Some("phi-redact"));
    assert_eq!(child.attr("carewire.attempt"), Some("2"));
    assert_eq!(child.attr("carewire.cached"), Some("true"));
    assert_eq!(child.attr("carewire.duration_s"), Some("0.25"));
    assert_eq!(child.attr("carewire.codes"), Some(r#"["redacted","ok:1"]"#));
    assert_eq!(child.attr("test.needle"), Some(NEEDLE));
    assert!(child.start_unix_nano >= parent.start_unix_nano);
    assert!(child.end_unix_nano <= parent.end_unix_nano);

    let raw = receiver.raw();
    assert!(
        contains(&raw, NEEDLE.as_bytes()),
        "{NEEDLE:?} is not in the {} raw bytes received",
        raw.len()
    );
    assert!(contains(&raw, b"carewire.plugin"));
    assert!(receiver.requests() >= 1);
    assert!(receiver.rejected().is_empty(), "{:?}", receiver.rejected());

    blocking(move || provider.shutdown())
        .await
        .unwrap_or_else(|e| panic!("{protocol:?}: tracer provider shutdown: {e}"));
}

async fn exports_metrics(protocol: Protocol) {
    let receiver = OtlpReceiver::start(protocol).await;
    // An interval longer than the test: only force_flush exports.
    let reader = PeriodicReader::builder(metric_exporter(&receiver))
        .with_interval(Duration::from_secs(3600))
        .build();
    let provider = SdkMeterProvider::builder()
        .with_reader(reader)
        .with_resource(resource())
        .build();
    let meter = provider.meter("otlp-selftest");

    let routed = meter.u64_counter("carewire.messages.routed").build();
    routed.add(3, &[KeyValue::new("channel", "sms")]);
    routed.add(2, &[KeyValue::new("channel", "sms")]);
    routed.add(1, &[KeyValue::new("channel", "portal")]);
    let duration = meter
        .f64_histogram("carewire.plugin.duration")
        .with_unit("s")
        .build();
    for seconds in [0.001, 0.02, 0.3] {
        duration.record(seconds, &[KeyValue::new("plugin", "consent")]);
    }
    let depth = meter.i64_gauge("carewire.queue.depth").build();
    depth.record(7, &[KeyValue::new("stream", NEEDLE)]);

    blocking({
        let provider = provider.clone();
        move || provider.force_flush()
    })
    .await
    .unwrap_or_else(|e| panic!("{protocol:?}: meter provider force_flush: {e}"));

    let routed = receiver
        .wait_for_metric("carewire.messages.routed", WAIT)
        .await;
    let value_for = |channel: &str| {
        let values: Vec<f64> = routed
            .iter()
            .filter(|p| p.attributes.get("channel").map(String::as_str) == Some(channel))
            .map(|p| p.value)
            .collect();
        assert!(!values.is_empty(), "no {channel} point in {routed:?}");
        values
    };
    // Cumulative temporality (the default): every export carries the total.
    assert!(value_for("sms").iter().all(|v| *v == 5.0), "{routed:?}");
    assert!(value_for("portal").iter().all(|v| *v == 1.0), "{routed:?}");
    assert!(routed.iter().all(|p| p.kind == "sum"), "{routed:?}");

    let duration = receiver
        .wait_for_metric("carewire.plugin.duration", WAIT)
        .await;
    assert!(
        duration.iter().all(|p| p.kind == "histogram"
            && p.value == 3.0
            && p.attributes.get("plugin").map(String::as_str) == Some("consent")),
        "{duration:?}"
    );

    let depth = receiver.wait_for_metric("carewire.queue.depth", WAIT).await;
    assert!(
        depth.iter().all(|p| p.kind == "gauge"
            && p.value == 7.0
            && p.attributes.get("stream").map(String::as_str) == Some(NEEDLE)),
        "{depth:?}"
    );
    assert!(contains(&receiver.raw(), NEEDLE.as_bytes()));
    assert!(receiver.rejected().is_empty(), "{:?}", receiver.rejected());

    blocking(move || provider.shutdown())
        .await
        .unwrap_or_else(|e| panic!("{protocol:?}: meter provider shutdown: {e}"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// The tonic exporter needs a multi-threaded runtime: its channel's worker
// runs on the runtime while the SDK's export thread blocks on the export.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_spans() {
    exports_spans(Protocol::Grpc).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_spans() {
    exports_spans(Protocol::Http).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_metrics() {
    exports_metrics(Protocol::Grpc).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_metrics() {
    exports_metrics(Protocol::Http).await;
}

/// A request built by hand: a root span of unspecified kind with no
/// status, a resource without `service.name`, and an attribute of every
/// value type.
fn handmade_request() -> ExportTraceServiceRequest {
    let any = |value| AnyValue { value: Some(value) };
    let kv = |key: &str, value| ProtoKeyValue {
        key: key.into(),
        value: Some(any(value)),
        ..Default::default()
    };
    ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            resource: Some(ProtoResource {
                attributes: vec![kv("host.name", any_value::Value::StringValue("h".into()))],
                ..Default::default()
            }),
            scope_spans: vec![ScopeSpans {
                spans: vec![ProtoSpan {
                    trace_id: vec![0xab; 16],
                    span_id: vec![0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08],
                    name: "handmade".into(),
                    attributes: vec![
                        kv("i", any_value::Value::IntValue(-3)),
                        kv("d", any_value::Value::DoubleValue(1.5)),
                        kv("b", any_value::Value::BoolValue(false)),
                        kv("bytes", any_value::Value::BytesValue(vec![0xde, 0xad])),
                        kv(
                            "array",
                            any_value::Value::ArrayValue(
                                opentelemetry_proto::tonic::common::v1::ArrayValue {
                                    values: vec![
                                        any(any_value::Value::IntValue(1)),
                                        any(any_value::Value::StringValue("x".into())),
                                    ],
                                },
                            ),
                        ),
                    ],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

#[tokio::test]
async fn http_answers_and_rejections() {
    let receiver = OtlpReceiver::start(Protocol::Http).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    let body = handmade_request().encode_to_vec();

    // Accepted: 200, an empty protobuf response.
    let answer = client
        .post(receiver.traces_endpoint())
        .header("content-type", "application/x-protobuf")
        .body(body.clone())
        .send()
        .await
        .expect("POST /v1/traces");
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.headers()["content-type"].to_str().unwrap(),
        "application/x-protobuf"
    );
    let bytes = answer.bytes().await.unwrap();
    assert_eq!(
        ExportTraceServiceResponse::decode(bytes).unwrap(),
        ExportTraceServiceResponse::default()
    );
    let spans = receiver.spans();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let span = &spans[0];
    assert_eq!(span.service_name, "");
    assert_eq!(span.trace_id, "ab".repeat(16));
    assert_eq!(span.span_id, "0102030405060708");
    assert_eq!(span.parent_span_id, "");
    assert_eq!(span.kind, "unspecified");
    assert_eq!(span.status_code, "unset");
    assert_eq!(span.attr("i"), Some("-3"));
    assert_eq!(span.attr("d"), Some("1.5"));
    assert_eq!(span.attr("b"), Some("false"));
    assert_eq!(span.attr("bytes"), Some("dead"));
    assert_eq!(span.attr("array"), Some(r#"[1,"x"]"#));
    assert_eq!(receiver.raw(), body);

    // Not taken: gzip (no decompressor), OTLP/JSON, garbage, a base-URL
    // mistake. Each is answered, counted and listed; no span is added.
    let rejected = [
        (
            receiver.traces_endpoint(),
            "application/x-protobuf",
            Some("gzip"),
            body.clone(),
            415,
        ),
        (
            receiver.traces_endpoint(),
            "application/json",
            None,
            b"{}".to_vec(),
            415,
        ),
        (
            receiver.metrics_endpoint(),
            "application/x-protobuf",
            None,
            vec![0xff; 7],
            400,
        ),
        (
            receiver.endpoint(),
            "application/x-protobuf",
            None,
            body.clone(),
            404,
        ),
    ];
    for (url, content_type, encoding, body, status) in rejected {
        let mut request = client
            .post(&url)
            .header("content-type", content_type)
            .body(body);
        if let Some(encoding) = encoding {
            request = request.header("content-encoding", encoding);
        }
        let answer = request.send().await.expect("POST");
        assert_eq!(answer.status(), status, "{url} {content_type} {encoding:?}");
    }
    assert_eq!(receiver.requests(), 5);
    assert_eq!(receiver.spans().len(), 1);
    let listed = receiver.rejected();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(
        listed[0].contains("415") && listed[0].contains("gzip"),
        "{listed:?}"
    );
    assert!(listed[3].contains("POST / -> 404"), "{listed:?}");
}

/// A waiter that times out says what it waited for and what it saw.
#[tokio::test]
async fn wait_failure_lists_what_was_seen() {
    let receiver = OtlpReceiver::start(Protocol::Http).await;
    reqwest::Client::new()
        .post(receiver.traces_endpoint())
        .header("content-type", "application/x-protobuf")
        .body(handmade_request().encode_to_vec())
        .send()
        .await
        .expect("POST /v1/traces");
    let waited = tokio::spawn(async move {
        receiver
            .wait_for_spans("a span that never comes", Duration::from_millis(200), |s| {
                find(s, "never").is_some()
            })
            .await
    })
    .await;
    let panic = waited.expect_err("the wait must fail").into_panic();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("a span that never comes"), "{message}");
    assert!(message.contains("\"handmade\""), "{message}");
    assert!(message.contains("span=0102030405060708"), "{message}");
    assert!(message.contains("1 request(s) received"), "{message}");
}
