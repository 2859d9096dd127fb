//! Traces end to end over OTLP/gRPC to a receiver on loopback: a producer's
//! `traceparent` continues into carewire's consumer span, with a child span
//! per plugin. A message the intake delivers itself (NATS target, nothing
//! to wait for) has its outbound publish span right under that; one that
//! must wait goes through the dispatch stream: a producer span for the
//! dispatch, the delivery stage's consumer span under it, and its publish
//! span under that. Either way the publish span is the parent named in the
//! outbound message's `traceparent`, so the trace runs unbroken from the
//! producer to the outbound consumer. Metrics arrive too.

mod support;

use std::time::Duration;

use async_nats::HeaderMap;
use serde_json::json;
use support::otlp::{OtlpReceiver, Protocol, SpanRecord};
use support::*;

const ID: &str = "otel-sms-1";
const PRODUCER_TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const PRODUCER_SPAN: &str = "00f067aa0ba902b7";
/// A second request, sent not before a moment later: through the dispatch stream.
const LATER_ID: &str = "otel-sms-later";
const LATER_TRACE: &str = "5cf92f3577b34da6a3ce929d0e0e4737";

fn one<'a>(spans: &'a [SpanRecord], name: &str) -> &'a SpanRecord {
    one_in(spans, PRODUCER_TRACE, name)
}

fn one_in<'a>(spans: &'a [SpanRecord], trace: &str, name: &str) -> &'a SpanRecord {
    let found: Vec<&SpanRecord> = spans
        .iter()
        .filter(|s| s.name == name && s.trace_id == trace)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one span {name:?}, got: {:#?}",
        spans.iter().map(SpanRecord::summary).collect::<Vec<_>>()
    );
    found[0]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trace_runs_from_the_producer_to_the_outbound_message() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let otlp = OtlpReceiver::start(Protocol::Grpc).await;
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = format!(
        "\n[telemetry]\notlp_endpoint = \"{}\"\notlp_protocol = \"grpc\"\nservice_name = \"carewire-test\"\nmetrics_interval_secs = 1\n",
        otlp.endpoint()
    );
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    seed(
        &js,
        CONSENT_BUCKET,
        &[
            ("p-9001", consent_granted(true)),
            ("p-9002", consent_granted(true)),
        ],
    )
    .await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[
            ("p-9001", verified_self("+15555550191")),
            ("p-9002", verified_self("+15555550192")),
        ],
    )
    .await;

    let mut headers = HeaderMap::new();
    headers.insert(
        "traceparent",
        format!("00-{PRODUCER_TRACE}-{PRODUCER_SPAN}-01").as_str(),
    );
    let request = envelope(
        ID,
        "p-9001",
        Some("+15555550191"),
        "Your appointment is confirmed.",
    );
    js.publish_with_headers(
        "carewire.inbound.acme",
        headers,
        serde_json::to_vec(&request).expect("json").into(),
    )
    .await
    .expect("publish")
    .await
    .expect("stored");
    let mut later = envelope(
        LATER_ID,
        "p-9002",
        Some("+15555550192"),
        "Your appointment is confirmed.",
    );
    let not_before = jiff::Timestamp::from_millisecond(carewire::common::clock::now_ms() + 1_500)
        .expect("timestamp");
    later["not_before"] = json!(not_before.to_string());
    let mut headers = HeaderMap::new();
    headers.insert(
        "traceparent",
        format!("00-{LATER_TRACE}-{PRODUCER_SPAN}-01").as_str(),
    );
    js.publish_with_headers(
        "carewire.inbound.acme",
        headers,
        serde_json::to_vec(&later).expect("json").into(),
    )
    .await
    .expect("publish")
    .await
    .expect("stored");

    let mut collector = Collector::new(&js);
    collector
        .wait_finished(&[ID.to_string(), LATER_ID.to_string()])
        .await;
    let out = collector.settle().await.clone();
    let outbound = out.sent(ID, "sms");
    assert_eq!(outbound["id"], ID);

    let spans = otlp
        .wait_for_spans(
            "the router's and the delivery stage's spans",
            WAIT,
            // Every span asserted on below: a parent span ends (and is
            // exported) after its children, so each is waited for.
            |spans| {
                let has = |trace: &str, name: &str| {
                    spans.iter().any(|s| s.trace_id == trace && s.name == name)
                };
                has(PRODUCER_TRACE, "process carewire.inbound.acme")
                    && has(PRODUCER_TRACE, "publish carewire.outbound.sms")
                    && [
                        "process carewire.inbound.acme",
                        "publish carewire.dispatch.sms",
                        "process carewire.dispatch.sms",
                        "publish carewire.outbound.sms",
                    ]
                    .iter()
                    .all(|name| has(LATER_TRACE, name))
                    && spans
                        .iter()
                        .filter(|s| s.trace_id == PRODUCER_TRACE && s.name.starts_with("plugin "))
                        .count()
                        >= 4
            },
        )
        .await;
    assert!(
        spans
            .iter()
            .all(|s| s.trace_id == PRODUCER_TRACE || s.trace_id == LATER_TRACE),
        "{spans:#?}"
    );
    assert!(spans.iter().all(|s| s.service_name == "carewire-test"));

    // The intake: a consumer span under the producer's span.
    let process = one(&spans, "process carewire.inbound.acme");
    assert_eq!(process.parent_span_id, PRODUCER_SPAN);
    assert_eq!(process.kind, "consumer");
    assert_eq!(process.attr("messaging.system"), Some("nats"));
    assert_eq!(process.attr("messaging.operation.name"), Some("process"));
    assert_eq!(
        process.attr("messaging.destination.name"),
        Some("carewire.inbound.acme")
    );
    assert_eq!(
        process.attr("messaging.consumer.group.name"),
        Some(CONSUMER)
    );
    assert_eq!(process.attr("messaging.message.id"), Some(ID));
    assert_eq!(process.attr("carewire.outcome"), Some("sms"));

    // One child span per plugin, in chain order, with name, digest and verdict.
    let mut plugins: Vec<&SpanRecord> = spans
        .iter()
        .filter(|s| s.trace_id == PRODUCER_TRACE && s.name.starts_with("plugin "))
        .collect();
    plugins.sort_by_key(|s| s.start_unix_nano);
    let names: Vec<&str> = plugins.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "plugin urgency-triage",
            "plugin recipient-verify",
            "plugin phi-redact",
            "plugin consent"
        ]
    );
    for p in &plugins {
        assert_eq!(p.parent_span_id, process.span_id, "{}", p.summary());
        let name = p.name.trim_start_matches("plugin ");
        assert_eq!(p.attr("carewire.plugin.name"), Some(name));
        assert_eq!(
            p.attr("carewire.plugin.sha256"),
            Some(plugin_digest(name).as_str())
        );
        assert_eq!(p.attr("carewire.plugin.verdict"), Some("continue"));
        assert!(p.end_unix_nano >= p.start_unix_nano);
    }

    // Nothing to wait for and a NATS target: the intake delivered it
    // itself, its outbound publish right under its consumer span.
    assert!(
        !spans
            .iter()
            .any(|s| s.trace_id == PRODUCER_TRACE && s.name.contains("dispatch")),
        "{spans:#?}"
    );
    let publish = one(&spans, "publish carewire.outbound.sms");
    assert_eq!(publish.parent_span_id, process.span_id);
    assert_eq!(publish.kind, "producer");

    // The later request waited in the dispatch stream: the dispatch
    // publish, the delivery stage under it (once when it deferred, again
    // when it sent), and the outbound publish under the last of those.
    let later_process = one_in(&spans, LATER_TRACE, "process carewire.inbound.acme");
    let dispatch = one_in(&spans, LATER_TRACE, "publish carewire.dispatch.sms");
    assert_eq!(dispatch.parent_span_id, later_process.span_id);
    assert_eq!(dispatch.kind, "producer");
    let delivered: Vec<&SpanRecord> = spans
        .iter()
        .filter(|s| s.trace_id == LATER_TRACE && s.name == "process carewire.dispatch.sms")
        .collect();
    assert!(delivered.len() >= 2, "deferred, then sent: {delivered:#?}");
    for deliver in &delivered {
        assert_eq!(deliver.parent_span_id, dispatch.span_id);
        assert_eq!(deliver.kind, "consumer");
        assert_eq!(deliver.attr("messaging.message.id"), Some(LATER_ID));
    }
    let later_publish = one_in(&spans, LATER_TRACE, "publish carewire.outbound.sms");
    assert!(
        delivered
            .iter()
            .any(|d| d.span_id == later_publish.parent_span_id),
        "{later_publish:#?}"
    );
    let stored = out
        .outbound
        .iter()
        .find(|m| m.parsed["id"] == LATER_ID)
        .expect("the later outbound message");
    assert_eq!(
        stored.header("traceparent"),
        Some(format!("00-{LATER_TRACE}-{}-01", later_publish.span_id)),
    );

    // The outbound message names that publish span as its parent.
    let stored = out
        .outbound
        .iter()
        .find(|m| m.parsed["id"] == ID)
        .expect("the outbound message");
    assert_eq!(
        stored.header("traceparent"),
        Some(format!("00-{PRODUCER_TRACE}-{}-01", publish.span_id)),
    );
    // Audit and delivery events continue the same trace.
    let audit = out
        .audit
        .iter()
        .find(|a| a.parsed["id"] == ID)
        .expect("audit");
    assert!(
        audit
            .header("traceparent")
            .is_some_and(|t| t.contains(PRODUCER_TRACE))
    );
    assert_eq!(out.audit(ID)["trace_id"], json!(PRODUCER_TRACE));
    assert!(!out.delivery.is_empty(), "{}", out.summary());
    for e in out.delivery.iter().filter(|e| e.parsed["id"] == ID) {
        assert!(
            e.header("traceparent")
                .is_some_and(|t| t.contains(PRODUCER_TRACE))
        );
    }

    // Metrics: the message by outcome and channel, the plugin latencies.
    let messages = otlp.wait_for_metric("carewire.messages", WAIT).await;
    assert!(
        messages.iter().any(
            |m| m.attributes.get("outcome").map(String::as_str) == Some("sms")
                && m.attributes.get("channel").map(String::as_str) == Some("sms")
                && m.value >= 1.0
        ),
        "{messages:#?}"
    );
    let latency = otlp.wait_for_metric("carewire.plugin.duration", WAIT).await;
    assert!(
        latency
            .iter()
            .any(|m| m.attributes.get("plugin").map(String::as_str) == Some("phi-redact"))
    );
    otlp.wait_for_metric("carewire.message.duration", WAIT)
        .await;
    otlp.wait_for_metric("carewire.deliveries", WAIT).await;
    otlp.wait_for_metric("carewire.consumer.pending", Duration::from_secs(20))
        .await;

    let exit = carewire.sigterm(Duration::from_secs(20));
    assert!(exit.success(), "exit {exit}:\n{}", carewire.stderr());
}
