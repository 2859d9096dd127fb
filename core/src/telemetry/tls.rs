//! `[telemetry.tls]`: TLS to the collector. Telemetry carries no PHI, but it
//! names messages, tenants and outcomes and crosses the network: it goes
//! over OTLP/gRPC in TLS, checked against the collector's CA, with a client
//! certificate when the collector asks for one. (carewire's OTLP/HTTP
//! exporter has no TLS: an `https://` endpoint needs `otlp_protocol = "grpc"`.)

use std::path::{Path, PathBuf};

use opentelemetry_otlp::tonic_types::transport::{Certificate, ClientTlsConfig, Identity};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
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

fn read(key: &str, path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{key} {}: {e}", path.display()))
}

impl OtlpTlsConfig {
    pub(super) fn validate(&self, resolve: &dyn Fn(&Path) -> PathBuf) -> Result<(), String> {
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

    /// The gRPC client's TLS settings, from the files.
    pub(super) fn client_config(
        &self,
        resolve: &dyn Fn(&Path) -> PathBuf,
    ) -> anyhow::Result<ClientTlsConfig> {
        let ca =
            read("telemetry.tls.ca_file", &resolve(&self.ca_file)).map_err(anyhow::Error::msg)?;
        let mut tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca));
        if let (Some(cert), Some(key)) = (&self.cert_file, &self.key_file) {
            let cert =
                read("telemetry.tls.cert_file", &resolve(cert)).map_err(anyhow::Error::msg)?;
            let key = read("telemetry.tls.key_file", &resolve(key)).map_err(anyhow::Error::msg)?;
            tls = tls.identity(Identity::from_pem(cert, key));
        }
        Ok(tls)
    }
}

/// Whether the endpoint asks for TLS, and the settings allow it.
pub(super) fn check_endpoint(
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
