//! OpenTelemetry for `carewire run`: the tracer and meter providers, the W3C
//! propagator, and the OTLP exporters (gRPC or HTTP/protobuf) when an
//! endpoint is configured (`[telemetry] otlp_endpoint`, or the standard
//! `OTEL_EXPORTER_OTLP_*` variables). Without one, traces are still
//! continued in message headers, but nothing is exported.
//!
//! Nothing exported carries PHI: span and metric attributes are ids and
//! codes only (see [`crate::telemetry::trace`] and [`metrics`]).

pub mod metrics;
mod tls;
pub mod trace;

use std::path::{Path, PathBuf};
use std::time::Duration;

use opentelemetry::global;
use opentelemetry_otlp::{WithExportConfig, WithHttpConfig, WithTonicConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::metrics::{PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{BatchConfigBuilder, BatchSpanProcessor, SdkTracerProvider};

use crate::config::{Protocol, TelemetryConfig};

/// The installed providers; [`Telemetry::shutdown`] flushes them.
pub struct Telemetry {
    tracer: SdkTracerProvider,
    meter: Option<SdkMeterProvider>,
}

/// Installs the providers and propagator globally. Call inside the tokio
/// runtime (the gRPC exporter needs it). `resolve` turns a configured path
/// (the TLS files) into a real one.
pub fn init(
    config: &TelemetryConfig,
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> anyhow::Result<Telemetry> {
    global::set_text_map_propagator(TraceContextPropagator::new());
    let resource = Resource::builder()
        .with_service_name(config.service_name.clone())
        .build();
    let mut tracer = SdkTracerProvider::builder().with_resource(resource.clone());
    let mut meter = None;
    if config.exports() {
        let protocol = config.protocol().map_err(anyhow::Error::msg)?;
        let spans = span_exporter(config, protocol, resolve)?;
        // A bounded queue, exported often: a slow collector loses spans, never memory.
        let batch = BatchConfigBuilder::default()
            .with_max_queue_size(8192)
            .with_scheduled_delay(Duration::from_millis(500))
            .build();
        tracer = tracer.with_span_processor(
            BatchSpanProcessor::builder(spans)
                .with_batch_config(batch)
                .build(),
        );
        let reader = PeriodicReader::builder(metric_exporter(config, protocol, resolve)?)
            .with_interval(Duration::from_secs(config.metrics_interval_secs))
            .build();
        let provider = SdkMeterProvider::builder()
            .with_resource(resource)
            .with_reader(reader)
            .build();
        global::set_meter_provider(provider.clone());
        meter = Some(provider);
        tracing::info!(protocol = ?protocol, "exporting traces and metrics over OTLP");
    }
    let tracer = tracer.build();
    global::set_tracer_provider(tracer.clone());
    metrics::Metrics::install();
    Ok(Telemetry { tracer, meter })
}

/// Config `otlp_endpoint` for one signal: gRPC takes the base URL; HTTP
/// wants the signal's path.
fn endpoint(config: &TelemetryConfig, protocol: Protocol, path: &str) -> Option<String> {
    let base = config.otlp_endpoint.as_deref()?.trim_end_matches('/');
    Some(match protocol {
        Protocol::Grpc => base.to_string(),
        Protocol::Http => format!("{base}{path}"),
    })
}

fn headers(config: &TelemetryConfig) -> std::collections::HashMap<String, String> {
    config
        .otlp_headers
        .iter()
        .map(|(k, v)| (k.clone(), v.expose().to_string()))
        .collect()
}

fn metadata(
    config: &TelemetryConfig,
) -> anyhow::Result<opentelemetry_otlp::tonic_types::metadata::MetadataMap> {
    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    let mut map = HeaderMap::new();
    for (k, v) in &config.otlp_headers {
        let name = HeaderName::from_bytes(k.as_bytes())
            .map_err(|_| anyhow::anyhow!("telemetry.otlp_headers: {k:?} is not a header name"))?;
        let value = HeaderValue::from_str(v.expose())
            .map_err(|_| anyhow::anyhow!("telemetry.otlp_headers.{k}: not a valid header value"))?;
        map.insert(name, value);
    }
    Ok(opentelemetry_otlp::tonic_types::metadata::MetadataMap::from_headers(map))
}

/// The gRPC settings of an exporter builder (spans or metrics).
fn tonic<B: WithExportConfig + WithTonicConfig>(
    builder: B,
    config: &TelemetryConfig,
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> anyhow::Result<B> {
    let mut builder = builder.with_metadata(metadata(config)?);
    if let Some(e) = endpoint(config, Protocol::Grpc, "") {
        builder = builder.with_endpoint(e);
    }
    if let Some(tls) = &config.tls {
        builder = builder.with_tls_config(tls::client_config(tls, resolve)?);
    }
    Ok(builder)
}

/// The HTTP settings of an exporter builder; `path` is the signal's.
fn http<B: WithExportConfig + WithHttpConfig>(
    builder: B,
    config: &TelemetryConfig,
    path: &str,
) -> B {
    let mut builder = builder
        .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
        .with_headers(headers(config));
    if let Some(e) = endpoint(config, Protocol::Http, path) {
        builder = builder.with_endpoint(e);
    }
    builder
}

fn span_exporter(
    config: &TelemetryConfig,
    protocol: Protocol,
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> anyhow::Result<opentelemetry_otlp::SpanExporter> {
    let builder = opentelemetry_otlp::SpanExporter::builder();
    Ok(match protocol {
        Protocol::Grpc => tonic(builder.with_tonic(), config, resolve)?.build()?,
        Protocol::Http => http(builder.with_http(), config, "/v1/traces").build()?,
    })
}

fn metric_exporter(
    config: &TelemetryConfig,
    protocol: Protocol,
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> anyhow::Result<opentelemetry_otlp::MetricExporter> {
    let builder = opentelemetry_otlp::MetricExporter::builder();
    Ok(match protocol {
        Protocol::Grpc => tonic(builder.with_tonic(), config, resolve)?.build()?,
        Protocol::Http => http(builder.with_http(), config, "/v1/metrics").build()?,
    })
}

impl Telemetry {
    /// Flushes and stops the exporters, waiting at most a few seconds (a
    /// collector that is down must not hold up shutdown).
    pub fn shutdown(self) {
        let done = std::thread::spawn(move || {
            let _ = self.tracer.shutdown_with_timeout(Duration::from_secs(3));
            if let Some(meter) = self.meter {
                let _ = meter.shutdown_with_timeout(Duration::from_secs(3));
            }
        });
        let deadline = std::time::Instant::now() + Duration::from_secs(7);
        while !done.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A tracer provider without exporters, for unit tests that need real span ids.
#[cfg(test)]
pub fn install_for_tests() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        global::set_text_map_propagator(TraceContextPropagator::new());
        global::set_tracer_provider(SdkTracerProvider::builder().build());
    });
}
