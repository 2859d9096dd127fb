//! JetStream's limits, attacked: a server whose storage is full, a request
//! that can never be stored, streams made by an older carewire without
//! limits, limits the server cannot reserve, and a deferral longer than the
//! dispatch stream keeps its messages. Real nats-server, real plugins.

mod support;

use std::time::{Duration, Instant};

use async_nats::jetstream::{self, stream};
use carewire::run::nats_server::free_port;
use serde_json::{Value, json};
use support::*;

const MIB: u64 = 1 << 20;

fn with_http(mut spec: ConfigSpec, port: u16) -> ConfigSpec {
    spec.extra_toml.push_str(&format!(
        "\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n"
    ));
    spec
}

/// `/readyz`: (status, body as JSON); (0, Null) while nothing answers.
async fn readyz(port: u16) -> (u16, Value) {
    let url = format!("http://127.0.0.1:{port}/readyz");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .no_proxy()
        .build()
        .expect("an HTTP client");
    match http.get(&url).send().await {
        Ok(r) => {
            let status = r.status().as_u16();
            (status, r.json().await.unwrap_or(Value::Null))
        }
        Err(_) => (0, Value::Null),
    }
}

/// Waits until `/readyz` answers something `done` accepts.
async fn wait_readyz(port: u16, what: &str, done: impl Fn(u16, &Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        let (status, body) = readyz(port).await;
        if done(status, &body) {
            return body;
        }
        assert!(
            started.elapsed() < WAIT,
            "/readyz never showed {what} in {WAIT:?}; last: {status} {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn sms_request(id: &str) -> Value {
    envelope(
        id,
        "p-3001",
        Some("+15555550131"),
        "Your appointment is next Tuesday at the main clinic.",
    )
}

async fn seed_patients(js: &jetstream::Context) {
    seed(js, CONSENT_BUCKET, &[("p-3001", consent_granted(true))]).await;
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

/// The server's storage fills up (another stream takes it all) while
/// requests wait. carewire must say so on `/readyz` (503, the reason), stop
/// spending the requests' deliveries, and route every one of them, once,
/// when there is room again. Before: `/readyz` stayed 200 and every request
/// was redelivered every second.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_stops_the_intake_and_readyz_says_why_until_there_is_room() {
    // carewire's 13 streams and buckets reserve 1 MiB each of the 24 MiB.
    let nats = Nats::start_with_config("jetstream {\n  max_file_store: 24MB\n}\n");
    let (_client, js) = nats.connect().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port().expect("a free port");
    let mut spec = with_http(ConfigSpec::new(Some(nats.url()), clinical_plugins()), port);
    spec.max_bytes = Some(MIB);
    let config = spec.write(dir.path());
    ensure_topology(&js, &spec).await;
    seed_patients(&js).await;

    let ids: Vec<String> = (0..20).map(|n| format!("full-{n:02}")).collect();
    for id in &ids {
        publish_json(&js, "acme", &sms_request(id)).await;
    }

    // Someone else's stream takes the rest of the server's storage.
    js.create_stream(stream::Config {
        name: "FILLER".into(),
        subjects: vec!["filler.>".into()],
        ..Default::default()
    })
    .await
    .expect("create FILLER");
    let chunk = bytes::Bytes::from(vec![b'x'; 256 * 1024]);
    let mut refused = None;
    for _ in 0..200 {
        let stored = async { js.publish("filler.x", chunk.clone()).await?.await }.await;
        if let Err(e) = stored {
            refused = Some(e.to_string());
            break;
        }
    }
    let refused = refused.expect("the server never refused a write: its storage is not full");
    assert!(refused.contains("insufficient resources"), "{refused}");

    let mut carewire = Carewire::start(&config, dir.path(), "carewire.log", &[]);
    let body = wait_readyz(port, "writes refused", |status, body| {
        status == 503 && body["writes_refused"].is_string()
    })
    .await;
    assert_eq!(body["writes_refused"], "insufficient_resources", "{body}");
    assert_eq!(body["consumers_bound"], true, "{body}");

    // While nothing can be stored, nothing is pulled: the requests keep
    // their deliveries (before: one more each second).
    tokio::time::sleep(Duration::from_secs(8)).await;
    carewire.assert_running();
    let info = consumer_info(&js).await;
    assert!(
        info.delivered.consumer_sequence <= 2 * ids.len() as u64,
        "{} deliveries of {} requests while JetStream refused every write",
        info.delivered.consumer_sequence,
        ids.len()
    );
    let (status, _) = readyz(port).await;
    assert_eq!(status, 503, "/readyz turned 200 while writes are refused");

    // Room again: carewire notices by itself and routes everything once.
    js.delete_stream("FILLER").await.expect("delete FILLER");
    wait_readyz(port, "ready again", |status, body| {
        status == 200 && body["writes_refused"].is_null()
    })
    .await;
    let mut collector = Collector::new(&js);
    collector.wait_finished(&ids).await;
    let out = collector.settle().await.clone();
    let counts = out.counts();
    for id in &ids {
        let c = counts.get(id).copied().unwrap_or_default();
        assert_eq!((c.audit, c.outbound + c.dlq), (1, 1), "{id}: {c:?}");
        assert_eq!(out.audit(id)["outcome"], "sms");
    }
    assert!(
        !carewire.stderr().contains("dlq.max_deliveries"),
        "{}",
        carewire.stderr()
    );
    let log = carewire.stderr();
    assert!(log.contains("JetStream refuses carewire's writes"), "{log}");
    assert!(log.contains("accepts carewire's writes again"), "{log}");
}

/// A request that fails on every delivery (its first decision, stored
/// earlier, cannot be read: a damaged record) is tried `intake.max_deliver`
/// times, with growing pauses, then stored in `carewire.dlq.max_deliveries`
/// with its reason and an audit record; other requests flow. Before: it was
/// redelivered every second, forever. (A decision too large to store is not
/// such a poison: it is undeliverable at once, see `tests/containment.rs`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poison_request_goes_to_the_dlq_after_its_deliveries() {
    let nats = Nats::start();
    let (_client, js) = nats.connect().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.max_deliver = Some(3);
    let config = spec.write(dir.path());
    ensure_topology(&js, &spec).await;
    seed_patients(&js).await;
    bucket(&js, "carewire_decisions")
        .await
        .put(
            carewire::nats::hashed_key(&format!("{TENANT}.poison-1")),
            "{not a decision".into(),
        )
        .await
        .expect("damage the decision");
    let _carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);

    let poison = envelope(
        "poison-1",
        "p-3001",
        Some("+15555550131"),
        "Please remember to bring your medication list to the visit.",
    );
    publish_json(&js, "acme", &poison).await;
    publish_json(&js, "acme", &sms_request("fine-1")).await;

    let mut collector = Collector::new(&js);
    let ids = ["poison-1".to_string(), "fine-1".to_string()];
    collector.wait_finished(&ids).await;
    let out = collector.settle().await.clone();

    let dead = out.dlq_for("poison-1");
    assert_eq!(dead.len(), 1, "{dead:#?}");
    let dead = dead[0];
    assert_eq!(dead.subject, "carewire.dlq.max_deliveries");
    assert_eq!(
        dead.header("Carewire-Reason").as_deref(),
        Some("max_deliveries")
    );
    assert_eq!(
        dead.header("Carewire-Last-Failure").as_deref(),
        Some("decision_not_stored")
    );
    assert_eq!(dead.header("Carewire-Deliveries").as_deref(), Some("3"));
    assert_eq!(
        dead.header("Carewire-Stream").as_deref(),
        Some("CAREWIRE_INBOUND")
    );
    assert_eq!(
        dead.payload.len(),
        serde_json::to_vec(&poison).expect("encode").len()
    );
    let audit = out.audit("poison-1");
    assert_eq!(audit["outcome"], "undeliverable", "{audit:#}");
    assert_eq!(audit["reason"], "max_deliveries", "{audit:#}");
    assert_eq!(out.audit("fine-1")["outcome"], "sms");
    out.sent("fine-1", "sms");

    // It is not tried again: three deliveries of the poison, one of the other.
    let info = consumer_info(&js).await;
    assert_eq!(
        info.config.max_deliver,
        3 + carewire::nats::DEAD_LETTER_DELIVERIES,
        "{info:?}"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let info = consumer_info(&js).await;
    assert_eq!(info.delivered.consumer_sequence, 4, "{info:?}");
}

/// Streams, buckets and a consumer made by a carewire without limits (no
/// max age or size, old messages dropped when full, no `max_deliver`) get
/// the configured limits at the next start, and keep what they hold.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn existing_streams_get_the_limits_and_keep_their_messages() {
    let nats = Nats::start();
    let (_client, js) = nats.connect().await;
    for kind in [
        "inbound", "dispatch", "outbound", "delivery", "audit", "dlq", "replies",
    ] {
        js.create_stream(stream::Config {
            name: format!("CAREWIRE_{}", kind.to_uppercase()),
            subjects: vec![format!("carewire.{kind}.>")],
            retention: if kind == "dispatch" {
                stream::RetentionPolicy::WorkQueue
            } else {
                stream::RetentionPolicy::Limits
            },
            duplicate_window: Duration::from_secs(600),
            ..Default::default()
        })
        .await
        .expect("create an old stream");
    }
    seed(&js, CONSENT_BUCKET, &[("p-1", consent_granted(true))]).await;
    for n in 0..5 {
        js.publish("carewire.audit.acme", format!("{{\"n\":{n}}}").into())
            .await
            .expect("publish")
            .await
            .expect("stored");
    }
    let inbound = js.get_stream("CAREWIRE_INBOUND").await.expect("inbound");
    inbound
        .create_consumer(jetstream::consumer::pull::Config {
            durable_name: Some(CONSUMER.into()),
            filter_subject: "carewire.inbound.>".into(),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            ..Default::default()
        })
        .await
        .expect("an old consumer");

    ensure_topology(&js, &ConfigSpec::new(None, Vec::new())).await;

    // The test configs' max_bytes (16 MiB), carewire's default ages.
    let day = 24 * 3600;
    for (stream, days) in [
        ("CAREWIRE_INBOUND", 7),
        ("CAREWIRE_DISPATCH", 30),
        ("CAREWIRE_OUTBOUND", 7),
        ("CAREWIRE_AUDIT", 365),
        ("CAREWIRE_DLQ", 30),
        ("KV_carewire_consent", 0),
        ("KV_carewire_decisions", 0),
    ] {
        let info = js
            .get_stream(stream)
            .await
            .expect("stream")
            .get_info()
            .await
            .expect("info");
        let c = &info.config;
        assert_eq!(c.max_bytes, 16 << 20, "{stream}: {c:?}");
        if stream != "KV_carewire_decisions" {
            assert_eq!(c.max_age.as_secs(), days * day, "{stream}: {c:?}");
        } else {
            assert_eq!(c.max_age, Duration::from_secs(600), "{stream}: {c:?}");
        }
        assert_eq!(c.discard, stream::DiscardPolicy::New, "{stream}: {c:?}");
    }
    let audit = stream_messages(&js, "CAREWIRE_AUDIT").await;
    assert_eq!(audit.len(), 5, "the update lost messages");
    let consent = bucket(&js, CONSENT_BUCKET).await;
    assert!(
        kv_json(&consent, &patient_key("p-1")).await.is_some(),
        "the update lost a KV entry"
    );
    let info = consumer_info(&js).await;
    assert_eq!(
        info.config.max_deliver,
        20 + carewire::nats::DEAD_LETTER_DELIVERIES
    );
}

/// Limits the server cannot reserve (13 times 16 MiB on a server with 64 MB
/// of JetStream storage) stop `carewire run` with an error that names the
/// keys to change, instead of running without limits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_the_server_cannot_reserve_stop_carewire_naming_the_keys() {
    let nats = Nats::start_with_config("jetstream {\n  max_file_store: 64MB\n}\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let config = ConfigSpec::new(Some(nats.url()), clinical_plugins()).write(dir.path());
    let mut carewire = Carewire::start(&config, dir.path(), "carewire.log", &[]);
    let status = carewire.wait_exit(Duration::from_secs(60));
    let log = carewire.stderr();
    assert!(!status.success(), "{log}");
    assert!(log.contains("insufficient storage resources"), "{log}");
    assert!(log.contains("nats.streams.<stream>.max_bytes"), "{log}");
    assert!(log.contains("max_file_store"), "{log}");
}

/// A portal message to be sent in 60 days cannot wait in the dispatch
/// stream, which keeps messages 30 days: it is cancelled to the DLQ with
/// its reason, instead of vanishing when the stream deletes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferral_longer_than_the_dispatch_stream_keeps_is_cancelled() {
    let nats = Nats::start();
    let (_client, js) = nats.connect().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    let config = spec.write(dir.path());
    ensure_topology(&js, &spec).await;
    seed_patients(&js).await;
    let _carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);

    let in_60_days = (time::OffsetDateTime::now_utc() + time::Duration::days(60))
        .replace_nanosecond(0)
        .expect("valid")
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format");
    let mut late = envelope(
        "late-1",
        "p-3002",
        Some("+15555550132"),
        "Your care team has updated your care plan.",
    );
    late["not_before"] = json!(in_60_days);
    publish_json(&js, "acme", &late).await;

    let mut collector = Collector::new(&js);
    collector.wait_finished(&["late-1".to_string()]).await;
    let out = collector.settle().await.clone();
    assert_eq!(out.audit("late-1")["outcome"], "portal");
    let dead = out.dlq_for("late-1");
    assert_eq!(dead.len(), 1, "{dead:#?}");
    assert_eq!(dead[0].subject, "carewire.dlq.delivery_failed");
    assert_eq!(
        dead[0].header("Carewire-Reason").as_deref(),
        Some("not_before_beyond_retention")
    );
    assert_eq!(out.statuses("late-1", "portal"), ["cancelled"]);
}

/// The message path's NATS failures are typed and keep the NATS client's
/// own kinds, so a stage maps them to acks by kind: a record no stream
/// takes, a stored decision that is not one, a KV bucket with no room. None
/// of them repeats the patient data it was handling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_failures_keep_the_nats_clients_error_kinds_without_phi() {
    use async_nats::jetstream::context::PublishErrorKind;
    use async_nats::jetstream::kv;
    use carewire::channels::SmsLog;
    use carewire::dispatch::Decisions;
    use carewire::nats::{KvFailure, StoreError, hashed_key, publish_json};
    use carewire::telemetry::trace::{Kind, TraceContext};

    let nats = Nats::start();
    let (_client, js) = nats.connect().await;
    let trace = TraceContext::start(None, "test".into(), Kind::Internal, vec![]);
    let phi = "Maria Lopez, DOB 1950-01-02, SSN 123-45-6789";

    // No stream listens on the subject: JetStream has no responder.
    let error = publish_json(
        &js,
        "nowhere.audit".into(),
        "m-1:audit",
        &trace,
        "audit",
        &json!({ "body": phi }),
    )
    .await
    .expect_err("no stream stores this subject");
    assert!(
        matches!(error, StoreError::Publish { what: "audit", .. }),
        "{error}"
    );
    assert_eq!(error.publish_kind(), Some(PublishErrorKind::StreamNotFound));
    assert!(!error.to_string().contains("Maria"), "{error}");

    // A decision record that is not one: unreadable, by its JSON category only.
    let store = bucket(&js, "carewire_decisions").await;
    store
        .put(
            hashed_key("acme.m-2"),
            format!("{{\"outcome\": {phi}").into(),
        )
        .await
        .expect("put");
    let decisions = Decisions::new(store, 1 << 20);
    let error = decisions.first("acme.m-2").await.expect_err("unreadable");
    assert_eq!(
        error.failure,
        KvFailure::Unreadable(serde_json::error::Category::Syntax)
    );
    assert_eq!(error.bucket, "carewire_decisions");
    assert!(!error.to_string().contains("Maria"), "{error}");

    // A KV bucket with no room left: the SMS log's write is refused, with
    // the server's code for the refusal (the client has no name for it).
    let small = js
        .create_key_value(kv::Config {
            bucket: "carewire_sms_log".into(),
            max_bytes: 2048,
            ..Default::default()
        })
        .await
        .expect("bucket");
    let log = SmsLog::new(small);
    let mut refused = None;
    for n in 0..200 {
        if let Err(e) = log
            .record(&format!("acme.p-{n}"), &format!("m-{n}"), 1)
            .await
        {
            refused = Some(e);
            break;
        }
    }
    let refused = refused.expect("a 2 KiB bucket fills up");
    assert_eq!(
        refused.0.failure,
        KvFailure::Api {
            op: "create",
            code: 10077
        },
        "{refused}"
    );
    assert!(refused.to_string().contains("10077"), "{refused}");
    assert!(!refused.to_string().contains("p-"), "{refused}");
    assert_eq!(refused.0.bucket, "carewire_sms_log");
}
