//! carewire's telemetry reaches the collector in TLS (issue 9, finding 12).
//!
//! An OTLP/gRPC receiver that speaks only TLS, with a certificate of a CA
//! made here, gets carewire's spans when `[telemetry.tls] ca_file` names
//! that CA. Settings that would send telemetry in the clear while TLS is
//! configured, or to an `https://` collector nothing could verify, are
//! refused when the config is read, naming the key.

mod support;

use std::time::Duration;

use support::otlp::{OtlpReceiver, SpanRecord};
use support::pki::{make_ca, make_cert};
use support::*;

fn telemetry(endpoint: &str, protocol: &str, tls: &str) -> String {
    format!(
        "\n[telemetry]\notlp_endpoint = {}\notlp_protocol = {}\nservice_name = \"carewire-tls\"\nmetrics_interval_secs = 1\n{tls}",
        toml_str(endpoint),
        toml_str(protocol)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telemetry_reaches_a_tls_collector() {
    let pki = tempfile::tempdir().unwrap();
    let ca = make_ca(pki.path(), "otel-ca");
    let (cert, key) = make_cert(pki.path(), "otel-ca", "collector", "serverAuth");
    let otlp = OtlpReceiver::start_grpc_tls(&cert, &key).await;
    assert!(
        otlp.endpoint().starts_with("https://"),
        "{}",
        otlp.endpoint()
    );

    let nats = Nats::start();
    let dir = tempfile::tempdir().unwrap();
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.extra_toml = telemetry(
        &otlp.endpoint(),
        "grpc",
        &format!(
            "[telemetry.tls]\nca_file = {}\n",
            toml_str(&ca.display().to_string())
        ),
    );
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);
    let (_client, js) = nats.connect().await;
    publish_json(
        &js,
        "acme",
        &envelope(
            "otlp-tls-1",
            "p-1",
            Some("+15555550101"),
            "See you Tuesday.",
        ),
    )
    .await;
    Collector::new(&js)
        .wait_finished(&["otlp-tls-1".to_string()])
        .await;
    let spans = otlp
        .wait_for_spans(
            "carewire's spans over TLS",
            Duration::from_secs(30),
            |spans| {
                spans
                    .iter()
                    .any(|s| s.attr("messaging.message.id") == Some("otlp-tls-1"))
            },
        )
        .await;
    assert!(
        spans.iter().all(|s| s.service_name == "carewire-tls"),
        "{:#?}",
        spans.iter().map(SpanRecord::summary).collect::<Vec<_>>()
    );
    carewire.assert_running();
}

#[test]
fn tls_settings_that_cannot_hold_are_refused() {
    let pki = tempfile::tempdir().unwrap();
    let ca = make_ca(pki.path(), "otel-ca");
    let tls = format!(
        "[telemetry.tls]\nca_file = {}\n",
        toml_str(&ca.display().to_string())
    );
    for (endpoint, protocol, tls, expected) in [
        // https:// with nothing to check the collector's certificate against.
        ("https://collector:4317", "grpc", "", "add [telemetry.tls]"),
        // TLS configured, but the endpoint is plain.
        (
            "http://collector:4317",
            "grpc",
            tls.as_str(),
            "is not https://",
        ),
        // The HTTP exporter has no TLS.
        (
            "https://collector:4318",
            "http/protobuf",
            tls.as_str(),
            "needs otlp_protocol = \"grpc\"",
        ),
        (
            "https://collector:4317",
            "grpc",
            "[telemetry.tls]\nca_file = \"missing-ca.pem\"\n",
            "telemetry.tls.ca_file",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut spec = ConfigSpec::new(
            Some("nats://127.0.0.1:4222".into()),
            vec![PluginSpec::new("urgency-triage", "urgency-triage")],
        );
        spec.extra_toml = telemetry(endpoint, protocol, tls);
        let config = spec.write(dir.path());
        let (status, _, stderr) = carewire_cmd(&["check", "--config", &config.to_string_lossy()]);
        assert!(
            !status.success(),
            "{endpoint} {protocol} {tls:?}: carewire check accepted it"
        );
        assert!(
            stderr.contains(expected),
            "{endpoint} {protocol}: the error does not say {expected:?}:\n{stderr}"
        );
    }
}
