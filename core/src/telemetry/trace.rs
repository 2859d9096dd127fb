//! Traces: each message's work as OpenTelemetry spans, continued from the
//! producer's W3C `traceparent` in the NATS headers, and passed on in the
//! headers of everything carewire publishes for the message, so consumers
//! continue the trace. Span names and attributes follow the OpenTelemetry
//! messaging conventions for NATS; their values are ids and codes only.

use std::time::SystemTime;

use async_nats::HeaderMap;
use opentelemetry::global::{self, BoxedSpan};
use opentelemetry::propagation::{Extractor, Injector};
use opentelemetry::trace::{SpanKind, Status, TraceContextExt, Tracer};
use opentelemetry::{Context, KeyValue};

pub use opentelemetry::trace::SpanKind as Kind;

pub const TRACEPARENT: &str = "traceparent";
pub const TRACESTATE: &str = "tracestate";

/// One span of a message's trace, and the context it gives its children and
/// the messages published under it. The span ends when this is dropped.
#[derive(Debug, Clone)]
pub struct TraceContext {
    cx: Context,
}

struct Headers<'a>(Option<&'a HeaderMap>);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0?.get(key).map(|v| v.as_str())
    }
    fn keys(&self) -> Vec<&str> {
        vec![TRACEPARENT, TRACESTATE]
    }
}

struct HeadersMut<'a>(&'a mut HeaderMap);

impl Injector for HeadersMut<'_> {
    fn set(&mut self, key: &str, value: String) {
        self.0.insert(key, value.as_str());
    }
}

/// The standard attributes of a NATS messaging span.
pub fn messaging(operation: &'static str, subject: &str) -> Vec<KeyValue> {
    vec![
        KeyValue::new("messaging.system", "nats"),
        KeyValue::new("messaging.operation.name", operation),
        KeyValue::new("messaging.operation.type", operation),
        KeyValue::new("messaging.destination.name", subject.to_string()),
    ]
}

impl TraceContext {
    /// Starts a span continuing the trace in `headers` (a new trace when they
    /// carry no valid `traceparent`).
    pub fn start(
        headers: Option<&HeaderMap>,
        name: String,
        kind: SpanKind,
        attributes: Vec<KeyValue>,
    ) -> Self {
        let parent = global::get_text_map_propagator(|p| p.extract(&Headers(headers)));
        Self::start_under(&parent, name, kind, attributes, None)
    }

    /// [`TraceContext::consume`] for a message a consumer named `consumer`
    /// took: its headers, subject and payload size.
    pub fn of_message(msg: &async_nats::Message, consumer: &str) -> Self {
        Self::consume(
            msg.headers.as_ref(),
            &msg.subject,
            consumer,
            msg.payload.len(),
        )
    }

    /// The span of processing a message consumed from `subject` by `consumer`.
    pub fn consume(
        headers: Option<&HeaderMap>,
        subject: &str,
        consumer: &str,
        body_size: usize,
    ) -> Self {
        let mut attributes = messaging("process", subject);
        attributes.push(KeyValue::new(
            "messaging.consumer.group.name",
            consumer.to_string(),
        ));
        attributes.push(KeyValue::new(
            "messaging.message.body.size",
            i64::try_from(body_size).unwrap_or(i64::MAX),
        ));
        Self::start(
            headers,
            format!("process {subject}"),
            SpanKind::Consumer,
            attributes,
        )
    }

    fn start_under(
        parent: &Context,
        name: String,
        kind: SpanKind,
        attributes: Vec<KeyValue>,
        start: Option<SystemTime>,
    ) -> Self {
        let tracer = global::tracer("carewire");
        let mut builder = tracer
            .span_builder(name)
            .with_kind(kind)
            .with_attributes(attributes);
        if let Some(start) = start {
            builder = builder.with_start_time(start);
        }
        let span: BoxedSpan = builder.start_with_context(&tracer, parent);
        Self {
            cx: parent.with_span(span),
        }
    }

    /// A child span (a publish, a provider call).
    pub fn child(&self, name: String, kind: SpanKind, attributes: Vec<KeyValue>) -> Self {
        Self::start_under(&self.cx, name, kind, attributes, None)
    }

    /// A finished child span of known times (a plugin call timed on its worker thread).
    pub fn record_child(
        &self,
        name: String,
        attributes: Vec<KeyValue>,
        start: SystemTime,
        end: SystemTime,
        error: Option<String>,
    ) {
        let child = Self::start_under(&self.cx, name, SpanKind::Internal, attributes, Some(start));
        let span = child.cx.span();
        if let Some(code) = error {
            span.set_status(Status::error(code));
        }
        span.end_with_timestamp(end);
    }

    pub fn set_attribute(&self, attribute: KeyValue) {
        self.cx.span().set_attribute(attribute);
    }

    /// Marks the span failed with a code (never free text).
    pub fn set_error(&self, code: &str) {
        self.cx.span().set_status(Status::error(code.to_string()));
    }

    /// The trace's id, 32 lowercase hex digits, for audit records.
    pub fn trace_id(&self) -> String {
        self.cx.span().span_context().trace_id().to_string()
    }

    /// The span's own id, 16 lowercase hex digits.
    pub fn span_id(&self) -> String {
        self.cx.span().span_context().span_id().to_string()
    }

    /// This span as a W3C `traceparent`, to continue the trace later.
    pub fn traceparent(&self) -> Option<String> {
        let mut headers = HeaderMap::new();
        self.inject(&mut headers);
        headers.get(TRACEPARENT).map(|v| v.as_str().to_string())
    }

    /// Starts a span under a stored `traceparent` (a new trace without one).
    pub fn resume(
        traceparent: Option<&str>,
        name: String,
        kind: SpanKind,
        attributes: Vec<KeyValue>,
    ) -> Self {
        let mut headers = HeaderMap::new();
        if let Some(traceparent) = traceparent {
            headers.insert(TRACEPARENT, traceparent);
        }
        Self::start(Some(&headers), name, kind, attributes)
    }

    /// Adds `traceparent` (this span as the parent) and `tracestate` to `headers`.
    pub fn inject(&self, headers: &mut HeaderMap) {
        global::get_text_map_propagator(|p| p.inject_context(&self.cx, &mut HeadersMut(headers)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn init() {
        crate::telemetry::install_for_tests();
    }

    #[test]
    fn continues_a_valid_traceparent() {
        init();
        let mut h = HeaderMap::new();
        h.insert(
            TRACEPARENT,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        );
        let ctx = TraceContext::consume(Some(&h), "carewire.inbound.acme", "r", 10);
        assert_eq!(ctx.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
        let mut out = HeaderMap::new();
        ctx.inject(&mut out);
        let tp = out.get(TRACEPARENT).unwrap().as_str().to_string();
        assert_eq!(
            tp,
            format!("00-4bf92f3577b34da6a3ce929d0e0e4736-{}-01", ctx.span_id())
        );
        assert!(!tp.contains("00f067aa0ba902b7"));
    }

    #[test]
    fn a_stored_traceparent_resumes_the_trace() {
        init();
        let first = TraceContext::consume(None, "carewire.dispatch.sms", "d", 1);
        let stored = first.traceparent().unwrap();
        let later = TraceContext::resume(
            Some(&stored),
            "POST /sms/status".into(),
            Kind::Server,
            vec![],
        );
        assert_eq!(later.trace_id(), first.trace_id());
        let fresh = TraceContext::resume(None, "POST /sms/status".into(), Kind::Server, vec![]);
        assert_ne!(fresh.trace_id(), first.trace_id());
    }

    #[test]
    fn starts_a_new_trace_on_garbage() {
        init();
        let mut h = HeaderMap::new();
        h.insert(TRACEPARENT, "00-xyz-1-01");
        let ctx = TraceContext::consume(Some(&h), "carewire.inbound.acme", "r", 10);
        assert_eq!(ctx.trace_id().len(), 32);
        assert_ne!(ctx.trace_id(), "0".repeat(32));
        let child = ctx.child("publish x".into(), SpanKind::Producer, vec![]);
        assert_eq!(child.trace_id(), ctx.trace_id());
        assert_ne!(child.span_id(), ctx.span_id());
    }
}
