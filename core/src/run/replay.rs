//! `carewire replay`: the pipeline offline. Envelope JSONL in, one decision
//! JSON line out per input line, in order. No NATS: KV buckets come from a
//! JSON file. This is the format integrators and evaluations use; see
//! `docs/replay.md` for the contract.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
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
    input: impl Read + Send + 'static,
    mut output: impl Write,
    now_ms: Option<i64>,
    tenant: &str,
    progress: impl Fn(u64),
) -> anyhow::Result<ReplaySummary> {
    let pipeline = start_pipeline(config, kv).await?;
    let window = pipeline.workers() * 2;
    let tenant: Arc<str> = tenant.into();
    let mut summary = ReplaySummary::default();
    each_line(
        input,
        window,
        |lines| {
            let (pipeline, tenant) = (pipeline.clone(), tenant.clone());
            async move {
                let now = now_ms.unwrap_or_else(crate::common::clock::now_ms);
                let handled = pipeline.handle_batch(&lines, &tenant, now).await?;
                Ok(handled.into_iter().map(ReplayLine::from_handled).collect())
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
    input: impl Read + Send + 'static,
    mut output: impl Write,
    now_ms: Option<i64>,
    tenant: &str,
    progress: impl Fn(u64),
) -> anyhow::Result<DiffSummary> {
    // One after the other: a plugin's `init` runs within a time budget, and
    // the other chain's compilation must not take its cores meanwhile.
    let current = start_pipeline(current, kv.clone()).await?;
    let candidate = start_pipeline(candidate, kv).await?;
    let window = current.workers().min(candidate.workers()) * 2;
    let tenant: Arc<str> = tenant.into();
    let mut summary = DiffSummary::default();
    each_line(
        input,
        window,
        |lines| {
            let (current, candidate) = (current.clone(), candidate.clone());
            let tenant = tenant.clone();
            async move {
                let now = now_ms.unwrap_or_else(crate::common::clock::now_ms);
                let (a, b) = futures::try_join!(
                    current.handle_batch(&lines, &tenant, now),
                    candidate.handle_batch(&lines, &tenant, now)
                )?;
                Ok(a.into_iter()
                    .zip(b)
                    .map(|(a, b)| {
                        diff::between(&ReplayLine::from_handled(a), &ReplayLine::from_handled(b))
                    })
                    .collect())
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

/// The most lines decided in one hand-off to a worker.
const BATCH_LINES: usize = 32;

/// Runs `decide` on every line of `input`, in batches of the lines already
/// read (at most [`BATCH_LINES`]; a line piped in alone is decided at once),
/// `window` batches at once, and hands each answer to `write` in input
/// order; `progress` is told how many input bytes were consumed after each
/// line.
async fn each_line<T, Fut>(
    input: impl Read + Send + 'static,
    window: usize,
    decide: impl Fn(Vec<Vec<u8>>) -> Fut,
    mut write: impl FnMut(T) -> anyhow::Result<()>,
    progress: impl Fn(u64),
) -> anyhow::Result<()>
where
    Fut: std::future::Future<Output = anyhow::Result<Vec<T>>>,
{
    let (batches_tx, batches_rx) = tokio::sync::mpsc::channel::<std::io::Result<Batch>>(window);
    let reader = tokio::task::spawn_blocking(move || read_batches(input, &batches_tx));
    let mut answers = tokio_stream_from(batches_rx)
        .map(|batch| {
            let decided = batch.map(|batch| (decide(batch.lines), batch.consumed));
            async move {
                let (decided, consumed) = decided?;
                anyhow::Ok((decided.await?, consumed))
            }
        })
        .buffered(window);
    let mut consumed_total = 0;
    while let Some(answer) = answers.next().await {
        let (answers, consumed) = answer?;
        for (answer, consumed) in answers.into_iter().zip(consumed) {
            write(answer)?;
            consumed_total += consumed;
            progress(consumed_total);
        }
    }
    reader.await??;
    Ok(())
}

/// Lines read together, each with the input bytes it took.
#[derive(Default)]
struct Batch {
    lines: Vec<Vec<u8>>,
    consumed: Vec<u64>,
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

/// Sends the lines of `input` in batches: a batch ends at [`BATCH_LINES`]
/// lines or when the next line is not yet read into `input`'s buffer, so a
/// slow writer on a pipe never waits for lines that have not come.
fn read_batches(
    input: impl Read,
    tx: &tokio::sync::mpsc::Sender<std::io::Result<Batch>>,
) -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let mut batch = Batch::default();
    loop {
        let mut line = Vec::new();
        let n = input.read_until(b'\n', &mut line)?;
        if n > 0 {
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            batch.lines.push(line);
            batch.consumed.push(n as u64);
        }
        let full = batch.lines.len() >= BATCH_LINES || input.buffer().is_empty();
        let ready = !batch.lines.is_empty() && (full || n == 0);
        if ready && tx.blocking_send(Ok(std::mem::take(&mut batch))).is_err() {
            return Ok(());
        }
        if n == 0 {
            return Ok(());
        }
    }
}

fn tokio_stream_from<T>(mut rx: tokio::sync::mpsc::Receiver<T>) -> impl futures::Stream<Item = T> {
    futures::stream::poll_fn(move |cx| rx.poll_recv(cx))
}
