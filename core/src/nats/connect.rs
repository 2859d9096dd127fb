//! Connecting to NATS: every server of `nats.url`, with the credentials and
//! TLS of `[nats]`.
//!
//! The client retries its first connection in the background (a NATS that
//! is not up yet is waited for), but a server that refuses carewire's
//! credentials or its TLS would be retried forever: [`connect`] waits until
//! the client is connected, and gives up at once, with an error that names
//! the problem and the config keys involved, when the cause is one that
//! retrying cannot fix. No message shows a secret.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use async_nats::connection::State;
use async_nats::{ClientError, ConnectError, ConnectErrorKind, ConnectOptions, Event, ServerAddr};

use crate::config::{Config, NatsAuth, read_nkey_seed, server_urls};

/// How often a failing first connection is tried once more by hand, to
/// learn why it fails (the client's own retries only report a category).
const PROBE_EVERY: Duration = Duration::from_secs(2);
/// How often "still waiting for NATS" is logged.
const WARN_EVERY: Duration = Duration::from_secs(10);

/// Connects to the servers of `url` (comma-separated) with the credentials
/// and TLS of `config.nats`, and waits until the connection is up. Fails
/// when the servers refuse the credentials or the TLS handshake fails;
/// keeps waiting (with a warning every few seconds) while they are unreachable.
pub async fn connect(config: &Config, url: &str) -> anyhow::Result<async_nats::Client> {
    let servers = server_urls(url).map_err(anyhow::Error::msg)?;
    let (events_tx, mut events) = tokio::sync::mpsc::unbounded_channel();
    let client = options(config)
        .await?
        .retry_on_initial_connect()
        .event_callback(move |event| {
            let events_tx = events_tx.clone();
            async move {
                // Nobody listens once connected: dropping events is fine.
                let _ = events_tx.send(event);
            }
        })
        .connect(servers.clone())
        .await
        .with_context(|| format!("cannot connect to NATS at {url}"))?;

    let started = Instant::now();
    let mut last_probe: Option<Instant> = None;
    let mut last_warning = Instant::now();
    loop {
        if client.connection_state() == State::Connected {
            if started.elapsed() > Duration::from_secs(1) {
                tracing::info!(url, "connected to NATS");
            }
            return Ok(client);
        }
        let event = match tokio::time::timeout(Duration::from_millis(100), events.recv()).await {
            Ok(Some(event)) => event,
            Ok(None) | Err(_) => continue,
        };
        let Event::ClientError(ClientError::Other(kind)) = event else {
            continue;
        };
        // The client reports the kind of its failure only (`ConnectErrorKind`'s text).
        if kind == ConnectErrorKind::AuthorizationViolation.to_string() {
            anyhow::bail!(refused(config, url));
        }
        if kind == ConnectErrorKind::Authentication.to_string() {
            anyhow::bail!(
                "cannot sign NATS's login challenge with the key of {}: check the file",
                config.nats.auth().keys()
            );
        }
        if last_probe.is_some_and(|at| at.elapsed() < PROBE_EVERY) {
            continue;
        }
        last_probe = Some(Instant::now());
        let Err(error) = probe(config, &servers).await else {
            continue; // it works now: the client will connect too
        };
        if let Some(fatal) = fatal(config, url, &error) {
            anyhow::bail!(fatal);
        }
        if last_warning.elapsed() >= WARN_EVERY {
            last_warning = Instant::now();
            tracing::warn!(url, error = %error, waited_secs = started.elapsed().as_secs(), "cannot reach NATS yet; retrying");
        }
    }
}

/// The options of `[nats]`: name, inbox prefix, credentials, TLS (without
/// retrying). Every reply to carewire (JetStream's included: the context
/// takes its inboxes from the client) comes under `nats.inbox_prefix`.
async fn options(config: &Config) -> anyhow::Result<ConnectOptions> {
    let nats = &config.nats;
    let mut options = ConnectOptions::new()
        .name("carewire")
        .custom_inbox_prefix(&nats.inbox_prefix);
    // At most one of these is set (the config's validation), in the
    // precedence of `NatsConfig::auth`.
    if let Some(path) = &nats.creds_file {
        let path = config.resolve(path);
        options = options
            .credentials_file(&path)
            .await
            .with_context(|| format!("nats.creds_file {}: cannot use it", path.display()))?;
    } else if let (Some(user), Some(password)) = (&nats.user, &nats.password) {
        options = options.user_and_password(user.clone(), password.expose().to_string());
    } else if let Some(token) = &nats.token {
        options = options.token(token.expose().to_string());
    } else if let Some(path) = &nats.nkey_seed_file {
        let seed = read_nkey_seed(&config.resolve(path)).map_err(anyhow::Error::msg)?;
        options = options.nkey(seed);
    }
    if let Some(tls) = &nats.tls {
        if let Some(ca) = &tls.ca_file {
            options = options.add_root_certificates(config.resolve(ca));
        }
        if let (Some(cert), Some(key)) = (&tls.cert_file, &tls.key_file) {
            options = options.add_client_certificate(config.resolve(cert), config.resolve(key));
        }
        options = options.require_tls(tls.required);
    }
    Ok(options)
}

/// One connection attempt without retries, for its error.
async fn probe(config: &Config, servers: &[ServerAddr]) -> Result<(), ConnectError> {
    let options = match options(config).await {
        Ok(options) => options,
        Err(e) => {
            return Err(ConnectError::with_source(
                ConnectErrorKind::Io,
                e.to_string(),
            ));
        }
    };
    let client = options
        .connection_timeout(Duration::from_secs(5))
        .connect(servers.to_vec())
        .await?;
    drop(client);
    Ok(())
}

/// The message for an error that retrying cannot fix; `None` for the others
/// (a server down or unreachable, a time-out).
fn fatal(config: &Config, url: &str, error: &ConnectError) -> Option<String> {
    match error.kind() {
        ConnectErrorKind::AuthorizationViolation => return Some(refused(config, url)),
        ConnectErrorKind::Authentication => {
            return Some(format!(
                "cannot sign NATS's login challenge with the key of {}: {error}",
                config.nats.auth().keys()
            ));
        }
        ConnectErrorKind::Tls => return Some(tls_failed(config, url, error, None)),
        ConnectErrorKind::ServerParse => return Some(format!("nats.url {url}: {error}")),
        _ => {}
    }
    // A failed handshake reaches the client as an I/O error around a rustls
    // error; a server's `-ERR` during CONNECT as an I/O error around it.
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        let inner = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn std::error::Error + 'static));
        for candidate in [Some(e), inner].into_iter().flatten() {
            if let Some(tls) = candidate.downcast_ref::<async_nats::rustls::Error>() {
                return Some(tls_failed(config, url, error, Some(tls)));
            }
            if let Some(server) = candidate.downcast_ref::<async_nats::ServerError>() {
                let text = server.to_string().to_lowercase();
                if ["authori", "authentic", "expired", "revoked"]
                    .iter()
                    .any(|w| text.contains(w))
                {
                    return Some(format!(
                        "NATS at {url} refused carewire's login ({server}); carewire used {}",
                        config.nats.auth().keys()
                    ));
                }
            }
        }
        next = e.source();
    }
    None
}

fn refused(config: &Config, url: &str) -> String {
    let nats = &config.nats;
    let how = match nats.auth() {
        NatsAuth::None => "carewire sent no credentials: set one of nats.creds_file, nats.user and nats.password, nats.token, nats.nkey_seed_file".to_string(),
        NatsAuth::UserPassword => format!(
            "carewire logged in as user {:?} with nats.password: check both against the server's authorization",
            nats.user.as_deref().unwrap_or_default()
        ),
        auth => format!("carewire used {}: check it against the server's authorization", auth.keys()),
    };
    format!("NATS at {url} refused carewire's credentials (authorization violation); {how}")
}

fn tls_failed(
    config: &Config,
    url: &str,
    error: &ConnectError,
    cause: Option<&async_nats::rustls::Error>,
) -> String {
    use async_nats::rustls::{AlertDescription, CertificateError, Error as Tls};
    let tls = config.nats.tls.as_ref();
    let client_cert = tls.is_some_and(|t| t.cert_file.is_some());
    let hint = match cause {
        Some(Tls::InvalidCertificate(CertificateError::UnknownIssuer)) => match tls {
            None => {
                "the server wants TLS, and its certificate is not signed by a CA the system trusts: add [nats.tls] with ca_file (the CA that signed it)"
            }
            Some(t) if t.ca_file.is_none() => {
                "the server's certificate is not signed by a CA the system trusts: set nats.tls.ca_file to the CA that signed it"
            }
            Some(_) => "the server's certificate is not signed by the CA of nats.tls.ca_file",
        },
        Some(Tls::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        )) => "the server's certificate does not name the host of nats.url",
        Some(Tls::InvalidCertificate(_)) => {
            "the server's certificate is not acceptable (expired, or not for a server?)"
        }
        Some(Tls::AlertReceived(
            AlertDescription::CertificateRequired | AlertDescription::HandshakeFailure,
        )) if !client_cert => {
            "the server wants a client certificate: set nats.tls.cert_file and key_file"
        }
        Some(Tls::AlertReceived(_)) if client_cert => {
            "the server refused carewire's client certificate (nats.tls.cert_file): is it signed by a CA the server trusts, for client authentication?"
        }
        Some(Tls::InvalidMessage(_) | Tls::InappropriateMessage { .. }) => {
            "the server does not seem to speak TLS: give it a tls block, or remove [nats.tls]"
        }
        _ if tls.is_none() => {
            "the server wants TLS: add [nats.tls] (ca_file: the CA that signed its certificate)"
        }
        _ => "check nats.tls.ca_file, cert_file and key_file against the server's TLS settings",
    };
    format!("TLS with NATS at {url} failed ({error}); {hint}")
}
