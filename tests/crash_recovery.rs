//! A crash at any point yields exactly one outcome per message id: carewire
//! is SIGKILLed in the middle of a stream of requests, a new process takes
//! over the durable consumer, and every id ends with exactly one audit record
//! and exactly one outbound (or DLQ) message.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::*;

const MESSAGES: usize = 400;

/// A mix of every outcome, spread over a few patients.
fn request(n: usize) -> (String, serde_json::Value) {
    let id = format!("crash-{n:04}");
    let e = match n % 5 {
        0 | 1 => envelope(
            &id,
            "p-3001",
            Some("+15555550131"),
            "Your appointment is next Tuesday at the main clinic.",
        ),
        2 => envelope(
            &id,
            "p-3002",
            Some("+15555550132"),
            "Your care team has updated your care plan.",
        ),
        3 => envelope(
            &id,
            "p-3001",
            Some("+15555550131"),
            "Patient reports crushing chest pain since this morning.",
        ),
        _ => envelope(
            &id,
            "p-3003",
            Some("+15555550133"),
            "Please tell us about your recent visit.",
        ),
    };
    (id, e)
}

async fn audit_count(js: &async_nats::jetstream::Context) -> u64 {
    match js.get_stream("CAREWIRE_AUDIT").await {
        Ok(mut s) => s.info().await.expect("audit stream info").state.messages,
        Err(_) => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_stream_loses_and_duplicates_nothing() {
    let nats = Nats::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    // Requests in flight at the kill are redelivered after this.
    spec.ack_wait_secs = 2;
    let config = spec.write(dir.path());
    let (_client, js) = nats.connect().await;
    ensure_topology(&js, &spec).await;
    seed(
        &js,
        CONSENT_BUCKET,
        &[
            ("p-3001", consent_granted(true)),
            ("p-3003", json!({"sms": "granted", "do_not_contact": true})),
        ],
    )
    .await;
    seed(
        &js,
        CONTACTS_BUCKET,
        &[
            ("p-3001", verified_self("+15555550131")),
            ("p-3002", verified_self("+15555550132")),
        ],
    )
    .await;

    let mut ids = Vec::new();
    let mut acks = Vec::new();
    for n in 0..MESSAGES {
        let (id, e) = request(n);
        let ack = js
            .publish(
                "carewire.inbound.acme",
                serde_json::to_vec(&e).expect("encode").into(),
            )
            .await
            .expect("publish");
        acks.push(ack);
        ids.push(id);
    }
    for ack in acks {
        ack.await.expect("publish ack");
    }

    // The first process: killed once some, but not all, requests are audited.
    let mut first = Carewire::start(&config, dir.path(), "carewire-1.log", &[]);
    let started = Instant::now();
    let threshold = (MESSAGES / 10) as u64;
    loop {
        if audit_count(&js).await >= threshold {
            break;
        }
        assert!(
            first.is_running(),
            "carewire exited early:\n{}",
            first.stderr()
        );
        assert!(
            started.elapsed() < WAIT,
            "no {threshold} audit records after {WAIT:?}:\n{}",
            first.stderr()
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    first.sigkill();
    let at_kill = audit_count(&js).await;
    assert!(
        at_kill < MESSAGES as u64,
        "carewire finished all {MESSAGES} requests before the kill ({at_kill} audit records): the crash tested nothing"
    );

    // The second process takes over the same durable consumer.
    let second = Carewire::start(&config, dir.path(), "carewire-2.log", &[]);
    let mut collector = Collector::new(&js);
    collector.wait_finished(&ids).await;
    let out = collector.settle().await.clone();
    // The requests the first process had pulled but not acked were delivered again.
    let consumer = consumer_info(&js).await;
    assert!(
        consumer.delivered.consumer_sequence > MESSAGES as u64,
        "no request was redelivered after the kill: {consumer:?}"
    );

    let counts = out.counts();
    let mut wrong = Vec::new();
    for id in &ids {
        let c = counts.get(id).copied().unwrap_or_default();
        if c.audit != 1 || c.outbound + c.dlq != 1 {
            wrong.push(format!("{id}: {c:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} ids without exactly one outcome: {wrong:#?}",
        wrong.len()
    );
    assert_eq!(out.audit.len(), MESSAGES, "{}", out.summary());
    assert_eq!(
        out.outbound.len() + out.dlq.len(),
        MESSAGES,
        "{}",
        out.summary()
    );

    // Each id's outcome is the one its content calls for, and agrees with its output.
    for (n, id) in ids.iter().enumerate() {
        let audit = out.audit(id);
        let expected = match n % 5 {
            0 | 1 => "sms",
            2 => "portal",
            3 => "escalation",
            _ => "undeliverable",
        };
        assert_eq!(audit["outcome"], expected, "{audit:#}");
        if expected == "undeliverable" {
            assert_eq!(out.dlq_for(id)[0].subject, "carewire.dlq.undeliverable");
        } else {
            out.sent(id, expected);
        }
    }
    eprintln!(
        "killed after {at_kill} of {MESSAGES} audit records; {} deliveries in all; the second process finished the rest ({})",
        consumer.delivered.consumer_sequence,
        out.summary()
    );
    drop(second);
}
