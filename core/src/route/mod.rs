//! The stages between intake and delivery, shared by `carewire run` and
//! `carewire replay`: decode -> plugin chain -> fold -> route.

mod choose;
mod fold;

pub use choose::{ChannelBodies, Route, Routed, route};
pub use fold::{Folded, Verdict, failure_verdict, fold};

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::chain::{Chain, ChainPool, ChainSpec, KvReader, LoadError, PluginReport, PoolClosed};
use crate::common::channel::Channel;
use crate::common::kv::KvPrefetch;
use crate::config::Config;
use crate::envelope::{DecodeRules, Envelope, Invalid, decode};

/// Every message ends with exactly one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Sms,
    Portal,
    Escalation,
    Undeliverable,
    Invalid,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Sms => "sms",
            Outcome::Portal => "portal",
            Outcome::Escalation => "escalation",
            Outcome::Undeliverable => "undeliverable",
            Outcome::Invalid => "invalid",
        }
    }

    pub fn channel(self) -> Option<Channel> {
        match self {
            Outcome::Sms => Some(Channel::Sms),
            Outcome::Portal => Some(Channel::Portal),
            Outcome::Escalation => Some(Channel::Escalation),
            Outcome::Undeliverable | Outcome::Invalid => None,
        }
    }
}

/// The decision for one valid message.
#[derive(Debug, Clone)]
pub struct Decision {
    pub routed: Routed,
    pub plugins: Vec<PluginReport>,
    /// When the chain started (wall clock), for the plugin spans.
    pub started: std::time::SystemTime,
    pub elapsed: Duration,
}

impl Decision {
    pub fn outcome(&self) -> Outcome {
        match self.routed.route {
            Route::Deliver(Channel::Sms) => Outcome::Sms,
            Route::Deliver(Channel::Portal) => Outcome::Portal,
            Route::Deliver(Channel::Escalation) => Outcome::Escalation,
            Route::Undeliverable(_) => Outcome::Undeliverable,
        }
    }
}

/// What became of one payload.
#[derive(Debug, Clone)]
pub enum Handled {
    Decided(Box<Envelope>, Decision),
    Invalid(Invalid),
}

/// The plugin chain on its worker threads plus the routing rules.
pub struct Pipeline {
    pool: ChainPool,
    preference: Arc<[Channel]>,
    rules: DecodeRules,
}

impl Pipeline {
    /// Loads and verifies every plugin, then starts the workers.
    pub fn start(config: &Config, kv: Arc<dyn KvReader>) -> Result<Self, LoadError> {
        let (spec, first) = ChainSpec::load_with_chain(config, kv)?;
        let pool = ChainPool::start(spec, first, config.plugin_host.workers)?;
        Ok(Self {
            pool,
            preference: config.router.preference.clone().into(),
            rules: config.intake.decode_rules(),
        })
    }

    pub fn spec(&self) -> &ChainSpec {
        self.pool.spec()
    }

    /// How many messages are decided at once.
    pub fn workers(&self) -> usize {
        self.pool.workers()
    }

    /// Decodes and validates `payload`.
    pub fn decode(&self, payload: &[u8], default_tenant: &str) -> Result<Envelope, Invalid> {
        decode(payload, &self.rules, default_tenant)
    }

    /// Decodes `payload` and, when valid, decides where it goes.
    pub async fn handle(
        &self,
        payload: &[u8],
        default_tenant: &str,
        now_ms: i64,
    ) -> Result<Handled, PoolClosed> {
        match decode(payload, &self.rules, default_tenant) {
            Ok(envelope) => {
                let (envelope, decision) = self.decide(envelope, now_ms).await?;
                Ok(Handled::Decided(Box::new(envelope), decision))
            }
            Err(invalid) => Ok(Handled::Invalid(invalid)),
        }
    }

    /// Runs the chain on a worker thread, folds the verdicts and routes.
    pub async fn decide(
        &self,
        envelope: Envelope,
        now_ms: i64,
    ) -> Result<(Envelope, Decision), PoolClosed> {
        let preference = self.preference.clone();
        let prefetched = Arc::new(self.pool.spec().prefetch(&envelope).await);
        self.pool
            .run(move |chain| {
                let decision = decide_on(chain, &envelope, now_ms, &prefetched, &preference);
                (envelope, decision)
            })
            .await
    }

    /// [`Pipeline::handle`] for several payloads, their chains run one after
    /// another on one worker: the batch is handed to a thread and back once,
    /// where single messages would each pay two thread wake-ups.
    pub async fn handle_batch(
        &self,
        payloads: &[Vec<u8>],
        default_tenant: &str,
        now_ms: i64,
    ) -> Result<Vec<Handled>, PoolClosed> {
        let spec = self.pool.spec();
        let prepared = futures::future::join_all(payloads.iter().map(|payload| async move {
            let envelope = decode(payload, &self.rules, default_tenant)?;
            let prefetched = Arc::new(spec.prefetch(&envelope).await);
            Ok::<_, Invalid>((envelope, prefetched))
        }))
        .await;
        let preference = self.preference.clone();
        self.pool
            .run(move |chain| {
                prepared
                    .into_iter()
                    .map(|prepared| match prepared {
                        Ok((envelope, kv)) => {
                            let decision = decide_on(chain, &envelope, now_ms, &kv, &preference);
                            Handled::Decided(Box::new(envelope), decision)
                        }
                        Err(invalid) => Handled::Invalid(invalid),
                    })
                    .collect()
            })
            .await
    }
}

/// One message's chain, folded and routed, on the worker's `chain`.
fn decide_on(
    chain: &mut Chain,
    envelope: &Envelope,
    now_ms: i64,
    prefetched: &Arc<KvPrefetch>,
    preference: &[Channel],
) -> Decision {
    let (started_at, started) = (std::time::SystemTime::now(), Instant::now());
    let plugins = chain.run(envelope, now_ms, prefetched);
    let routed = route(fold(&plugins), envelope, preference);
    Decision {
        routed,
        plugins,
        started: started_at,
        elapsed: started.elapsed(),
    }
}

/// The pipeline `carewire run` uses, replaceable while it runs (SIGHUP):
/// each message takes the pipeline of the moment and finishes on it.
pub struct PipelineSlot(std::sync::RwLock<Arc<Pipeline>>);

impl PipelineSlot {
    pub fn new(pipeline: Pipeline) -> Self {
        Self(std::sync::RwLock::new(Arc::new(pipeline)))
    }

    pub fn current(&self) -> Arc<Pipeline> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts `pipeline` in place; messages already running finish on the old one.
    pub fn replace(&self, pipeline: Pipeline) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(pipeline);
    }
}
