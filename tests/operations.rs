//! What an operator relies on: `/healthz` and `/readyz` over HTTP, and a
//! SIGHUP that swaps the plugin chain between messages, or, when the new
//! config does not load, keeps the running one and says why.

mod support;

use std::time::{Duration, Instant};

use carewire::run::nats_server::free_port;
use serde_json::{Value, json};
use support::*;

const PHONE: &str = "+15555550181";

/// carewire with `[http]` on a free port.
fn spec_with_http(nats_url: String, plugins: Vec<PluginSpec>, port: u16) -> ConfigSpec {
    let mut spec = ConfigSpec::new(Some(nats_url), plugins);
    spec.extra_toml = format!(
        "\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
    );
    spec
}

fn billing(id: &str) -> Value {
    let mut e = envelope(
        id,
        "p-8001",
        Some(PHONE),
        "Your statement is ready to view.",
    );
    e["category"] = json!("billing");
    e
}

async fn get(http: &reqwest::Client, url: &str) -> (u16, String) {
    match http.get(url).send().await {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

/// Waits until `url` answers `status`, failing with what it last answered.
async fn wait_status(http: &reqwest::Client, url: &str, status: u16) -> String {
    let started = Instant::now();
    loop {
        let (got, body) = get(http, url).await;
        if got == status {
            return body;
        }
        assert!(
            started.elapsed() < WAIT,
            "{url} still answers {got} {body} after {WAIT:?}, expected {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The names of the plugins in `id`'s decision record, in chain order.
fn chain_of(out: &Outputs, id: &str) -> Vec<String> {
    out.audit(id)["plugins"]
        .as_array()
        .expect("plugins")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_hot_reload() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port().expect("a free port");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .expect("an HTTP client");
    let base = format!("http://127.0.0.1:{port}");

    // Chain A: the four clinical plugins.
    let config = spec_with_http(nats.url(), clinical_plugins(), port).write(dir.path());
    let mut carewire = Carewire::start(&config, dir.path(), "carewire.log", &[]);
    wait_status(&http, &format!("{base}/healthz"), 200).await;
    let ready = wait_status(&http, &format!("{base}/readyz"), 200).await;
    let ready: Value = serde_json::from_str(&ready).expect("readyz JSON");
    for part in ["nats_connected", "plugins_loaded", "consumers_bound"] {
        assert_eq!(ready[part], true, "{ready:#}");
    }
    assert_eq!(ready["draining"], false, "{ready:#}");

    let (_client, js) = nats.connect().await;
    seed(&js, CONSENT_BUCKET, &[("p-8001", consent_granted(true))]).await;
    seed(&js, CONTACTS_BUCKET, &[("p-8001", verified_self(PHONE))]).await;
    let mut collector = Collector::new(&js);
    publish_json(&js, "acme", &billing("reload-1")).await;
    collector.wait_finished(&["reload-1".to_string()]).await;
    let out = collector.refresh().await.clone();
    assert_eq!(out.audit("reload-1")["outcome"], "sms");
    let chain_a = chain_of(&out, "reload-1");
    assert_eq!(chain_a.len(), 4, "{chain_a:?}");

    // Chain B adds the example policy plugin: no SMS for billing.
    let mut plugins = clinical_plugins();
    plugins.push(
        PluginSpec::new("category-policy", "category-policy")
            .config(json!({"no_sms": ["billing"]})),
    );
    spec_with_http(nats.url(), plugins.clone(), port).write(dir.path());
    reload(&mut carewire, "reloaded").await;
    publish_json(&js, "acme", &billing("reload-2")).await;
    collector.wait_finished(&["reload-2".to_string()]).await;
    let out = collector.refresh().await.clone();
    assert_eq!(out.audit("reload-2")["outcome"], "portal");
    assert_eq!(
        chain_of(&out, "reload-2").last().map(String::as_str),
        Some("category-policy")
    );

    // A config whose plugin does not match its pin: refused, chain B stays.
    let mut bad = plugins.clone();
    let last = bad.pop().expect("a plugin").sha256(&"0".repeat(64));
    bad.push(last);
    spec_with_http(nats.url(), bad, port).write(dir.path());
    reload(&mut carewire, "reload refused").await;
    let log = carewire.stderr();
    assert!(
        log.contains("sha256"),
        "the refusal does not say why:\n{log}"
    );
    publish_json(&js, "acme", &billing("reload-3")).await;
    collector.wait_finished(&["reload-3".to_string()]).await;
    let out = collector.refresh().await.clone();
    assert_eq!(out.audit("reload-3")["outcome"], "portal");
    assert_eq!(chain_of(&out, "reload-3").len(), 5);
    let (status, _) = get(&http, &format!("{base}/readyz")).await;
    assert_eq!(status, 200, "a refused reload made carewire unready");

    // SIGTERM: the process ends cleanly and the listener goes away.
    let exit = carewire.sigterm(Duration::from_secs(30));
    assert!(exit.success(), "exit {exit}:\n{}", carewire.stderr());
    let (status, _) = get(&http, &format!("{base}/healthz")).await;
    assert_eq!(status, 0, "something still answers on {base} after exit");
}

/// Sends SIGHUP and waits until carewire's log has one more `needle` than before.
async fn reload(carewire: &mut Carewire, needle: &str) {
    let before = carewire.stderr().matches(needle).count();
    let status = std::process::Command::new("kill")
        .args(["-HUP", &carewire.pid().to_string()])
        .status()
        .expect("kill -HUP");
    assert!(status.success());
    let started = Instant::now();
    loop {
        let log = carewire.stderr();
        if log.matches(needle).count() > before {
            return;
        }
        assert!(
            carewire.is_running(),
            "carewire died while waiting for {needle:?}:\n{log}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no {needle:?} in carewire's log after 60 s:\n{log}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
