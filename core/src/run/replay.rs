//! `carewire replay`: the pipeline offline. Envelope JSONL in, one decision
//! JSON line out per input line, in order. No NATS: KV buckets come from a
//! JSON file. This is the format integrators and evaluations use; see
//! `docs/replay.md` for the contract.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

use futures::StreamExt;

use crate::chain::KvReader;
use crate::config::Config;
use crate::route::Pipeline;
use crate::run::decision_line::ReplayLine;
use crate::run::shadow::diff::{self, DiffSummary};

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
    let pipeline = start_pipeline(config, kv).await?;
    let window = pipeline.workers() * 4;
    let tenant: Arc<str> = tenant.into();
    let mut summary = ReplaySummary::default();
    each_line(
        input,
        window,
        |bytes| {
            let (pipeline, tenant) = (pipeline.clone(), tenant.clone());
            async move {
                let now = now_ms.unwrap_or_else(crate::common::clock::now_ms);
                let handled = pipeline.handle(&bytes, &tenant, now).await?;
                Ok(ReplayLine::from_handled(handled))
            }
        },
        |line| {
            summary.total += 1;
            *summary.by_outcome.entry(line.outcome.as_str()).or_default() += 1;
            write_line(&mut output, &line)
        },
        progress,
    )
    .await?;
    output.flush()?;
    Ok(summary)
}

/// Replays every line of `input` through the pipelines of `current` and
/// `candidate` (the same KV records, the same time) and writes a
/// [`diff::Difference`] line for each message on which they differ; lines
/// on which they agree write nothing. The summary counts the kinds of change.
#[allow(clippy::too_many_arguments)]
pub async fn replay_against(
    current: &Config,
    candidate: &Config,
    kv: Arc<dyn KvReader>,
    input: impl BufRead + Send + 'static,
    mut output: impl Write,
    now_ms: Option<i64>,
    tenant: &str,
    progress: impl Fn(u64),
) -> anyhow::Result<DiffSummary> {
    // One after the other: a plugin's `init` runs within a time budget, and
    // the other chain's compilation must not take its cores meanwhile.
    let current = start_pipeline(current, kv.clone()).await?;
    let candidate = start_pipeline(candidate, kv).await?;
    let window = current.workers().min(candidate.workers()) * 4;
    let tenant: Arc<str> = tenant.into();
    let mut summary = DiffSummary::default();
    each_line(
        input,
        window,
        |bytes| {
            let (current, candidate) = (current.clone(), candidate.clone());
            let tenant = tenant.clone();
            async move {
                let now = now_ms.unwrap_or_else(crate::common::clock::now_ms);
                let (a, b) = futures::try_join!(
                    current.handle(&bytes, &tenant, now),
                    candidate.handle(&bytes, &tenant, now)
                )?;
                Ok(diff::between(
                    &ReplayLine::from_handled(a),
                    &ReplayLine::from_handled(b),
                ))
            }
        },
        |difference| {
            summary.add(difference.as_ref());
            match difference {
                Some(difference) => write_line(&mut output, &difference),
                None => Ok(()),
            }
        },
        progress,
    )
    .await?;
    output.flush()?;
    Ok(summary)
}

/// Runs `decide` on every line of `input`, `window` lines at once, and
/// hands each answer to `write` in input order; `progress` is told how many
/// input bytes were consumed after each line.
async fn each_line<T, Fut>(
    input: impl BufRead + Send + 'static,
    window: usize,
    decide: impl Fn(Vec<u8>) -> Fut,
    mut write: impl FnMut(T) -> anyhow::Result<()>,
    progress: impl Fn(u64),
) -> anyhow::Result<()>
where
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let (lines_tx, lines_rx) =
        tokio::sync::mpsc::channel::<std::io::Result<(Vec<u8>, u64)>>(window);
    let reader = tokio::task::spawn_blocking(move || read_lines(input, &lines_tx));
    let mut answers = tokio_stream_from(lines_rx)
        .map(|line| {
            let decided = line.map(|(bytes, consumed)| (decide(bytes), consumed));
            async move {
                let (decided, consumed) = decided?;
                anyhow::Ok((decided.await?, consumed))
            }
        })
        .buffered(window);
    let mut consumed_total = 0;
    while let Some(answer) = answers.next().await {
        let (answer, consumed) = answer?;
        write(answer)?;
        consumed_total += consumed;
        progress(consumed_total);
    }
    reader.await??;
    Ok(())
}

/// One JSON line.
fn write_line(output: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *output, value)?;
    output.write_all(b"\n")?;
    Ok(())
}

/// The pipeline of `config` for replay. Replay's KV is in memory, so plugin
/// calls never wait for it: more workers than cores would only add
/// instances and contention.
async fn start_pipeline(config: &Config, kv: Arc<dyn KvReader>) -> anyhow::Result<Arc<Pipeline>> {
    let mut config = config.clone();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    config.plugin_host.workers = config.plugin_host.workers.min(cores);
    Ok(Arc::new(
        tokio::task::spawn_blocking(move || Pipeline::start(&config, kv)).await??,
    ))
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
