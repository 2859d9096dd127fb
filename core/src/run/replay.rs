//! `carewire replay`: the pipeline offline. Envelope JSONL in, one decision
//! JSON line out per input line, in order. No NATS: KV buckets come from a
//! JSON file. This is the format integrators and evaluations use; see
//! `docs/replay.md` for the contract.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

use futures::StreamExt;
use serde::Serialize;

use crate::chain::KvReader;
use crate::config::Config;
use crate::route::{ChannelBodies, Route};
use crate::route::{Handled, Outcome, Pipeline};

/// One output line.
#[derive(Debug, Serialize)]
pub struct ReplayLine {
    pub id: Option<String>,
    pub outcome: Outcome,
    /// The body each channel would carry, keyed `sms`, `portal`, `escalation`
    /// (an empty object for invalid input).
    pub bodies: BTreeMap<&'static str, String>,
    pub labels: BTreeMap<String, String>,
    pub reasons: Vec<String>,
    /// Why the message was invalid, or undeliverable.
    pub error: Option<String>,
    /// Each plugin's verdict (`continue`, `halt`, or `failed:<kind>`), in chain order.
    pub plugins: BTreeMap<String, String>,
}

impl ReplayLine {
    /// The line for one handled message.
    pub fn from_handled(handled: Handled) -> Self {
        match handled {
            Handled::Invalid(invalid) => ReplayLine {
                id: invalid.id,
                outcome: Outcome::Invalid,
                bodies: BTreeMap::new(),
                labels: BTreeMap::new(),
                reasons: Vec::new(),
                error: Some(invalid.reason.code()),
                plugins: BTreeMap::new(),
            },
            Handled::Decided(envelope, decision) => {
                let outcome = decision.outcome();
                let error = match &decision.routed.route {
                    Route::Undeliverable(code) => Some(code.clone()),
                    Route::Deliver(_) => None,
                };
                let plugins = decision
                    .plugins
                    .iter()
                    .map(|p| {
                        let verdict = match &p.outcome {
                            crate::chain::PluginOutcome::Answered(v) if v.halt.is_some() => {
                                "halt".to_string()
                            }
                            crate::chain::PluginOutcome::Answered(_) => "continue".to_string(),
                            crate::chain::PluginOutcome::Failed(kind) => {
                                format!("failed:{}", kind.as_str())
                            }
                        };
                        (p.name.clone(), verdict)
                    })
                    .collect();
                ReplayLine {
                    id: Some(envelope.id),
                    outcome,
                    bodies: bodies_by_channel(decision.routed.bodies),
                    labels: decision.routed.labels,
                    reasons: decision.routed.reasons,
                    error,
                    plugins,
                }
            }
        }
    }
}

fn bodies_by_channel(b: ChannelBodies) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("sms", b.sms),
        ("portal", b.portal),
        ("escalation", b.escalation),
    ])
}

/// Counts by outcome, for the summary on stderr.
#[derive(Debug, Default, Clone)]
pub struct ReplaySummary {
    pub total: u64,
    pub by_outcome: BTreeMap<&'static str, u64>,
}

/// Replays every line of `input`, as if published to `tenant`'s inbound
/// subject, and writes one line per input line to `output`.
/// `progress` is told how many input bytes were consumed after each line.
pub async fn replay(
    config: &Config,
    kv: Arc<dyn KvReader>,
    input: impl BufRead + Send + 'static,
    mut output: impl Write,
    now_ms: Option<i64>,
    tenant: &str,
    progress: impl Fn(u64),
) -> anyhow::Result<ReplaySummary> {
    // Replay's KV is in memory, so plugin calls never wait for it: more
    // workers than cores would only add instances and contention.
    let mut pipeline_config = config.clone();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    pipeline_config.plugin_host.workers = pipeline_config.plugin_host.workers.min(cores);
    let window = pipeline_config.plugin_host.workers * 4;
    let pipeline = Arc::new(
        tokio::task::spawn_blocking(move || Pipeline::start(&pipeline_config, kv)).await??,
    );

    let (lines_tx, lines_rx) =
        tokio::sync::mpsc::channel::<std::io::Result<(Vec<u8>, u64)>>(window);
    let reader = tokio::task::spawn_blocking(move || read_lines(input, &lines_tx));

    let tenant: Arc<str> = tenant.into();
    let mut results = tokio_stream_from(lines_rx)
        .map(|line| {
            let pipeline = pipeline.clone();
            let tenant = tenant.clone();
            async move {
                let (bytes, consumed) = line?;
                let now = now_ms.unwrap_or_else(crate::common::clock::now_ms);
                let handled = pipeline.handle(&bytes, &tenant, now).await?;
                anyhow::Ok((ReplayLine::from_handled(handled), consumed))
            }
        })
        .buffered(window);

    let mut summary = ReplaySummary::default();
    let mut consumed_total = 0;
    while let Some(result) = results.next().await {
        let (line, consumed) = result?;
        summary.total += 1;
        *summary.by_outcome.entry(line.outcome.as_str()).or_default() += 1;
        serde_json::to_writer(&mut output, &line)?;
        output.write_all(b"\n")?;
        consumed_total += consumed;
        progress(consumed_total);
    }
    output.flush()?;
    reader.await??;
    Ok(summary)
}

fn read_lines(
    mut input: impl BufRead,
    tx: &tokio::sync::mpsc::Sender<std::io::Result<(Vec<u8>, u64)>>,
) -> std::io::Result<()> {
    loop {
        let mut line = Vec::new();
        let n = input.read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(());
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if tx.blocking_send(Ok((line, n as u64))).is_err() {
            return Ok(());
        }
    }
}

fn tokio_stream_from<T>(mut rx: tokio::sync::mpsc::Receiver<T>) -> impl futures::Stream<Item = T> {
    futures::stream::poll_fn(move |cx| rx.poll_recv(cx))
}
