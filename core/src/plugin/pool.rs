//! Worker threads that run plugin chains. Each owns one [`Chain`], so plugin
//! instances are reused across messages and never shared between threads.
//! Plugin calls are synchronous and may block on KV lookups: they run here,
//! never on the async runtime's threads.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use super::chain::{Chain, ChainSpec};
use super::loader::LoadError;

type Job = Box<dyn FnOnce(&mut Chain) + Send>;

/// The pool has shut down (all workers gone).
#[derive(Debug, thiserror::Error)]
#[error("plugin worker pool is closed")]
pub struct PoolClosed;

pub struct ChainPool {
    jobs: SyncSender<Job>,
    spec: ChainSpec,
}

impl ChainPool {
    /// Starts `workers` threads, each with its own chain built from `spec`.
    pub fn start(spec: ChainSpec, workers: usize) -> Result<Self, LoadError> {
        let (jobs, queue) = sync_channel::<Job>(workers * 4);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..workers {
            let chain = spec.build()?;
            let queue = queue.clone();
            let rebuild = spec.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("carewire-plugins-{n}"))
                .spawn(move || worker(chain, &rebuild, &queue));
            if let Err(e) = spawned {
                return Err(LoadError::Init {
                    name: "(pool)".into(),
                    detail: e.to_string(),
                });
            }
        }
        Ok(Self { jobs, spec })
    }

    pub fn spec(&self) -> &ChainSpec {
        &self.spec
    }

    /// Runs `f` on a worker's chain and waits for it (async).
    pub async fn run<R, F>(&self, f: F) -> Result<R, PoolClosed>
    where
        R: Send + 'static,
        F: FnOnce(&mut Chain) -> R + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |chain| {
            let _ = tx.send(f(chain));
        });
        let job = match self.jobs.try_send(job) {
            Ok(()) => None,
            Err(std::sync::mpsc::TrySendError::Full(job)) => Some(job),
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return Err(PoolClosed),
        };
        if let Some(job) = job {
            // The queue is full: wait for room without blocking the runtime.
            let jobs = self.jobs.clone();
            match tokio::task::spawn_blocking(move || jobs.send(job)).await {
                Ok(Ok(())) => {}
                _ => return Err(PoolClosed),
            }
        }
        rx.await.map_err(|_| PoolClosed)
    }
}

/// Runs jobs until the pool is dropped. A panic in a job (a host bug: plugin
/// failures are values, not panics) loses that job's answer, so its message is
/// retried, and the worker carries on with a freshly built chain.
fn worker(mut chain: Chain, spec: &ChainSpec, queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut chain)));
        if ran.is_err() {
            tracing::error!("plugin worker panicked; rebuilding its chain");
            match spec.build() {
                Ok(fresh) => chain = fresh,
                Err(e) => {
                    tracing::error!(error = %e, "cannot rebuild the plugin chain; worker stops");
                    return;
                }
            }
        }
    }
}
