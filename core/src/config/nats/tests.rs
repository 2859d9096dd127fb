use std::path::Path;

use crate::config::{Config, NatsAuth};

const PLUGIN: &str = r#"
[[plugins]]
name = "consent"
path = "consent.wasm"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
"#;

/// A config with `nats` as the body of the `[nats]` table, paths
/// resolved against `dir`.
fn load_in(dir: &Path, nats: &str) -> Result<Config, String> {
    Config::from_toml(&format!("[nats]\n{nats}\n{PLUGIN}"), dir).map_err(|e| e.to_string())
}

fn load(nats: &str) -> Result<Config, String> {
    load_in(Path::new("."), nats)
}

/// A directory holding a valid user seed (`user.nk`), a creds file
/// (`user.creds`) and three PEM stand-ins.
fn files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = nkeys::KeyPair::new_user().seed().unwrap();
    std::fs::write(dir.path().join("user.nk"), format!("{seed}\n")).unwrap();
    let creds = format!(
        "-----BEGIN NATS USER JWT-----\neyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.e30.c2ln\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n"
    );
    std::fs::write(dir.path().join("user.creds"), creds).unwrap();
    for f in ["ca.pem", "cert.pem", "key.pem"] {
        std::fs::write(dir.path().join(f), "pem").unwrap();
    }
    dir
}

#[test]
fn defaults_are_one_replica_and_no_credentials() {
    let cfg = load("").unwrap();
    assert_eq!(cfg.nats.replicas, 1);
    assert_eq!(cfg.nats.auth(), NatsAuth::None);
    assert!(cfg.nats.tls.is_none());
}

#[test]
fn carewire_has_an_inbox_prefix_of_its_own() {
    assert_eq!(load("").unwrap().nats.inbox_prefix, "_INBOX_carewire");
    assert_eq!(
        load("inbox_prefix = \"_INBOX.router-1\"")
            .unwrap()
            .nats
            .inbox_prefix,
        "_INBOX.router-1"
    );
    for bad in [
        "", "_INBOX.", ".x", "_INBOX.*", "_INBOX.>", "in box", "a..b",
    ] {
        let err = load(&format!("inbox_prefix = {bad:?}")).unwrap_err();
        assert!(err.contains("nats.inbox_prefix"), "{bad:?}: {err}");
    }
}

#[test]
fn several_servers_in_one_url() {
    let cfg = load("url = \"nats://10.0.0.1:4222, nats://10.0.0.2:4222,tls://n3:4222\"").unwrap();
    let servers = super::server_urls(cfg.nats.url.as_deref().unwrap()).unwrap();
    assert_eq!(servers.len(), 3);
    assert_eq!(servers[1].port(), 4222);
    let err = load("url = \"nats://a:4222,,nats://b:4222\"").unwrap_err();
    assert!(err.contains("empty entry"), "{err}");
    let err = load("url = \"nats://a:4222,ws://b:80\"").unwrap_err();
    assert!(err.contains("mixes"), "{err}");
}

#[test]
fn credentials_in_the_url_are_refused_without_showing_them() {
    let err = load("url = \"nats://a:4222,nats://carewire:hunter2@b:4222\"").unwrap_err();
    assert!(err.contains("server 2 of nats.url"), "{err}");
    assert!(err.contains("nats.user"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let err = load("url = \"nats://s3cr3t-token@b:4222\"").unwrap_err();
    assert!(!err.contains("s3cr3t"), "{err}");
}

#[test]
fn replicas_are_one_to_five() {
    assert_eq!(load("replicas = 3").unwrap().nats.replicas, 3);
    for bad in ["replicas = 0", "replicas = 6"] {
        let err = load(bad).unwrap_err();
        assert!(err.contains("nats.replicas"), "{bad}: {err}");
    }
}

#[test]
fn one_authentication_method_only() {
    let dir = files();
    let url = "url = \"nats://127.0.0.1:4222\"\n";
    let err = load_in(
        dir.path(),
        &format!("{url}token = \"t0ken-value\"\nuser = \"u\"\npassword = \"pa55word\""),
    )
    .unwrap_err();
    assert!(
        err.contains("nats.user/nats.password and nats.token"),
        "{err}"
    );
    assert!(err.contains("one way only"), "{err}");
    assert!(
        !err.contains("t0ken-value") && !err.contains("pa55word"),
        "{err}"
    );

    let err = load_in(
        dir.path(),
        &format!("{url}creds_file = \"user.creds\"\nnkey_seed_file = \"user.nk\""),
    )
    .unwrap_err();
    assert!(
        err.contains("nats.creds_file and nats.nkey_seed_file"),
        "{err}"
    );

    let err = load(&format!("{url}user = \"u\"")).unwrap_err();
    assert!(err.contains("nats.password is not"), "{err}");
    let err = load(&format!("{url}password = \"pa55word\"")).unwrap_err();
    assert!(err.contains("nats.user is not"), "{err}");
    assert!(!err.contains("pa55word"), "{err}");
    let err = load(&format!("{url}token = \"\"")).unwrap_err();
    assert!(err.contains("nats.token is empty"), "{err}");
}

#[test]
fn each_method_alone_is_accepted() {
    let dir = files();
    let url = "url = \"nats://127.0.0.1:4222\"\n";
    for (body, auth) in [
        (
            "user = \"carewire\"\npassword = \"pa55word\"",
            NatsAuth::UserPassword,
        ),
        ("token = \"t0ken\"", NatsAuth::Token),
        ("nkey_seed_file = \"user.nk\"", NatsAuth::Nkey),
        ("creds_file = \"user.creds\"", NatsAuth::CredsFile),
    ] {
        let cfg =
            load_in(dir.path(), &format!("{url}{body}")).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(cfg.nats.auth(), auth);
    }
}

#[test]
fn secrets_stay_out_of_debug() {
    let cfg = load("url = \"nats://127.0.0.1:4222\"\nuser = \"carewire\"\npassword = \"pa55word\"")
        .unwrap();
    let debug = format!("{:?}", cfg.nats);
    assert!(!debug.contains("pa55word"), "{debug}");
    let cfg = load("url = \"nats://127.0.0.1:4222\"\ntoken = \"t0ken-value\"").unwrap();
    let debug = format!("{cfg:?}");
    assert!(!debug.contains("t0ken-value"), "{debug}");
}

#[test]
fn files_must_exist_and_hold_what_they_should() {
    let dir = files();
    let url = "url = \"nats://127.0.0.1:4222\"\n";
    let err = load_in(dir.path(), &format!("{url}creds_file = \"missing.creds\"")).unwrap_err();
    assert!(
        err.contains("nats.creds_file") && err.contains("missing.creds"),
        "{err}"
    );
    let err = load_in(dir.path(), &format!("{url}nkey_seed_file = \"missing.nk\"")).unwrap_err();
    assert!(err.contains("nats.nkey_seed_file"), "{err}");

    // Not a seed: the error says so without showing the file.
    std::fs::write(
        dir.path().join("bad.nk"),
        "SUNOTAREALSEEDATALLBUTSECRETISH\n",
    )
    .unwrap();
    let err = load_in(dir.path(), &format!("{url}nkey_seed_file = \"bad.nk\"")).unwrap_err();
    assert!(err.contains("no NKey seed"), "{err}");
    assert!(!err.contains("NOTAREALSEED"), "{err}");
    // An account seed is a seed, but not a user's.
    let account = nkeys::KeyPair::new_account().seed().unwrap();
    std::fs::write(dir.path().join("account.nk"), &account).unwrap();
    let err = load_in(dir.path(), &format!("{url}nkey_seed_file = \"account.nk\"")).unwrap_err();
    assert!(err.contains("connects as a user"), "{err}");
    assert!(!err.contains(&account[2..]), "{err}");

    // A creds file without a JWT.
    let seed = std::fs::read_to_string(dir.path().join("user.nk")).unwrap();
    std::fs::write(dir.path().join("bad.creds"), &seed).unwrap();
    let err = load_in(dir.path(), &format!("{url}creds_file = \"bad.creds\"")).unwrap_err();
    assert!(err.contains("not a NATS credentials file"), "{err}");
    assert!(!err.contains(seed.trim()), "{err}");

    let err = load_in(
        dir.path(),
        &format!("{url}[nats.tls]\nca_file = \"ca.pem\"\ncert_file = \"cert.pem\""),
    )
    .unwrap_err();
    assert!(err.contains("go together"), "{err}");
    let err = load_in(
        dir.path(),
        &format!("{url}[nats.tls]\nca_file = \"nope.pem\""),
    )
    .unwrap_err();
    assert!(
        err.contains("nats.tls.ca_file") && err.contains("nope.pem"),
        "{err}"
    );
}

#[test]
fn tls_is_required_when_its_table_is_present() {
    let dir = files();
    let cfg = load_in(
        dir.path(),
        "url = \"nats://127.0.0.1:4222\"\n[nats.tls]\nca_file = \"ca.pem\"\ncert_file = \"cert.pem\"\nkey_file = \"key.pem\"",
    )
    .unwrap();
    let tls = cfg.nats.tls.unwrap();
    assert!(tls.required);
    assert_eq!(
        cfg.base_dir.join(tls.ca_file.unwrap()),
        dir.path().join("ca.pem")
    );
    let cfg = load_in(
        dir.path(),
        "url = \"nats://127.0.0.1:4222\"\n[nats.tls]\nrequired = false",
    )
    .unwrap();
    assert!(!cfg.nats.tls.unwrap().required);
}

#[test]
fn credentials_need_a_url() {
    let err = load("token = \"t0ken\"").unwrap_err();
    assert!(err.contains("nats.token needs nats.url"), "{err}");
    let err = load("[nats.tls]\nrequired = true").unwrap_err();
    assert!(err.contains("[nats.tls] needs nats.url"), "{err}");
}

#[test]
fn unknown_nats_keys_are_named() {
    let err = load("url = \"nats://a:4222\"\n[nats.tls]\nca = \"x\"").unwrap_err();
    assert!(err.contains("ca"), "{err}");
    let err = load("passwd = \"x\"").unwrap_err();
    assert!(err.contains("passwd"), "{err}");
}
