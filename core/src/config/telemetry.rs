//! `[telemetry]`: where carewire exports traces and metrics, and the TLS it
//! uses to get there (the exporters themselves are in the telemetry module).
//! Telemetry carries no PHI, but it names messages, tenants and outcomes and
//! crosses the network: it goes over OTLP/gRPC in TLS, checked against the
//! collector's CA, with a client certificate when the collector asks for
//! one. (carewire's OTLP/HTTP exporter has no TLS: an `https://` endpoint
//! needs `otlp_protocol = "grpc"`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Secret;

/// `[telemetry]` in carewire's config.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TelemetryConfig {
    /// The collector, e.g. `http://otel-collector:4317` (gRPC) or
    /// `http://otel-collector:4318` (HTTP; `/v1/traces` and `/v1/metrics`
    /// are appended). Default: `OTEL_EXPORTER_OTLP_ENDPOINT`; neither: no export.
    #[serde(default)]
    pub otlp_endpoint: Option<String>,
    /// `grpc` or `http/protobuf`. Default: `OTEL_EXPORTER_OTLP_PROTOCOL`, else `grpc`.
    #[serde(default)]
    pub otlp_protocol: Option<String>,
    /// Headers sent with every export (e.g. an API key); also
    /// `OTEL_EXPORTER_OTLP_HEADERS`.
    #[serde(default)]
    pub otlp_headers: BTreeMap<String, Secret>,
    #[serde(default = "default_service_name")]
    pub service_name: String,
    /// How often metrics are exported.
    #[serde(default = "default_metrics_interval_secs")]
    pub metrics_interval_secs: u64,
    /// TLS to the collector (OTLP/gRPC, an `https://` endpoint).
    #[serde(default)]
    pub tls: Option<OtlpTlsConfig>,
}

impl Default for TelemetryConfig {
    fn default() -> Self {
        Self {
            otlp_endpoint: None,
            otlp_protocol: None,
            otlp_headers: BTreeMap::new(),
            service_name: default_service_name(),
            metrics_interval_secs: default_metrics_interval_secs(),
            tls: None,
        }
    }
}

fn default_service_name() -> String {
    "carewire".into()
}
fn default_metrics_interval_secs() -> u64 {
    10
}

/// How telemetry is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Grpc,
    Http,
}

impl TelemetryConfig {
    /// Checks `[telemetry]`; `resolve` turns a configured path into a real one.
    pub fn validate(&self, resolve: &dyn Fn(&Path) -> PathBuf) -> Result<(), String> {
        let protocol = self.protocol()?;
        if self.metrics_interval_secs == 0 {
            return Err("telemetry.metrics_interval_secs must be at least 1".into());
        }
        check_endpoint(
            self.otlp_endpoint.as_deref(),
            protocol == Protocol::Grpc,
            self.tls.as_ref(),
        )?;
        if let Some(tls) = &self.tls {
            tls.validate(resolve)?;
        }
        Ok(())
    }

    /// The export protocol: configured, from the environment, or gRPC.
    pub fn protocol(&self) -> Result<Protocol, String> {
        let configured = self
            .otlp_protocol
            .clone()
            .or_else(|| std::env::var("OTEL_EXPORTER_OTLP_PROTOCOL").ok());
        match configured.as_deref() {
            None | Some("grpc") => Ok(Protocol::Grpc),
            Some("http/protobuf" | "http") => Ok(Protocol::Http),
            Some(other) => Err(format!(
                "telemetry.otlp_protocol {other:?}: use \"grpc\" or \"http/protobuf\""
            )),
        }
    }

    /// Whether anything is exported.
    pub fn exports(&self) -> bool {
        self.otlp_endpoint.is_some()
            || [
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            ]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()))
    }
}

/// `[telemetry.tls]`: TLS to the collector.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OtlpTlsConfig {
    /// The CA that signed the collector's certificate (PEM; relative paths
    /// are resolved against the config file).
    pub ca_file: PathBuf,
    /// carewire's client certificate, for a collector that verifies clients (with `key_file`).
    #[serde(default)]
    pub cert_file: Option<PathBuf>,
    /// The private key of `cert_file`.
    #[serde(default)]
    pub key_file: Option<PathBuf>,
}

impl OtlpTlsConfig {
    fn validate(&self, resolve: &dyn Fn(&Path) -> PathBuf) -> Result<(), String> {
        if self.cert_file.is_some() != self.key_file.is_some() {
            return Err(
                "telemetry.tls.cert_file and telemetry.tls.key_file go together: set both or neither"
                    .into(),
            );
        }
        for (key, path) in [
            ("telemetry.tls.ca_file", Some(&self.ca_file)),
            ("telemetry.tls.cert_file", self.cert_file.as_ref()),
            ("telemetry.tls.key_file", self.key_file.as_ref()),
        ] {
            if let Some(path) = path {
                read(key, &resolve(path))?;
            }
        }
        Ok(())
    }
}

/// The bytes of a configured file, or an error naming its key.
pub(crate) fn read(key: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{key} {}: {e}", path.display()))
}

/// Whether the endpoint asks for TLS, and the settings allow it.
fn check_endpoint(
    endpoint: Option<&str>,
    grpc: bool,
    tls: Option<&OtlpTlsConfig>,
) -> Result<(), String> {
    let https = endpoint.is_some_and(|e| e.to_ascii_lowercase().starts_with("https://"));
    match (https, grpc, tls.is_some()) {
        (true, false, _) | (false, false, true) => Err(
            "telemetry: TLS to the collector needs otlp_protocol = \"grpc\" (carewire's OTLP/HTTP exporter has no TLS)"
                .into(),
        ),
        (true, true, false) => Err(
            "telemetry.otlp_endpoint is https://: add [telemetry.tls] with ca_file (the CA that signed the collector's certificate)"
                .into(),
        ),
        (false, true, true) if endpoint.is_some() => Err(
            "telemetry.otlp_endpoint is not https://, but [telemetry.tls] is set: use https://"
                .into(),
        ),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls() -> OtlpTlsConfig {
        OtlpTlsConfig {
            ca_file: "ca.pem".into(),
            cert_file: None,
            key_file: None,
        }
    }

    #[test]
    fn https_takes_grpc_and_a_ca() {
        check_endpoint(Some("https://c:4317"), true, Some(&tls())).unwrap();
        check_endpoint(Some("http://c:4317"), true, None).unwrap();
        check_endpoint(Some("http://c:4318"), false, None).unwrap();
        check_endpoint(None, true, None).unwrap();
        // An endpoint from the environment: the CA applies to it.
        check_endpoint(None, true, Some(&tls())).unwrap();
        let err = check_endpoint(Some("https://c:4317"), true, None).unwrap_err();
        assert!(err.contains("[telemetry.tls]"), "{err}");
        let err = check_endpoint(Some("HTTPS://c:4318"), false, Some(&tls())).unwrap_err();
        assert!(err.contains("grpc"), "{err}");
        let err = check_endpoint(Some("http://c:4317"), true, Some(&tls())).unwrap_err();
        assert!(err.contains("not https://"), "{err}");
    }

    #[test]
    fn files_must_exist_and_pair() {
        let dir = tempfile::tempdir().unwrap();
        let resolve = |p: &Path| dir.path().join(p);
        let err = tls().validate(&resolve).unwrap_err();
        assert!(err.contains("telemetry.tls.ca_file"), "{err}");
        std::fs::write(dir.path().join("ca.pem"), "pem").unwrap();
        tls().validate(&resolve).unwrap();
        let half = OtlpTlsConfig {
            cert_file: Some("cert.pem".into()),
            ..tls()
        };
        let err = half.validate(&resolve).unwrap_err();
        assert!(err.contains("go together"), "{err}");
    }
}
