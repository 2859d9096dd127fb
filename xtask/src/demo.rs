//! The demo: a real nats-server, carewire routing the sample messages of
//! `examples/` through the four real plugins, and a table of what happened.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use async_nats::jetstream;
use futures::StreamExt;
use serde_json::Value;

use carewire::nats::Names;
use carewire::run::nats_server::{LocalNatsServer, find_binary, free_port};

use crate::build_carewire;

/// Kills carewire when the demo (or a benchmark) ends, however it ends.
pub struct Daemon(pub Child);

impl Daemon {
    /// Starts `carewire run --config <config>` against the NATS server at
    /// `nats_url`, with extra environment variables `envs`.
    pub fn start(
        carewire: &Path,
        config: &Path,
        nats_url: &str,
        envs: &[(&str, &str)],
    ) -> anyhow::Result<Self> {
        let child = Command::new(carewire)
            .args(["run", "--config"])
            .arg(config)
            .env("CAREWIRE__NATS__URL", nats_url)
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", carewire.display()))?;
        Ok(Self(child))
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let carewire = build_carewire(root, false)?;

    let store = tempfile::tempdir()?;
    let server = LocalNatsServer::start_with(
        &find_binary(None)?,
        free_port()?,
        store.path(),
        carewire::run::nats_server::Sync::Always,
    )?;
    eprintln!("demo: nats-server with JetStream on {}", server.url());

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(seed_kv(&server.url(), &root.join("examples/kv.json")))?;

    let log = std::env::var("CAREWIRE_LOG").unwrap_or_else(|_| "warn".into());
    let daemon = Daemon::start(
        &carewire,
        &root.join("examples/carewire.toml"),
        &server.url(),
        &[("CAREWIRE_LOG", &log)],
    )?;
    let rows = runtime.block_on(publish_and_collect(
        &server.url(),
        &root.join("examples/messages.jsonl"),
    ))?;
    drop(daemon);
    print_table(&rows);
    Ok(())
}

async fn seed_kv(url: &str, file: &Path) -> anyhow::Result<()> {
    let js = jetstream::new(async_nats::connect(url).await?);
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let Value::Object(buckets) = serde_json::from_str(&text)? else {
        bail!("{} must hold an object of buckets", file.display());
    };
    seed_buckets(&js, buckets).await
}

/// Creates each KV bucket of `buckets` (bucket -> key -> JSON value) and
/// puts its entries.
pub async fn seed_buckets(
    js: &jetstream::Context,
    buckets: serde_json::Map<String, Value>,
) -> anyhow::Result<()> {
    for (bucket, entries) in buckets {
        let store = js
            .create_key_value(jetstream::kv::Config {
                bucket: bucket.clone(),
                history: 5,
                ..Default::default()
            })
            .await?;
        for (key, value) in entries.as_object().into_iter().flatten() {
            store.put(key, value.to_string().into()).await?;
        }
    }
    Ok(())
}

/// One row of the table: what was published and what came of it.
struct Row {
    id: String,
    outcome: String,
    reasons: String,
    /// The delivery stage's first word on it (`accepted`, `deferred`...).
    delivery: String,
    sent: String,
}

/// Whether an outcome goes on to the delivery stage.
pub fn is_routed(outcome: &str) -> bool {
    matches!(outcome, "sms" | "portal" | "escalation")
}

/// Waits until carewire has created its inbound stream (it does on start),
/// so that what is published next is stored.
pub async fn wait_for_inbound_stream(js: &jetstream::Context, names: &Names) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(120);
    while js.get_stream(names.stream("inbound")).await.is_err() {
        if Instant::now() > deadline {
            bail!("carewire did not come up within 120 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

async fn publish_and_collect(url: &str, messages: &Path) -> anyhow::Result<Vec<Row>> {
    let client = async_nats::connect(url).await?;
    let names = Names::new("carewire");
    let mut audit = client.subscribe(names.all("audit")).await?;
    let mut dispatch = client.subscribe(names.all("dispatch")).await?;
    let mut delivery = client.subscribe(names.all("delivery")).await?;
    let js = jetstream::new(client.clone());
    wait_for_inbound_stream(&js, &names).await?;

    let text = std::fs::read_to_string(messages)?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut order = Vec::new();
    for line in &lines {
        let tenant = serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|v| v.get("tenant").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| "acme".into());
        let ack = js
            .publish(names.inbound(&tenant), line.as_bytes().to_vec().into())
            .await?
            .await?;
        order.push(ack.sequence);
    }
    eprintln!(
        "demo: published {} messages; waiting for their audit records",
        lines.len()
    );

    let mut by_sequence: HashMap<u64, Row> = HashMap::new();
    let mut bodies: HashMap<String, String> = HashMap::new();
    let mut deliveries: HashMap<String, String> = HashMap::new();
    let finished = |rows: &HashMap<u64, Row>, deliveries: &HashMap<String, String>| {
        rows.len() == lines.len()
            && rows
                .values()
                .all(|r| !is_routed(&r.outcome) || deliveries.contains_key(&r.id))
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while !finished(&by_sequence, &deliveries) {
        tokio::select! {
            Some(msg) = audit.next() => {
                let record: Value = serde_json::from_slice(&msg.payload)?;
                if record["schema"] != "carewire.audit/1" {
                    continue; // a delivery audit record: the events say the same
                }
                let seq = record["inbound_sequence"].as_u64().unwrap_or_default();
                let reasons: Vec<&str> = record["reasons"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                let reasons = match record["reason"].as_str() {
                    Some(r) if !reasons.contains(&r) => format!("{r} {}", reasons.join(" ")),
                    _ => reasons.join(" "),
                };
                by_sequence.insert(seq, Row {
                    id: record["id"].as_str().unwrap_or("(none)").to_string(),
                    outcome: record["outcome"].as_str().unwrap_or("?").to_string(),
                    reasons: reasons.trim().to_string(),
                    delivery: String::new(),
                    sent: String::new(),
                });
            }
            Some(msg) = dispatch.next() => {
                let d: Value = serde_json::from_slice(&msg.payload)?;
                if let (Some(id), Some(body)) = (d["message"]["id"].as_str(), d["message"]["body"].as_str()) {
                    bodies.entry(id.to_string()).or_insert_with(|| body.to_string());
                }
            }
            Some(msg) = delivery.next() => {
                let e: Value = serde_json::from_slice(&msg.payload)?;
                if let Some(id) = e["id"].as_str() {
                    deliveries.entry(id.to_string()).or_insert_with(|| describe(&e));
                }
            }
            () = tokio::time::sleep_until(deadline) => {
                bail!("only {} of {} messages had an outcome and a delivery after 60 s", by_sequence.len(), lines.len());
            }
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|seq| by_sequence.remove(&seq))
        .map(|mut row| {
            row.sent = bodies.remove(&row.id).unwrap_or_else(|| "-".into());
            row.delivery = deliveries.remove(&row.id).unwrap_or_else(|| "-".into());
            row
        })
        .collect())
}

/// A delivery event in a few words: `accepted (nats)`, `deferred to 12:00Z`.
fn describe(event: &Value) -> String {
    let status = event["status"].as_str().unwrap_or("?");
    match status {
        "deferred" => {
            let until = event["until_ms"]
                .as_i64()
                .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                .map(|t| t.strftime("%H:%MZ").to_string())
                .unwrap_or_default();
            format!("deferred to {until}")
        }
        _ => format!("{status} ({})", event["provider"].as_str().unwrap_or("-")),
    }
}

fn print_table(rows: &[Row]) {
    let clip = |s: &str, n: usize| {
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n - 1).collect::<String>())
        } else {
            s.to_string()
        }
    };
    println!();
    println!(
        "{:<22} {:<14} {:<40} {:<20} what was sent",
        "message", "outcome", "reasons", "delivery"
    );
    println!("{}", "-".repeat(150));
    for r in rows {
        println!(
            "{:<22} {:<14} {:<40} {:<20} {}",
            clip(&r.id, 22),
            r.outcome,
            clip(&r.reasons, 40),
            clip(&r.delivery, 20),
            clip(&r.sent.replace('\n', " "), 56)
        );
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in rows {
        match counts.iter_mut().find(|(o, _)| *o == r.outcome) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.outcome.clone(), 1)),
        }
    }
    let summary: Vec<String> = counts.iter().map(|(o, n)| format!("{o}: {n}")).collect();
    println!(
        "\n{} messages, each with exactly one outcome ({})",
        rows.len(),
        summary.join(", ")
    );
}
