//! Scale-out: two `carewire run` processes share the durable consumers on a
//! three-node JetStream cluster (streams and buckets with three replicas).
//! In the middle of a few thousand requests one carewire is SIGKILLed and,
//! a little later, the NATS node leading the inbound stream is killed too.
//! Every request still ends with exactly one decision audit record and
//! exactly one output (an outbound message or a DLQ message), the one its
//! content calls for.
//!
//! That both routers did work is read from the NATS servers themselves:
//! just before the first kill, the servers' connection monitoring (`/connz`)
//! must list two connections named `carewire`, each having published at
//! least [`MIN_PUBLISHES`] messages (stored outputs, acks, KV reads). An
//! idle carewire publishes only a few pull requests; each request a
//! carewire handles costs it at least three publishes (its outbound,
//! dispatch or DLQ message, its audit record, its ack). This does not depend on carewire's
//! logs, and the counts are per connection, so per process.
//!
//! A second test restarts a router into a JetStream leader election (the
//! audit stream's leader node killed just before): it must wait for the
//! election rather than exit.
//!
//! `SCALE_OUT_SHOW_LOG=1` prints the surviving router's log at the end.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use serde_json::{Value, json};
use support::*;

const MESSAGES: usize = 2000;
/// Publishes (client to server) a carewire must have made before the kill
/// to count as having worked.
const MIN_PUBLISHES: u64 = 100;
/// How long everything may take once the requests are published.
const DEADLINE: Duration = Duration::from_secs(150);

/// A mix of every outcome, spread over a few patients (as crash_recovery).
fn request(n: usize) -> (String, Value, &'static str) {
    let id = format!("scale-{n:05}");
    let (patient, phone, body, outcome) = match n % 5 {
        0 | 1 => (
            "p-3001",
            "+15555550131",
            "Your appointment is next Tuesday at the main clinic.",
            "sms",
        ),
        2 => (
            "p-3002",
            "+15555550132",
            "Your care team has updated your care plan.",
            "portal",
        ),
        3 => (
            "p-3001",
            "+15555550131",
            "Patient reports crushing chest pain since this morning.",
            "escalation",
        ),
        _ => (
            "p-3003",
            "+15555550133",
            "Please tell us about your recent visit.",
            "undeliverable",
        ),
    };
    let e = envelope(&id, patient, Some(phone), body);
    (id, e, outcome)
}

/// Whether a plugin failed in this decision (`plugin_failed:<kind>`).
fn plugin_failed(audit: &Value) -> bool {
    audit["reasons"].as_array().is_some_and(|reasons| {
        reasons
            .iter()
            .any(|r| r.as_str().is_some_and(|r| r.starts_with("plugin_failed:")))
    })
}

/// A node of the test cluster: its server (None once killed) and monitoring port.
struct Node {
    nats: Option<Nats>,
    name: String,
    url: String,
    monitor: u16,
}

/// Three nats-servers with JetStream, routed to each other on loopback.
fn start_cluster() -> Vec<Node> {
    let mut ports: Vec<u16> = Vec::new();
    while ports.len() < 6 {
        let p = carewire::run::nats_server::free_port().expect("a free port");
        if !ports.contains(&p) {
            ports.push(p);
        }
    }
    let (cluster, monitor) = ports.split_at(3);
    (0..3)
        .map(|i| {
            let routes: Vec<String> = (0..3)
                .filter(|&j| j != i)
                .map(|j| format!("nats-route://127.0.0.1:{}", cluster[j]))
                .collect();
            let nats = Nats::start_with_config(&format!(
                "http: \"127.0.0.1:{}\"\njetstream {{}}\ncluster {{\n  name: carewire-scale-out\n  listen: \"127.0.0.1:{}\"\n  routes: [{}]\n}}\n",
                monitor[i],
                cluster[i],
                routes.join(", ")
            ));
            Node {
                name: nats.name().to_string(),
                url: nats.url(),
                monitor: monitor[i],
                nats: Some(nats),
            }
        })
        .collect()
}

/// Retries `what` until it succeeds, for at most `limit`.
async fn retry<T, E: std::fmt::Display, F, Fut>(what: &str, limit: Duration, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let started = Instant::now();
    loop {
        match f().await {
            Ok(v) => return v,
            Err(e) if started.elapsed() > limit => {
                panic!("{what}: still failing after {limit:?}: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Messages stored in `stream`, or None when it cannot be asked right now
/// (a node is down, a leader is being elected).
async fn stored(js: &jetstream::Context, stream: &str) -> Option<u64> {
    let mut s = js.get_stream(stream).await.ok()?;
    Some(s.info().await.ok()?.state.messages)
}

/// Every message of `stream`, read one by one, retrying transient errors.
async fn read_all(js: &jetstream::Context, name: &str) -> Vec<Stored> {
    let limit = Duration::from_secs(30);
    let stream = retry(&format!("open {name}"), limit, || js.get_stream(name)).await;
    let state = retry(&format!("{name} info"), limit, || {
        let mut s = stream.clone();
        async move { s.info().await.map(|i| i.state.clone()) }
    })
    .await;
    let mut found = Vec::new();
    for seq in state.first_sequence.max(1)..=state.last_sequence {
        let msg = retry(&format!("{name} #{seq}"), limit, || {
            stream.get_raw_message(seq)
        })
        .await;
        found.push(Stored::from_raw(seq, msg));
    }
    found
}

/// Everything carewire stored, read after the run.
async fn outputs(js: &jetstream::Context) -> Outputs {
    Outputs {
        outbound: read_all(js, "CAREWIRE_OUTBOUND").await,
        audit: read_all(js, "CAREWIRE_AUDIT").await,
        dlq: read_all(js, "CAREWIRE_DLQ").await,
        delivery: Vec::new(),
    }
}

/// Whether a durable consumer has delivered and had acked everything.
async fn idle(js: &jetstream::Context, stream: &str, consumer: &str) -> Option<bool> {
    let s = js.get_stream(stream).await.ok()?;
    let c = s.consumer_info(consumer).await.ok()?;
    Some(c.num_pending == 0 && c.num_ack_pending == 0)
}

/// The carewire connections the live nodes know: (node, connection id, publishes, deliveries).
async fn carewire_connections(nodes: &[Node]) -> Vec<(String, u64, u64, u64)> {
    let http = reqwest::Client::new();
    let mut found = Vec::new();
    for node in nodes.iter().filter(|n| n.nats.is_some()) {
        let url = format!("http://127.0.0.1:{}/connz?limit=1024", node.monitor);
        let connz: Value = retry(&format!("GET {url}"), Duration::from_secs(10), || async {
            http.get(&url)
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)?
                .json::<Value>()
                .await
        })
        .await;
        for c in connz["connections"].as_array().into_iter().flatten() {
            if c["name"] == "carewire" {
                found.push((
                    node.name.clone(),
                    c["cid"].as_u64().unwrap_or_default(),
                    c["in_msgs"].as_u64().unwrap_or_default(),
                    c["out_msgs"].as_u64().unwrap_or_default(),
                ));
            }
        }
    }
    found
}

/// A client of the cluster's JetStream, once the cluster has a meta leader.
async fn connect_cluster(nodes: &[Node]) -> jetstream::Context {
    let urls: Vec<String> = nodes.iter().map(|n| n.url.clone()).collect();
    let client = async_nats::ConnectOptions::new()
        .name("scale-out-test")
        .connect(urls.clone())
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the cluster {urls:?}: {e}"));
    let js = jetstream::new(client);
    // JetStream is usable once the cluster has a meta leader.
    retry(
        "JetStream account info (waiting for a meta leader)",
        Duration::from_secs(60),
        || js.query_account(),
    )
    .await;
    js
}

/// carewire's streams, buckets and consumers with three replicas (`spec`'s
/// settings), and the patients of [`request`].
async fn set_up_r3(js: &jetstream::Context, spec: &ConfigSpec) {
    // Three peers must be known before an R3 stream can be placed: retry.
    let topology_started = Instant::now();
    let names = carewire::nats::Names::new("carewire");
    let config = spec.config();
    loop {
        let settings = carewire::nats::Settings {
            replicas: 3,
            ..carewire::nats::Settings::from_config(&names, &config)
        };
        let result = carewire::nats::ensure_topology(js, settings).await;
        match result {
            Ok(_) => break,
            Err(e) if topology_started.elapsed() > Duration::from_secs(60) => {
                panic!("cannot create the R3 topology on the cluster: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
    let inbound = js.get_stream("CAREWIRE_INBOUND").await.expect("inbound");
    assert_eq!(
        inbound.cached_info().config.num_replicas,
        3,
        "the inbound stream is not replicated"
    );
    seed(
        js,
        CONSENT_BUCKET,
        &[
            ("p-3001", consent_granted(true)),
            ("p-3003", json!({"sms": "granted", "do_not_contact": true})),
        ],
    )
    .await;
    seed(
        js,
        CONTACTS_BUCKET,
        &[
            ("p-3001", verified_self("+15555550131")),
            ("p-3002", verified_self("+15555550132")),
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_routers_survive_a_router_and_a_nats_node_dying() {
    let test_started = Instant::now();
    let mut nodes = start_cluster();
    let urls: Vec<String> = nodes.iter().map(|n| n.url.clone()).collect();
    let js = connect_cluster(&nodes).await;

    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ConfigSpec::new(Some(urls.join(",")), clinical_plugins());
    spec.nats_replicas = 3;
    // Requests held by the killed router are redelivered after this.
    spec.ack_wait_secs = 5;
    let config = spec.write(dir.path());
    set_up_r3(&js, &spec).await;
    let inbound = js.get_stream("CAREWIRE_INBOUND").await.expect("inbound");

    // Two routers on the same config (the second finds the plugins compiled).
    let mut first = Carewire::start_ready(&config, dir.path(), "carewire-a.log", &[]);
    let mut second = Carewire::start_ready(&config, dir.path(), "carewire-b.log", &[]);
    let setup = test_started.elapsed();

    let mut ids = Vec::with_capacity(MESSAGES);
    let mut expected = HashMap::with_capacity(MESSAGES);
    let mut acks = Vec::with_capacity(MESSAGES);
    for n in 0..MESSAGES {
        let (id, e, outcome) = request(n);
        let ack = js
            .publish(
                "carewire.inbound.acme",
                serde_json::to_vec(&e).expect("encode").into(),
            )
            .await
            .expect("publish");
        acks.push(ack);
        expected.insert(id.clone(), outcome);
        ids.push(id);
    }
    for ack in acks {
        ack.await.expect("publish ack");
    }
    let published = Instant::now();

    // Kill the first router after a quarter is audited, then the node that
    // leads the inbound stream after half.
    let wait_audited = |at_least: u64, what: &'static str| {
        let js = js.clone();
        async move {
            loop {
                let n = stored(&js, "CAREWIRE_AUDIT").await.unwrap_or(0);
                if n >= at_least {
                    return n;
                }
                assert!(
                    published.elapsed() < DEADLINE,
                    "only {n} audit records after {DEADLINE:?}, waiting for {at_least} ({what})"
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    };
    let before_router_kill = wait_audited((MESSAGES / 4) as u64, "the router kill").await;
    let connections = carewire_connections(&nodes).await;
    first.sigkill();
    let at_router_kill = stored(&js, "CAREWIRE_AUDIT")
        .await
        .unwrap_or(before_router_kill);
    eprintln!(
        "router A killed at {at_router_kill} audit records, {:.1}s after publishing",
        published.elapsed().as_secs_f64()
    );
    assert_eq!(
        connections.len(),
        2,
        "expected one NATS connection per router, the servers list {connections:?}"
    );
    for (node, cid, publishes, _) in &connections {
        assert!(
            *publishes >= MIN_PUBLISHES,
            "a router had made only {publishes} publishes (connection {cid} on {node}) when \
             {at_router_kill} requests were audited: it did no work; all: {connections:?}"
        );
    }
    assert!(
        at_router_kill < MESSAGES as u64,
        "all {MESSAGES} were audited before the router kill: the kill tested nothing"
    );

    // The node the surviving router is connected to: it must reconnect
    // to another, and the streams that node led elect new leaders.
    let before_node_kill = wait_audited((MESSAGES / 2) as u64, "the NATS node kill").await;
    let survivor = {
        let started = Instant::now();
        loop {
            let found = carewire_connections(&nodes).await;
            if found.len() == 1 {
                break found[0].clone();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "expected only the second router's connection after the first was killed: {found:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let inbound_leader = retry("inbound stream info", Duration::from_secs(30), || {
        let mut s = inbound.clone();
        async move {
            s.info()
                .await
                .map(|i| i.cluster.as_ref().and_then(|c| c.leader.clone()))
        }
    })
    .await;
    let victim = nodes
        .iter_mut()
        .find(|n| n.name == survivor.0)
        .unwrap_or_else(|| panic!("the router's server {} is not a test node", survivor.0));
    drop(victim.nats.take());
    let killed_node = format!(
        "{}{}",
        victim.name,
        if inbound_leader.as_deref() == Some(victim.name.as_str()) {
            " (leader of the inbound stream)"
        } else {
            ""
        }
    );
    let at_node_kill = before_node_kill;
    eprintln!(
        "NATS node {killed_node} killed at {at_node_kill}+ audit records, {:.1}s after publishing",
        published.elapsed().as_secs_f64()
    );
    assert!(
        at_node_kill < MESSAGES as u64,
        "all {MESSAGES} were audited before the NATS node kill: the kill tested nothing"
    );

    // Everything ends: MESSAGES decision records and outputs, consumers idle.
    let mut last = (0, 0, 0);
    loop {
        let audit = stored(&js, "CAREWIRE_AUDIT").await;
        let outbound = stored(&js, "CAREWIRE_OUTBOUND").await;
        let dlq = stored(&js, "CAREWIRE_DLQ").await;
        if let (Some(a), Some(o), Some(d)) = (audit, outbound, dlq) {
            last = (a, o, d);
            if a >= MESSAGES as u64 && o + d >= MESSAGES as u64 {
                let mut all_idle = idle(&js, "CAREWIRE_INBOUND", CONSUMER).await == Some(true);
                for channel in ["sms", "portal", "escalation"] {
                    all_idle &= idle(
                        &js,
                        "CAREWIRE_DISPATCH",
                        &format!("{CONSUMER}-deliver-{channel}"),
                    )
                    .await
                        == Some(true);
                }
                if all_idle {
                    break;
                }
            }
        }
        if published.elapsed() > DEADLINE {
            let out = outputs(&js).await;
            let counts = out.counts();
            let missing: Vec<&String> = ids
                .iter()
                .filter(|id| {
                    let c = counts.get(*id).copied().unwrap_or_default();
                    c.audit == 0 || c.outbound + c.dlq == 0
                })
                .collect();
            panic!(
                "not finished {DEADLINE:?} after publishing (router killed at {at_router_kill}, \
                 node {killed_node} at {at_node_kill} audit records): stored (audit, outbound, dlq) \
                 = {last:?}; {} ids unfinished, e.g. {:?}; second router: {}\n{}",
                missing.len(),
                &missing[..missing.len().min(20)],
                if second.is_running() {
                    "running"
                } else {
                    "EXITED"
                },
                out.summary()
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let finished = published.elapsed();
    assert!(
        second.is_running(),
        "the second router exited:\n{}",
        second.stderr()
    );

    let out = outputs(&js).await;
    let counts = out.counts();
    let mut wrong = Vec::new();
    for id in &ids {
        let c = counts.get(id).copied().unwrap_or_default();
        if c.audit != 1 || c.outbound + c.dlq != 1 {
            // Where each output went, its stream sequence and Nats-Msg-Id.
            let outputs: Vec<String> = out
                .outbound
                .iter()
                .filter(|m| m.parsed["id"] == id.as_str())
                .chain(out.dlq_for(id))
                .map(|m| {
                    format!(
                        "{} #{} msg-id {:?}",
                        m.subject,
                        m.seq,
                        m.header("Nats-Msg-Id").unwrap_or_default()
                    )
                })
                .collect();
            let decisions: Vec<String> = out
                .audits_for(id)
                .iter()
                .map(|a| format!("audit: {} {}", a["outcome"], a["reasons"]))
                .collect();
            wrong.push(format!("{id}: {c:?} {outputs:?} {decisions:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {MESSAGES} ids without exactly one decision record and one output \
         (router killed at {at_router_kill}, NATS node {killed_node} at {at_node_kill}); \
         outputs on two channels mean a redelivered request was decided again, differently \
         (e.g. a plugin failed on one attempt only), and both dispatches were stored, since \
         their Nats-Msg-Id names the channel: {:#?}",
        wrong.len(),
        &wrong[..wrong.len().min(40)]
    );
    assert_eq!(out.audits().len(), MESSAGES, "{}", out.summary());
    assert_eq!(
        out.outbound.len() + out.dlq.len(),
        MESSAGES,
        "{}",
        out.summary()
    );
    // Each outcome is the one the request's content calls for, or, when a
    // plugin failed (a KV read stalled while the cluster lost a node, so
    // the consent plugin timed out), what its failure policy makes of it:
    // no SMS (`deny-sms`), so the portal.
    let mut by_outcome: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failed_closed = Vec::new();
    for id in &ids {
        let audit = out.audit(id);
        let mut outcome = expected[id];
        if audit["outcome"] != outcome && plugin_failed(&audit) {
            assert_eq!(
                audit["outcome"], "portal",
                "{id}: a plugin failed, so no SMS, but the outcome is not the portal: {audit:#}"
            );
            failed_closed.push(format!("{id} ({outcome} -> portal)"));
            outcome = "portal";
        }
        assert_eq!(audit["outcome"], outcome, "{audit:#}");
        *by_outcome.entry(outcome).or_default() += 1;
        if outcome == "undeliverable" {
            assert_eq!(out.dlq_for(id)[0].subject, "carewire.dlq.undeliverable");
        } else {
            out.sent(id, outcome);
        }
    }
    if !failed_closed.is_empty() {
        eprintln!(
            "{} requests routed to the portal because a plugin failed during the node loss: {:?}",
            failed_closed.len(),
            &failed_closed[..failed_closed.len().min(20)]
        );
    }
    let consumer = retry("consumer info", Duration::from_secs(30), || {
        let s = inbound.clone();
        async move { s.consumer_info(CONSUMER).await }
    })
    .await;
    eprintln!(
        "scale-out: {MESSAGES} requests {by_outcome:?}; set-up {:.0}s; router A killed at \
         {at_router_kill} audited (connections then, (node, cid, publishes, deliveries): \
         {connections:?}); NATS node {killed_node}, router B's, killed at {at_node_kill}; all \
         finished {:.1}s after publishing; {} deliveries of the inbound consumer ({} redeliveries)",
        setup.as_secs_f64(),
        finished.as_secs_f64(),
        consumer.delivered.consumer_sequence,
        consumer
            .delivered
            .consumer_sequence
            .saturating_sub(MESSAGES as u64)
    );
    if std::env::var_os("SCALE_OUT_SHOW_LOG").is_some() {
        eprintln!("--- router B ---\n{}", second.stderr());
    }
    drop(second);
    drop(nodes);
}

/// A router restarted while JetStream elects new leaders waits for them.
/// The NATS node leading the audit stream is SIGKILLed, the router is
/// SIGKILLed too and a new one started at once, into the election: its
/// first JetStream requests time out. It must wait and retry (before: it
/// logged `cannot create or open stream ...: jetstream request timed out`
/// and exited, and the requests waited for someone to start it by hand),
/// and every request still ends with its one decision and one output.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_router_restarted_into_a_leader_election_waits_for_it() {
    const REQUESTS: usize = 600;
    let mut nodes = start_cluster();
    let urls: Vec<String> = nodes.iter().map(|n| n.url.clone()).collect();
    let js = connect_cluster(&nodes).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ConfigSpec::new(Some(urls.join(",")), clinical_plugins());
    spec.nats_replicas = 3;
    spec.ack_wait_secs = 5;
    let port = carewire::run::nats_server::free_port().expect("a free port");
    spec.extra_toml = format!(
        "\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
    );
    let config = spec.write(dir.path());
    set_up_r3(&js, &spec).await;

    let mut first = Carewire::start_ready(&config, dir.path(), "carewire-a.log", &[]);
    let mut ids = Vec::with_capacity(REQUESTS);
    let mut acks = Vec::with_capacity(REQUESTS);
    for n in 0..REQUESTS {
        let (id, e, _) = request(n);
        let payload = serde_json::to_vec(&e).expect("encode");
        acks.push(
            js.publish("carewire.inbound.acme", payload.into())
                .await
                .expect("publish"),
        );
        ids.push(id);
    }
    for ack in acks {
        ack.await.expect("publish ack");
    }
    let published = Instant::now();
    loop {
        let n = stored(&js, "CAREWIRE_AUDIT").await.unwrap_or(0);
        if n >= (REQUESTS / 4) as u64 {
            break;
        }
        assert!(
            published.elapsed() < DEADLINE,
            "only {n} audit records after {DEADLINE:?}:\n{}",
            first.stderr()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // The audit stream's leader dies; so does the router; a new router
    // starts while the surviving nodes elect new leaders.
    let audit = js.get_stream("CAREWIRE_AUDIT").await.expect("audit stream");
    let leader = retry("audit stream leader", Duration::from_secs(30), || {
        let mut s = audit.clone();
        async move {
            s.info()
                .await
                .map_err(|e| e.to_string())?
                .cluster
                .as_ref()
                .and_then(|c| c.leader.clone())
                .ok_or_else(|| "no leader yet".to_string())
        }
    })
    .await;
    let victim = nodes
        .iter_mut()
        .find(|n| n.name == leader)
        .unwrap_or_else(|| panic!("the audit stream's leader {leader} is not a test node"));
    drop(victim.nats.take());
    first.sigkill();
    let mut second = Carewire::start(&config, dir.path(), "carewire-b.log", &[]);
    let restarted = Instant::now();
    // What /readyz answers while the new router waits: the first 503 that
    // gives the set-up's reason (None: it turned 200 without one).
    let readyz = tokio::spawn(async move {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .no_proxy()
            .build()
            .expect("an HTTP client");
        let url = format!("http://127.0.0.1:{port}/readyz");
        while restarted.elapsed() < DEADLINE {
            if let Ok(response) = http.get(&url).send().await {
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                if status == 503 && body["setup_waiting"].is_string() {
                    return Some(body);
                }
                if status == 200 {
                    return None;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    });

    // Everything ends, without anyone starting carewire again.
    let mut collector = Collector::new(&js);
    loop {
        let out = collector.refresh().await;
        if out.all_finished(&ids) {
            break;
        }
        assert!(
            second.is_running(),
            "the router restarted into the election exited:\n{}",
            second.stderr()
        );
        assert!(
            restarted.elapsed() < DEADLINE,
            "not finished {DEADLINE:?} after the restart: {}\n{}",
            out.summary(),
            second.stderr()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let log = second.stderr();
    assert!(
        log.contains("JetStream cannot set up carewire's streams yet; waiting"),
        "the new router never had to wait: the election was over before it started, and this \
         test tested nothing:\n{log}"
    );
    let waiting = readyz.await.expect("the /readyz poller");
    let waiting = waiting.unwrap_or_else(|| {
        panic!("/readyz never answered 503 with the set-up's reason while the new router waited")
    });
    assert!(
        waiting["setup_waiting"]
            .as_str()
            .is_some_and(|w| w.contains("cannot create or open")),
        "{waiting}"
    );
    let out = collector.settle().await.clone();
    let counts = out.counts();
    let wrong: Vec<String> = ids
        .iter()
        .filter_map(|id| {
            let c = counts.get(id).copied().unwrap_or_default();
            (c.audit != 1 || c.outbound + c.dlq != 1).then(|| format!("{id}: {c:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} requests without exactly one decision and one output: {wrong:?}",
        wrong.len()
    );
    eprintln!(
        "election: node {leader} killed with the router; the new router waited {} times (first: \
         {}); all {REQUESTS} finished {:.1}s after it started",
        log.matches("streams yet; waiting").count(),
        log.lines()
            .find(|l| l.contains("streams yet; waiting"))
            .unwrap_or_default(),
        restarted.elapsed().as_secs_f64()
    );
    drop(second);
    drop(nodes);
}

/// SMS to one patient recorded at once by several writers on a three-node
/// cluster all land. A clustered stream turns down a compare-and-set while
/// another write to the same key is in flight (JetStream error 10164, which
/// the NATS client reports as an unnamed failure, "failed getting entry");
/// that is a lost race to read again and retry, not a failure that sends
/// the message back for redelivery (before: requests whose SMS raced
/// another waited out redelivery backoffs of a minute and more).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sms_log_records_on_a_cluster_all_land() {
    const WRITERS: usize = 8;
    let nodes = start_cluster();
    let urls: Vec<String> = nodes.iter().map(|n| n.url.clone()).collect();
    let js = connect_cluster(&nodes).await;
    let mut spec = ConfigSpec::new(Some(urls.join(",")), clinical_plugins());
    spec.nats_replicas = 3;
    set_up_r3(&js, &spec).await;
    let store = js
        .get_key_value("carewire_sms_log")
        .await
        .expect("the SMS log bucket");
    let log = std::sync::Arc::new(carewire::channels::SmsLog::new(store.clone()));

    for round in 0..3 {
        let writes: Vec<_> = (0..WRITERS)
            .map(|w| {
                let log = log.clone();
                tokio::spawn(async move {
                    log.record(
                        "acme.p-3001",
                        &format!("race-{round}-{w}"),
                        1_000 + w as i64,
                    )
                    .await
                    .map_err(|e| e.to_string())
                })
            })
            .collect();
        for (w, write) in writes.into_iter().enumerate() {
            let result = write.await.expect("the writer ran");
            assert!(result.is_ok(), "round {round}, writer {w}: {result:?}");
        }
    }
    let entry = store
        .get("acme.p-3001")
        .await
        .expect("read the log")
        .expect("the patient's log");
    let entry: Value = serde_json::from_slice(&entry).expect("a JSON log");
    let ids = entry["ids"].as_array().expect("ids");
    assert_eq!(ids.len(), 3 * WRITERS, "every send recorded once: {entry}");
    drop(nodes);
}
