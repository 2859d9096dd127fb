//! Worker threads that run plugin chains. Each owns one [`Chain`], so plugin
//! instances are reused across messages and never shared between threads.
//! Plugin calls are synchronous and may block on KV lookups: they run here,
//! never on the async runtime's threads. The job queue is bounded and async
//! on the sending side, so messages waiting for a worker wait as tasks, not
//! as blocked threads.

use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

use super::loader::LoadError;
use super::plugins::{Chain, ChainSpec};

type Job = Box<dyn FnOnce(&mut Chain) + Send>;

/// The pool has shut down (all workers gone).
#[derive(Debug, thiserror::Error)]
#[error("plugin worker pool is closed")]
pub struct PoolClosed;

pub struct ChainPool {
    jobs: mpsc::Sender<Job>,
    spec: ChainSpec,
    workers: usize,
}

impl ChainPool {
    /// Starts `workers` threads, each with its own chain: `first` (built by
    /// the caller, proving that every plugin instantiates and accepts its
    /// `init`) for the first, which takes messages at once; each other
    /// worker builds its chain from `spec` on its own thread and joins when
    /// it is ready, so start-up waits for one chain, not for all of them.
    pub fn start(spec: ChainSpec, first: Chain, workers: usize) -> Result<Self, LoadError> {
        let workers = workers.max(1);
        let (jobs, queue) = mpsc::channel::<Job>(workers * 4);
        let queue = Arc::new(Mutex::new(queue));
        let mut first = Some(first);
        for n in 0..workers {
            let queue = queue.clone();
            let rebuild = spec.clone();
            let chain = first.take();
            let spawned = std::thread::Builder::new()
                .name(format!("carewire-plugins-{n}"))
                .spawn(move || {
                    let chain = match chain.map_or_else(|| rebuild.build(), Ok) {
                        Ok(chain) => chain,
                        Err(e) => {
                            tracing::error!(error = %e, worker = n, "cannot build a plugin chain; this worker does not start");
                            return;
                        }
                    };
                    worker(chain, &rebuild, &queue);
                });
            if let Err(e) = spawned {
                return Err(LoadError::Init {
                    name: "(pool)".into(),
                    detail: e.to_string(),
                });
            }
        }
        Ok(Self {
            jobs,
            spec,
            workers,
        })
    }

    /// How many worker threads run chains.
    pub fn workers(&self) -> usize {
        self.workers
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
        self.jobs.send(job).await.map_err(|_| PoolClosed)?;
        rx.await.map_err(|_| PoolClosed)
    }
}

/// Runs jobs until the pool is dropped. A panic in a job (a host bug: plugin
/// failures are values, not panics) loses that job's answer, so its message is
/// retried, and the worker carries on with a freshly built chain.
fn worker(mut chain: Chain, spec: &ChainSpec, queue: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let job = match queue.lock() {
            Ok(mut q) => q.blocking_recv(),
            Err(_) => return,
        };
        let Some(job) = job else { return };
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
