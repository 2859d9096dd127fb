//! `cargo xtask bench-run`: end-to-end throughput and latency of `carewire
//! run` (release build) on a real nats-server: intake, the four plugins of
//! examples/carewire.toml with their KV reads, the first-decision record, the
//! dispatch, the delivery stage (NATS targets) and the audit records.
//!
//! Every message goes to its own patient (seeded in `carewire_consent` and
//! `carewire_contacts`), so TCPA's one-a-day limit does not turn the SMS
//! share into portal messages. Quiet hours are switched off, so an SMS is
//! delivered rather than held whatever the time of day. `--nats-sync`
//! chooses whether nats-server flushes each write to disk before it
//! acknowledges it (`always`, as deploy/ runs it) or every two minutes.
//!
//! `--baseline` first runs the same messages, on the same nats-server,
//! through the contract null router ([`null_router`]: the records the
//! contract stores, no plugins, no KV) and prints carewire's throughput as a
//! share of it.

mod null_router;

use std::collections::HashMap;
use std::future::IntoFuture as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::bail;
use async_nats::jetstream;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use carewire::nats::Names;
use carewire::run::nats_server::{LocalNatsServer, Sync, find_binary, free_port};

use crate::bench::{Patient, envelope};
use crate::build_carewire;
use crate::demo::{Daemon, is_routed, seed_buckets, wait_for_inbound_stream};

/// Publishes awaiting their acks at once.
const PUBLISH_WINDOW: usize = 512;
/// Messages of the warm-up run (compiles nothing: fills caches and pools).
const WARM_UP: usize = 500;

/// When the benchmark's nats-server flushes JetStream writes to disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NatsSync {
    /// `sync_interval: always`: before acknowledging each write.
    Always,
    /// nats-server's default: every two minutes.
    Default,
}

/// `rate`: messages per second to publish at; `None`, all at once.
pub fn run(
    root: &Path,
    messages: usize,
    runs: usize,
    rate: Option<f64>,
    nats_sync: NatsSync,
    baseline: bool,
    binary: Option<PathBuf>,
) -> anyhow::Result<()> {
    let carewire = match binary {
        Some(binary) => binary,
        None => build_carewire(root, true)?,
    };
    let config = root.join("examples/carewire.toml");

    // In the target directory, on the disk the project is on, rather than
    // in a tmpfs /tmp: fsync must reach a disk to measure anything.
    let bench_dir = root.join("target/bench");
    std::fs::create_dir_all(&bench_dir)?;
    let store = tempfile::tempdir_in(&bench_dir)?;
    let sync = match nats_sync {
        NatsSync::Always => Sync::Always,
        NatsSync::Default => Sync::ServerDefault,
    };
    let server =
        LocalNatsServer::start_with(&find_binary(None)?, free_port()?, store.path(), sync)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let batches: Vec<(String, usize)> = std::iter::once(("warm".to_string(), WARM_UP))
        .chain((1..=runs).map(|n| (format!("r{n}"), messages)))
        .collect();
    eprintln!(
        "bench-run: seeding {} patients",
        batches.iter().map(|(_, n)| n).sum::<usize>()
    );
    runtime.block_on(seed_patients(&server.url(), &batches))?;

    let null_rate = if baseline {
        let null = runtime.spawn(null_router::run(server.url(), config.clone()));
        let names = Names::new(null_router::PREFIX);
        let mut rates = Vec::new();
        for (run, n) in &batches {
            let result = runtime.block_on(one_run(&server.url(), &names, run, *n, rate))?;
            if run != "warm" {
                eprintln!("null router {run}: {}", result.line());
                rates.push(result.rate);
            }
        }
        null.abort();
        rates.sort_by(f64::total_cmp);
        Some(rates[rates.len() / 2])
    } else {
        None
    };

    let spawned = Instant::now();
    let daemon = Daemon::start(
        &carewire,
        &config,
        &server.url(),
        &[
            ("CAREWIRE__CHANNELS__SMS__QUIET_HOURS__ENABLED", "false"),
            ("CAREWIRE_LOG", "warn"),
        ],
    )?;
    let pid = daemon.0.id();

    let ticks = clock_ticks_per_sec();
    let mut results = Vec::new();
    let mut start_to_routing = None;
    let names = Names::new("carewire");
    for (run, n) in &batches {
        let cpu_before = [cpu_secs(pid, ticks), cpu_secs(server.pid(), ticks)];
        let mut result = runtime.block_on(one_run(&server.url(), &names, run, *n, rate))?;
        start_to_routing = start_to_routing.or(result.first_audit.map(|at| at - spawned));
        let cpu_after = [cpu_secs(pid, ticks), cpu_secs(server.pid(), ticks)];
        result.cpu_us = [0, 1].map(|i| {
            Some((cpu_after[i]? - cpu_before[i]?) * 1e6 / *n as f64).filter(|us| *us >= 0.0)
        });
        if run != "warm" {
            eprintln!("{run}: {}", result.line());
            results.push(result);
        }
    }
    let peak_rss_mib = peak_rss_mib(pid);
    drop(daemon);

    // The median run: by throughput for a burst; at a fixed rate (where every
    // run's throughput is that rate), by median latency.
    results.sort_by(|a, b| a.rate.total_cmp(&b.rate));
    let (slowest, fastest) = (results[0].rate, results[results.len() - 1].rate);
    if rate.is_some() {
        results.sort_by(|a, b| a.latency.p50.total_cmp(&b.latency.p50));
    }
    let median = &results[results.len() / 2];
    let offered = rate.map_or("all at once".into(), |r| format!("published at {r} msg/s"));
    let synced = match nats_sync {
        NatsSync::Always => "nats-server sync_interval: always",
        NatsSync::Default => "nats-server sync_interval: default (2 min)",
    };
    println!(
        "carewire run, {messages} messages a run ({offered}; {synced}), {runs} runs: median {:.0} msg/s (min {:.0}, max {:.0})",
        median.rate, slowest, fastest
    );
    println!(
        "median run's latency, publish to first delivery event (or audit record when not routed): {}",
        median.latency
    );
    println!("median run's plugin time (duration_us in the audit records):");
    for (name, summary) in &median.plugins {
        println!("  {name:<18} {summary}");
    }
    println!("median run's outcomes: {}", median.outcomes);
    let cpu = |us: Option<f64>| us.map_or("not readable".into(), |us| format!("{us:.0} µs"));
    println!(
        "median run's CPU time per message: carewire {}, nats-server {}",
        cpu(median.cpu_us[0]),
        cpu(median.cpu_us[1])
    );
    match peak_rss_mib {
        Some(mib) => println!("carewire peak resident memory: {mib:.0} MiB"),
        None => println!("carewire peak resident memory: not readable from /proc"),
    }
    if let Some(at) = start_to_routing {
        println!(
            "carewire start to routing (spawn to the first audit record, compile cache warm after setup): {:.0} ms",
            at.as_secs_f64() * 1000.0
        );
    }
    if let Some(null) = null_rate {
        println!(
            "contract null router (same server, same messages): median {null:.0} msg/s; carewire {:.0} msg/s = {:.2} of it",
            median.rate,
            median.rate / null
        );
    }
    Ok(())
}

/// What one run measured.
struct RunResult {
    rate: f64,
    secs: f64,
    messages: usize,
    latency: Summary,
    plugins: Vec<(String, Summary)>,
    outcomes: String,
    /// CPU time per message of carewire and of nats-server.
    cpu_us: [Option<f64>; 2],
    /// When the first audit record arrived.
    first_audit: Option<Instant>,
}

impl RunResult {
    fn line(&self) -> String {
        format!(
            "{} messages in {:.2} s = {:.0} msg/s; latency {}",
            self.messages, self.secs, self.rate, self.latency
        )
    }
}

/// Percentiles of a set of durations, in milliseconds or microseconds.
struct Summary {
    unit: &'static str,
    mean: f64,
    p50: f64,
    p99: f64,
    max: f64,
}

impl Summary {
    fn of(mut values: Vec<f64>, unit: &'static str) -> Self {
        values.sort_by(f64::total_cmp);
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        Summary {
            unit,
            mean: values.iter().sum::<f64>() / values.len() as f64,
            p50: at(0.5),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let u = self.unit;
        write!(
            f,
            "mean {:.1} {u}, p50 {:.1} {u}, p99 {:.1} {u}, max {:.1} {u}",
            self.mean, self.p50, self.p99, self.max
        )
    }
}

/// The patients of one run: their own ids, so no TCPA count carries over.
/// Each with whether they agreed in writing to PHI by SMS.
fn patients(run: &str, n: usize) -> impl Iterator<Item = (Patient, bool)> + '_ {
    const NAMES: [&str; 6] = [
        "Maria Lopez",
        "James Okafor",
        "Ann Becker",
        "Tom Reyes",
        "Grace Kim",
        "Luis Ortega",
    ];
    (0..n).map(move |i| {
        let patient = Patient {
            id: format!("pb-{run}-{i}"),
            name: NAMES[i % NAMES.len()].to_string(),
            phone: format!("+1555555{:04}", 1000 + i % 9000),
        };
        (patient, i % 3 == 0)
    })
}

/// The tenant the runs publish to.
const TENANT: &str = "acme";

async fn seed_patients(url: &str, batches: &[(String, usize)]) -> anyhow::Result<()> {
    let mut consent = serde_json::Map::new();
    let mut contacts = serde_json::Map::new();
    for (run, n) in batches {
        for (p, written_phi_consent) in patients(run, *n) {
            // A third of them agreed in writing to PHI by SMS; the others get
            // the neutral notice by SMS.
            // Stored within the tenant the run publishes to.
            let key = format!("{TENANT}.{}", p.id);
            consent.insert(
                key.clone(),
                json!({"sms": "granted", "phi_over_sms": written_phi_consent,
                       "obtained_at": "2026-01-10T09:00:00Z", "method": "written_form"}),
            );
            contacts.insert(
                key,
                json!({"contacts": [{"phone": p.phone, "method": "sms_code",
                        "verified_at": "2026-09-01T10:00:00Z", "relationship": "self"}]}),
            );
        }
    }
    let js = jetstream::new(async_nats::connect(url).await?);
    let names = Names::new("carewire");
    let buckets = serde_json::Map::from_iter([
        (names.consent_bucket(), Value::Object(consent)),
        (names.contacts_bucket(), Value::Object(contacts)),
    ]);
    seed_buckets(&js, buckets).await
}

/// Publishes `n` messages of run `run` to the router under `names` and
/// waits for every one's outcome.
async fn one_run(
    url: &str,
    names: &Names,
    run: &str,
    n: usize,
    rate: Option<f64>,
) -> anyhow::Result<RunResult> {
    let client = async_nats::connect(url).await?;
    let js = jetstream::new(client.clone());
    wait_for_inbound_stream(&js, names).await?;
    let mut audit = client.subscribe(names.all("audit")).await?;
    let mut delivery = client.subscribe(names.all("delivery")).await?;
    client.flush().await?;

    let envelopes: Vec<(String, Vec<u8>)> = patients(run, n)
        .enumerate()
        .map(|(i, (p, _))| {
            let id = format!("bench-{run}-{i}");
            let bytes = envelope(&id, i, &p).to_string().into_bytes();
            (id, bytes)
        })
        .collect();
    let progress = ProgressBar::new(n as u64).with_style(
        ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} finished, {per_sec}")
            .expect("valid template"),
    );
    progress.set_prefix(run.to_string());

    let started = Instant::now();
    let subject = names.inbound(TENANT);
    let publish = async {
        let mut pending = futures::stream::FuturesUnordered::new();
        let mut times = HashMap::with_capacity(n);
        for (i, (id, bytes)) in envelopes.into_iter().enumerate() {
            if let Some(rate) = rate {
                tokio::time::sleep_until(
                    (started + Duration::from_secs_f64(i as f64 / rate)).into(),
                )
                .await;
            }
            times.insert(id, Instant::now());
            pending.push(
                js.publish(subject.clone(), bytes.into())
                    .await?
                    .into_future(),
            );
            if pending.len() >= PUBLISH_WINDOW {
                pending.next().await.expect("one pending")?;
            }
        }
        while let Some(ack) = pending.next().await {
            ack?;
        }
        anyhow::Ok(times)
    };

    // Per id: the decision audit (outcome, plugin durations) and when the
    // message was finished (first delivery event, or its audit record when
    // it is not routed).
    let mut audits: HashMap<String, Value> = HashMap::with_capacity(n);
    let mut finished: HashMap<String, Instant> = HashMap::with_capacity(n);
    let mut first_audit = None;
    let collect = async {
        let mut delivered: HashMap<String, Instant> = HashMap::with_capacity(n);
        let prefix = format!("bench-{run}-");
        let limit = Duration::from_secs(60 + n as u64 / 100);
        while finished.len() < n {
            let (is_audit, msg) = tokio::select! {
                Some(msg) = audit.next() => (true, msg),
                Some(msg) = delivery.next() => (false, msg),
                () = tokio::time::sleep(limit.saturating_sub(started.elapsed())) => {
                    bail!("only {} of {n} messages finished after {limit:?}", finished.len());
                }
            };
            let now = Instant::now();
            let record: Value = serde_json::from_slice(&msg.payload)?;
            let Some(id) = record["id"].as_str().filter(|id| id.starts_with(&prefix)) else {
                continue;
            };
            if is_audit {
                if record["schema"] != "carewire.audit/1" {
                    continue;
                }
                first_audit.get_or_insert(now);
                audits.insert(id.to_string(), record.clone());
            } else {
                delivered.entry(id.to_string()).or_insert(now);
            }
            if let Some(audit) = audits.get(id) {
                let routed = audit["outcome"].as_str().is_some_and(is_routed);
                let done = if routed {
                    delivered.get(id).copied()
                } else {
                    Some(now)
                };
                if let Some(at) = done
                    && finished.insert(id.to_string(), at).is_none()
                {
                    progress.inc(1);
                }
            }
        }
        anyhow::Ok(())
    };
    let (published, ()) = tokio::try_join!(publish, collect)?;
    progress.finish_and_clear();
    let last = finished.values().max().copied().unwrap_or(started);
    let secs = last.duration_since(started).as_secs_f64();

    let latency = Summary::of(
        finished
            .iter()
            .map(|(id, at)| at.duration_since(published[id]).as_secs_f64() * 1000.0)
            .collect(),
        "ms",
    );
    let mut per_plugin: HashMap<String, Vec<f64>> = HashMap::new();
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for audit in audits.values() {
        *outcomes
            .entry(audit["outcome"].as_str().unwrap_or("?").to_string())
            .or_default() += 1;
        for plugin in audit["plugins"].as_array().into_iter().flatten() {
            if let Some(failure) = plugin["failure"].as_str() {
                let name = plugin["name"].as_str().unwrap_or("?");
                *outcomes
                    .entry(format!("({name} failed: {failure})"))
                    .or_default() += 1;
            }
            if let (Some(name), Some(us)) =
                (plugin["name"].as_str(), plugin["duration_us"].as_u64())
            {
                per_plugin
                    .entry(name.to_string())
                    .or_default()
                    .push(us as f64);
            }
        }
    }
    let mut plugins: Vec<(String, Summary)> = per_plugin
        .into_iter()
        .map(|(name, values)| (name, Summary::of(values, "µs")))
        .collect();
    plugins.sort_by(|a, b| b.1.mean.total_cmp(&a.1.mean));
    let mut outcomes: Vec<(String, usize)> = outcomes.into_iter().collect();
    outcomes.sort();
    Ok(RunResult {
        rate: n as f64 / secs,
        secs,
        messages: n,
        latency,
        plugins,
        outcomes: outcomes
            .iter()
            .map(|(o, c)| format!("{o} {c}"))
            .collect::<Vec<_>>()
            .join(", "),
        cpu_us: [None; 2],
        first_audit,
    })
}

/// carewire's peak resident set (VmHWM), in MiB.
fn peak_rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

/// User + system CPU time of process `pid` so far, in seconds.
fn cpu_secs(pid: u32, ticks_per_sec: f64) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces), from field 3 on.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks_per_sec)
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
fn clock_ticks_per_sec() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}
