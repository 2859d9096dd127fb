//! The exporter's TLS client settings, read from the files `[telemetry.tls]`
//! names (see [`crate::config::OtlpTlsConfig`]).

use std::path::{Path, PathBuf};

use opentelemetry_otlp::tonic_types::transport::{Certificate, ClientTlsConfig, Identity};

use crate::config::OtlpTlsConfig;
use crate::config::telemetry::read;

/// The gRPC client's TLS settings, from the files.
pub fn client_config(
    settings: &OtlpTlsConfig,
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> anyhow::Result<ClientTlsConfig> {
    let ca =
        read("telemetry.tls.ca_file", &resolve(&settings.ca_file)).map_err(anyhow::Error::msg)?;
    let mut tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca));
    if let (Some(cert), Some(key)) = (&settings.cert_file, &settings.key_file) {
        let cert = read("telemetry.tls.cert_file", &resolve(cert)).map_err(anyhow::Error::msg)?;
        let key = read("telemetry.tls.key_file", &resolve(key)).map_err(anyhow::Error::msg)?;
        tls = tls.identity(Identity::from_pem(cert, key));
    }
    Ok(tls)
}
