//! `carewire shadow`: a candidate chain on live traffic with no side
//! effects. Production (`carewire run`) routes two messages; then a shadow
//! with one change (the consent plugin's `max_length` lowered to 120) reads
//! the same inbound stream from the start through its own consumer. It
//! publishes exactly one difference record, for the long message, on its
//! own subject; and every stream and every other consumer on the server is
//! as production left it, and nothing was published outside the shadow's
//! subject, its own consumer's acks and JetStream's API.

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures::StreamExt;
use serde_json::{Value, json};
use support::*;

const LONG: &str = "Your appointment with the cardiology team is on Monday at 9:30 in the morning; \
     please bring your medication list and arrive fifteen minutes early to check in.";
const SHORT: &str = "Your appointment is confirmed for Monday.";

/// Every stream's message count and last sequence, and every consumer's
/// delivered and acknowledged positions, by name.
async fn server_state(js: &jetstream::Context) -> BTreeMap<String, Value> {
    let mut state = BTreeMap::new();
    let names: Vec<String> = js
        .stream_names()
        .map(|n| n.expect("stream name"))
        .collect()
        .await;
    for name in names {
        let mut stream = js.get_stream(&name).await.expect("stream");
        let info = stream.info().await.expect("stream info").clone();
        state.insert(
            format!("stream {name}"),
            json!({"messages": info.state.messages, "last": info.state.last_sequence}),
        );
        let consumers: Vec<String> = stream
            .consumer_names()
            .map(|n| n.expect("consumer name"))
            .collect()
            .await;
        for consumer in consumers {
            let c = stream
                .consumer_info(&consumer)
                .await
                .expect("consumer info");
            state.insert(
                format!("consumer {name}/{consumer}"),
                json!({"delivered": c.delivered.stream_sequence,
                       "ack_floor": c.ack_floor.stream_sequence,
                       "pending": c.num_pending, "ack_pending": c.num_ack_pending}),
            );
        }
    }
    state
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shadow_reports_a_candidates_changes_and_publishes_nothing_else() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let (client, js) = nats.connect().await;
    seed(
        &js,
        CONSENT_BUCKET,
        &[
            ("p-7001", consent_granted(true)),
            ("p-7002", consent_granted(true)),
        ],
    )
    .await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[
            ("p-7001", verified_self("+15555550701")),
            ("p-7002", verified_self("+15555550702")),
        ],
    )
    .await;

    let production_dir = dir.path().join("production");
    std::fs::create_dir_all(&production_dir).expect("dir");
    let production = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    let production_config = production.write(&production_dir);
    let mut router = Carewire::start_ready(&production_config, dir.path(), "run.log", &[]);
    publish_json(
        &js,
        TENANT,
        &envelope("shadow-long", "p-7001", Some("+15555550701"), LONG),
    )
    .await;
    publish_json(
        &js,
        TENANT,
        &envelope("shadow-short", "p-7002", Some("+15555550702"), SHORT),
    )
    .await;
    let ids = ["shadow-long".to_string(), "shadow-short".to_string()];
    let mut collector = Collector::new(&js);
    collector.wait_finished(&ids).await;
    let out = collector.settle().await;
    out.sent("shadow-long", "sms");
    out.sent("shadow-short", "sms");
    wait_consumer_idle(&js).await;
    let exit = router.sigterm(Duration::from_secs(20));
    assert!(exit.success(), "{}", router.stderr());
    let before = server_state(&js).await;

    // Everything published while the shadow runs.
    let mut everything = client.subscribe(">").await.expect("subscribe >");
    let mut records = client
        .subscribe("carewire.shadow.>")
        .await
        .expect("subscribe");
    client.flush().await.expect("flush");

    let candidate_dir = dir.path().join("candidate");
    std::fs::create_dir_all(&candidate_dir).expect("dir");
    let mut candidate = production.clone();
    for plugin in &mut candidate.plugins {
        if plugin.name == "consent" {
            plugin.config["max_length"] = json!(120);
        }
    }
    let candidate_config = candidate.write(&candidate_dir);
    let mut shadow = Carewire::start_command(
        &[
            "shadow",
            "--config",
            candidate_config.to_str().expect("utf-8"),
            "--from-start",
        ],
        dir.path(),
        "shadow.log",
    );

    let record = tokio::time::timeout(WAIT, records.next())
        .await
        .unwrap_or_else(|_| panic!("no difference record after {WAIT:?}:\n{}", shadow.stderr()))
        .expect("a record");
    assert_eq!(record.subject.as_str(), "carewire.shadow.acme");
    let record: Value = serde_json::from_slice(&record.payload).expect("JSON record");
    assert_eq!(record["schema"], "carewire.shadow_diff/1", "{record:#}");
    let errors = record_errors("carewire.shadow_diff/1", &record);
    assert!(
        errors.is_empty(),
        "docs/shadow-diff.schema.json: {errors:#?}"
    );
    assert_eq!(record["id"], "shadow-long", "{record:#}");
    assert_eq!(record["tenant"], TENANT, "{record:#}");
    let changes = record["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2, "{record:#}");
    assert_eq!(
        changes[0],
        json!({"field": "outcome", "current": "sms", "candidate": "portal"})
    );
    assert_eq!(changes[1]["field"], "reasons");
    assert!(
        changes[1]["candidate"]
            .as_array()
            .is_some_and(|r| r.contains(&json!("tcpa_too_long"))),
        "{record:#}"
    );

    // Both messages compared (the short one the same), then nothing more.
    let started = Instant::now();
    loop {
        let stream = js.get_stream("CAREWIRE_INBOUND").await.expect("inbound");
        if let Ok(c) = stream.consumer_info("carewire-shadow").await
            && c.num_pending == 0
            && c.num_ack_pending == 0
            && c.ack_floor.stream_sequence >= 2
        {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "the shadow did not finish:\n{}",
            shadow.stderr()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        tokio::time::timeout(Duration::from_millis(500), records.next())
            .await
            .is_err(),
        "a second difference record: the short message decided the same"
    );
    let exit = shadow.sigterm(Duration::from_secs(20));
    assert!(exit.success(), "{}", shadow.stderr());

    // Every stream and every production consumer as production left them;
    // only the shadow's own consumer is new.
    let mut after = server_state(&js).await;
    let own = after
        .remove("consumer CAREWIRE_INBOUND/carewire-shadow")
        .expect("the shadow's consumer");
    assert_eq!(own["ack_floor"], json!(2), "{own}");
    assert_eq!(after, before);

    // And on the wire: the records, JetStream API requests, their replies
    // and the server's advisories, and acks of the shadow's own consumer; no
    // other carewire subject, no KV write, no ack for another consumer.
    client.flush().await.expect("flush");
    let mut seen = Vec::new();
    while let Ok(Some(msg)) =
        tokio::time::timeout(Duration::from_millis(200), everything.next()).await
    {
        let reply = msg
            .reply
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        seen.push((msg.subject.to_string(), reply));
    }
    assert!(
        seen.iter().any(|(s, _)| s == "carewire.shadow.acme"),
        "{seen:#?}"
    );
    let own_ack = "$JS.ACK.CAREWIRE_INBOUND.carewire-shadow.";
    for (subject, reply) in &seen {
        // JetStream delivering a stored request to the shadow's consumer.
        let delivered = subject.starts_with("carewire.inbound.") && reply.starts_with(own_ack);
        let allowed = delivered
            || subject.starts_with("carewire.shadow.")
            || subject.starts_with("_INBOX")
            || subject.starts_with("$JS.API.")
            || subject.starts_with("$JS.EVENT.ADVISORY.")
            || subject.starts_with("$JS.FC.")
            || subject.starts_with(own_ack);
        assert!(allowed, "the shadow published to {subject}: {seen:#?}");
    }
}
