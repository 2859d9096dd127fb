//! carewire against nats-servers that want credentials or TLS: with the
//! right `[nats]` settings `carewire run` connects and routes a message;
//! with wrong ones it exits non-zero within seconds, saying what was
//! refused, and never printing a secret.
//!
//! Each server is a real nats-server started with a config file: user and
//! password, a token, an NKey, a JWT credentials file (operator mode, with
//! the operator, account and user keys and JWTs made here with the `nkeys`
//! crate), TLS with certificates made by `openssl`, and TLS that requires a
//! client certificate. And a server that is not up yet: carewire waits for
//! it (SIGTERM still stops it) and connects when it comes.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use async_nats::ConnectOptions;
use async_nats::jetstream;
use base64::Engine as _;
use serde_json::json;
use support::pki::{make_ca, make_cert};
use support::*;

/// How long a refused carewire may take to give up.
const GIVE_UP: Duration = Duration::from_secs(30);

const PASSWORD: &str = "pw-7c1f9e2b-right";
const WRONG_PASSWORD: &str = "pw-93ad0c5e-wrong";
const TOKEN: &str = "tok-5b2e8d41-right";
const WRONG_TOKEN: &str = "tok-0f6a7c39-wrong";

/// One plugin is enough: these tests are about the connection.
fn base_spec(url: &str) -> ConfigSpec {
    ConfigSpec::new(
        Some(url.to_string()),
        vec![PluginSpec::new("urgency-triage", "urgency-triage").on_failure("escalate")],
    )
}

/// Starts carewire with `config` and `envs`, publishes one request through
/// a client made with `client`, and checks that it gets its audit record
/// and exactly one output. Returns carewire's stderr.
async fn routes_one(
    dir: &Path,
    config: &Path,
    envs: &[(&str, &str)],
    url: &str,
    client: ConnectOptions,
) -> String {
    let mut carewire = Carewire::start_ready(config, dir, "good.log", envs);
    let client = client
        .connect(url)
        .await
        .unwrap_or_else(|e| panic!("the test's own client cannot connect to {url}: {e}"));
    let js = jetstream::new(client);
    let id = "auth-1";
    publish_json(
        &js,
        "acme",
        &envelope(
            id,
            "p-1",
            Some("+15555550101"),
            "Your appointment is on Tuesday.",
        ),
    )
    .await;
    let mut collector = Collector::new(&js);
    let out = collector.wait_finished(&[id.to_string()]).await.clone();
    let counts = out.counts()[id];
    assert_eq!(
        (counts.audit, counts.outbound + counts.dlq),
        (1, 1),
        "{}",
        out.summary()
    );
    assert!(carewire.is_running(), "{}", carewire.stderr());
    carewire.stderr()
}

/// Starts carewire with `config` and `envs` and expects it to exit
/// non-zero within [`GIVE_UP`], its stderr naming each of `expected` and
/// none of `secrets`. Returns the stderr.
fn refused(
    dir: &Path,
    config: &Path,
    envs: &[(&str, &str)],
    expected: &[&str],
    secrets: &[&str],
) -> String {
    let started = Instant::now();
    let mut carewire = Carewire::start(config, dir, "bad.log", envs);
    let status = carewire.wait_exit(GIVE_UP);
    let stderr = carewire.stderr();
    assert!(
        !status.success(),
        "carewire exited successfully with wrong credentials:\n{stderr}"
    );
    for e in expected {
        assert!(
            stderr.contains(e),
            "carewire's error does not say {e:?}:\n{stderr}"
        );
    }
    for s in secrets {
        assert!(
            !stderr.contains(s),
            "carewire printed a secret ({s:?}):\n{stderr}"
        );
    }
    eprintln!(
        "refused after {:.1}s: {}",
        started.elapsed().as_secs_f64(),
        stderr.lines().last().unwrap_or_default()
    );
    stderr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_and_password() {
    let nats = Nats::start_with_config(&format!(
        "authorization {{ users = [ {{ user: carewire, password: \"{PASSWORD}\" }} ] }}\n"
    ));
    let dir = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_user = Some("carewire".into());
    let config = spec.write(dir.path());
    // The password from the environment, as the README advises.
    routes_one(
        dir.path(),
        &config,
        &[("CAREWIRE__NATS__PASSWORD", PASSWORD)],
        &nats.url(),
        ConnectOptions::with_user_and_password("carewire".into(), PASSWORD.into()),
    )
    .await;

    refused(
        dir.path(),
        &config,
        &[("CAREWIRE__NATS__PASSWORD", WRONG_PASSWORD)],
        &[
            "refused carewire's credentials",
            "authorization violation",
            "user \"carewire\"",
        ],
        &[WRONG_PASSWORD],
    );

    // No credentials at all.
    let bare = tempfile::tempdir().unwrap();
    let config = base_spec(&nats.url()).write(bare.path());
    refused(
        bare.path(),
        &config,
        &[],
        &["refused carewire's credentials", "sent no credentials"],
        &[],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token() {
    let nats = Nats::start_with_config(&format!("authorization {{ token: \"{TOKEN}\" }}\n"));
    let dir = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_token = Some(TOKEN.into());
    let config = spec.write(dir.path());
    routes_one(
        dir.path(),
        &config,
        &[],
        &nats.url(),
        ConnectOptions::with_token(TOKEN.into()),
    )
    .await;

    // The environment overrides the file's token: a wrong one.
    refused(
        dir.path(),
        &config,
        &[("CAREWIRE__NATS__TOKEN", WRONG_TOKEN)],
        &["refused carewire's credentials", "nats.token"],
        &[WRONG_TOKEN, TOKEN],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nkey() {
    let user = nkeys::KeyPair::new_user();
    let seed = user.seed().unwrap();
    let nats = Nats::start_with_config(&format!(
        "authorization {{ users = [ {{ nkey: {} }} ] }}\n",
        user.public_key()
    ));
    let dir = tempfile::tempdir().unwrap();
    let seed_file = dir.path().join("carewire.nk");
    std::fs::write(&seed_file, format!("{seed}\n")).unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_nkey_seed_file = Some(PathBuf::from("carewire.nk")); // relative to the config
    let config = spec.write(dir.path());
    routes_one(
        dir.path(),
        &config,
        &[],
        &nats.url(),
        ConnectOptions::with_nkey(seed.clone()),
    )
    .await;

    // Another user's key: the server does not know it.
    let stranger = nkeys::KeyPair::new_user().seed().unwrap();
    std::fs::write(&seed_file, &stranger).unwrap();
    refused(
        dir.path(),
        &config,
        &[],
        &["refused carewire's credentials", "nats.nkey_seed_file"],
        &[&stranger],
    );

    // Not a seed at all: refused when the config is read.
    std::fs::write(&seed_file, "not a seed\n").unwrap();
    refused(
        dir.path(),
        &config,
        &[],
        &["nats.nkey_seed_file", "no NKey seed"],
        &[],
    );
}

// ---------------------------------------------------------------- JWT credentials

fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A NATS JWT (`ed25519-nkey`) of `claims`, issued and signed by `issuer`.
fn jwt(issuer: &nkeys::KeyPair, subject: &str, name: &str, nats: serde_json::Value) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = json!({
        "jti": format!("TEST{now}{}", &subject[..12]),
        "iat": now,
        "iss": issuer.public_key(),
        "name": name,
        "sub": subject,
        "nats": nats,
    });
    let signing_input = format!(
        "{}.{}",
        b64(r#"{"typ":"JWT","alg":"ed25519-nkey"}"#),
        b64(claims.to_string())
    );
    let signature = issuer.sign(signing_input.as_bytes()).unwrap();
    format!("{signing_input}.{}", b64(signature))
}

/// A `.creds` file's text, as `nsc` writes it.
fn creds(user_jwt: &str, seed: &str) -> String {
    format!(
        "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
         ************************* IMPORTANT *************************\n\
         NKEY Seed printed below can be used to sign and prove identity.\n\
         NKEYs are sensitive and should be treated as secrets.\n\n\
         -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n\n\
         *************************************************************\n"
    )
}

/// A user JWT of `account` for a new user, and the user's seed.
fn user_of(account: &nkeys::KeyPair) -> (String, String) {
    let user = nkeys::KeyPair::new_user();
    let jwt = jwt(
        account,
        &user.public_key(),
        "carewire",
        json!({"pub": {}, "sub": {}, "subs": -1, "data": -1, "payload": -1, "type": "user", "version": 2}),
    );
    (jwt, user.seed().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_file() {
    // Operator mode: an operator, an account with JetStream, a user of it.
    let operator = nkeys::KeyPair::new_operator();
    let account = nkeys::KeyPair::new_account();
    let system = nkeys::KeyPair::new_account();
    let operator_jwt = jwt(
        &operator,
        &operator.public_key(),
        "carewire-test",
        json!({"type": "operator", "version": 2, "system_account": system.public_key()}),
    );
    let limits = json!({
        "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
        "wildcards": true, "conn": -1, "leaf": -1,
        "mem_storage": -1, "disk_storage": -1, "streams": -1, "consumer": -1
    });
    let account_jwt = jwt(
        &operator,
        &account.public_key(),
        "CAREWIRE",
        json!({"limits": limits, "default_permissions": {"pub": {}, "sub": {}}, "type": "account", "version": 2}),
    );
    let system_jwt = jwt(
        &operator,
        &system.public_key(),
        "SYS",
        json!({"limits": {"subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1, "wildcards": true, "conn": -1, "leaf": -1}, "type": "account", "version": 2}),
    );
    let nats = Nats::start_with_config(&format!(
        "operator: \"{operator_jwt}\"\nsystem_account: {sys}\nresolver: MEMORY\nresolver_preload: {{\n  {acc}: \"{account_jwt}\"\n  {sys}: \"{system_jwt}\"\n}}\n",
        acc = account.public_key(),
        sys = system.public_key(),
    ));

    let dir = tempfile::tempdir().unwrap();
    let (user_jwt, user_seed) = user_of(&account);
    let creds_file = dir.path().join("carewire.creds");
    std::fs::write(&creds_file, creds(&user_jwt, &user_seed)).unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_creds_file = Some(creds_file.clone());
    let config = spec.write(dir.path());
    let stderr = routes_one(
        dir.path(),
        &config,
        &[],
        &nats.url(),
        ConnectOptions::with_credentials(&creds(&user_jwt, &user_seed)).unwrap(),
    )
    .await;
    assert!(!stderr.contains(&user_seed), "{stderr}");

    // A user of an account this server does not know.
    let (stranger_jwt, stranger_seed) = user_of(&nkeys::KeyPair::new_account());
    std::fs::write(&creds_file, creds(&stranger_jwt, &stranger_seed)).unwrap();
    refused(
        dir.path(),
        &config,
        &[],
        &["refused carewire's credentials", "nats.creds_file"],
        &[&stranger_seed],
    );

    // Not a credentials file: refused when the config is read.
    std::fs::write(&creds_file, format!("{user_seed}\n")).unwrap();
    refused(
        dir.path(),
        &config,
        &[],
        &["nats.creds_file", "not a NATS credentials file"],
        &[&user_seed],
    );
}

// ---------------------------------------------------------------- TLS

/// The certificates of a TLS test: a CA, a server certificate, a client
/// certificate, and another CA that signed neither.
struct Pki {
    dir: tempfile::TempDir,
    ca: PathBuf,
    server: (PathBuf, PathBuf),
    client: (PathBuf, PathBuf),
    other_ca: PathBuf,
}

impl Pki {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = make_ca(dir.path(), "ca");
        let server = make_cert(dir.path(), "ca", "server", "serverAuth");
        let client = make_cert(dir.path(), "ca", "client", "clientAuth");
        let other_ca = make_ca(dir.path(), "other-ca");
        Self {
            dir,
            ca,
            server,
            client,
            other_ca,
        }
    }

    /// The `tls {}` block of a server; `verify`: client certificates required.
    fn server_block(&self, verify: bool) -> String {
        format!(
            "tls {{\n  cert_file: \"{}\"\n  key_file: \"{}\"\n  ca_file: \"{}\"\n  verify: {verify}\n  timeout: 5\n}}\n",
            self.server.0.display(),
            self.server.1.display(),
            self.ca.display()
        )
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls() {
    let pki = Pki::new();
    let nats = Nats::start_with_config(&pki.server_block(false));
    let dir = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.ca.clone()),
        ..TlsSpec::default()
    });
    let config = spec.write(dir.path());
    routes_one(
        dir.path(),
        &config,
        &[],
        &nats.url(),
        ConnectOptions::new()
            .add_root_certificates(pki.ca.clone())
            .require_tls(true),
    )
    .await;

    // No [nats.tls]: the server's certificate is from an unknown CA.
    let plain = tempfile::tempdir().unwrap();
    let config = base_spec(&nats.url()).write(plain.path());
    refused(
        plain.path(),
        &config,
        &[],
        &["TLS with NATS at", "add [nats.tls]"],
        &[],
    );

    // The wrong CA.
    let wrong = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.other_ca.clone()),
        ..TlsSpec::default()
    });
    let config = spec.write(wrong.path());
    refused(
        wrong.path(),
        &config,
        &[],
        &[
            "TLS with NATS at",
            "not signed by the CA of nats.tls.ca_file",
        ],
        &[],
    );
    drop(pki.dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_with_client_certificate() {
    let pki = Pki::new();
    let nats = Nats::start_with_config(&pki.server_block(true));
    let dir = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.ca.clone()),
        cert_file: Some(pki.client.0.clone()),
        key_file: Some(pki.client.1.clone()),
        required: None,
    });
    let config = spec.write(dir.path());
    routes_one(
        dir.path(),
        &config,
        &[],
        &nats.url(),
        ConnectOptions::new()
            .add_root_certificates(pki.ca.clone())
            .add_client_certificate(pki.client.0.clone(), pki.client.1.clone())
            .require_tls(true),
    )
    .await;

    // Without a client certificate the server ends the handshake.
    let nocert = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.ca.clone()),
        ..TlsSpec::default()
    });
    let config = spec.write(nocert.path());
    refused(
        nocert.path(),
        &config,
        &[],
        &["TLS with NATS at", "wants a client certificate"],
        &[],
    );

    // A client certificate from a CA the server does not trust.
    let stranger = make_cert(pki.dir.path(), "other-ca", "stranger", "clientAuth");
    let untrusted = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.ca.clone()),
        cert_file: Some(stranger.0),
        key_file: Some(stranger.1),
        required: Some(true),
    });
    let config = spec.write(untrusted.path());
    refused(
        untrusted.path(),
        &config,
        &[],
        &["TLS with NATS at", "refused carewire's client certificate"],
        &[],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_required_but_the_server_has_none() {
    let pki = Pki::new();
    let nats = Nats::start();
    let dir = tempfile::tempdir().unwrap();
    let mut spec = base_spec(&nats.url());
    spec.nats_tls = Some(TlsSpec {
        ca_file: Some(pki.ca.clone()),
        ..TlsSpec::default()
    });
    let config = spec.write(dir.path());
    refused(
        dir.path(),
        &config,
        &[],
        &["TLS with NATS at", "does not seem to speak TLS"],
        &[],
    );
}

// ---------------------------------------------------------------- a server not up yet

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_not_up_yet_is_waited_for() {
    let port = carewire::run::nats_server::free_port().expect("a free port");
    let url = format!("nats://127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let config = base_spec(&url).write(dir.path());

    // Nothing listens yet: carewire waits, and SIGTERM still stops it.
    let mut waiting = Carewire::start(&config, dir.path(), "waiting.log", &[]);
    std::thread::sleep(Duration::from_secs(2));
    assert!(waiting.is_running(), "{}", waiting.stderr());
    let status = waiting.sigterm(Duration::from_secs(10));
    assert!(status.success(), "{status}: {}", waiting.stderr());

    // The server comes up after carewire started: it connects and routes.
    let mut carewire = Carewire::start(&config, dir.path(), "late.log", &[]);
    std::thread::sleep(Duration::from_secs(1));
    let binary = carewire::run::nats_server::find_binary(None).expect("nats-server");
    let store = tempfile::tempdir().unwrap();
    let _server =
        carewire::run::nats_server::LocalNatsServer::start(&binary, port, store.path(), &[])
            .unwrap_or_else(|e| panic!("cannot start nats-server on {port}: {e}"));
    carewire.wait_ready(Duration::from_secs(60));
    let client = async_nats::connect(&url).await.expect("connect");
    let js = jetstream::new(client);
    publish_json(
        &js,
        "acme",
        &envelope("late-1", "p-1", Some("+15555550101"), "See you on Tuesday."),
    )
    .await;
    Collector::new(&js)
        .wait_finished(&["late-1".to_string()])
        .await;
}
