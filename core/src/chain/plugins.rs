//! The configured plugins, run in order for one message.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::bindings::wit;
use super::engine::PluginEngine;
use super::instance::{FailureKind, PluginInstance};
use super::loader::{LoadError, LoadedPlugin};
use super::verdict::Verdict;
use crate::common::buckets::{SMS_NUMBERS, bucket};
use crate::common::kv::{KvPrefetch, KvRead, KvReader};
use crate::config::{Config, FailurePolicy};
use crate::envelope::{Envelope, Priority, RecipientRole};

/// What one plugin said about one message.
#[derive(Debug, Clone)]
pub enum PluginOutcome {
    Answered(Verdict),
    Failed(FailureKind),
}

/// One plugin's part in a message's decision (goes into the audit record).
#[derive(Debug, Clone)]
pub struct PluginReport {
    pub name: String,
    pub digest: String,
    pub outcome: PluginOutcome,
    pub duration: Duration,
    /// What a failure of this plugin means (from its config).
    pub on_failure: FailurePolicy,
    /// The keys it read, each with the revision read.
    pub kv_reads: Vec<KvRead>,
}

/// Everything needed to build a chain: the loaded plugins, in order.
#[derive(Clone)]
pub struct ChainSpec {
    engine: PluginEngine,
    plugins: Vec<Arc<LoadedPlugin>>,
    kv: Arc<dyn KvReader>,
    /// The region of phone numbers written without a country code.
    default_region: Arc<str>,
}

/// The longest a chain's records are waited for before its run: what is
/// not read by then is read by the plugin that asks for it.
const PREFETCH_LIMIT: Duration = Duration::from_secs(2);

impl ChainSpec {
    /// Loads and verifies every plugin of `config`, then builds one chain to
    /// prove that each instantiates and accepts its `init` config.
    pub fn load(config: &Config, kv: Arc<dyn KvReader>) -> Result<Self, LoadError> {
        Self::load_with_chain(config, kv).map(|(spec, _)| spec)
    }

    /// [`ChainSpec::load`], keeping the chain it built (a worker's first).
    /// The plugins are read, verified and compiled (or found in the compile
    /// cache) each on a thread of its own: start-up waits for the slowest,
    /// not for their sum.
    pub fn load_with_chain(
        config: &Config,
        kv: Arc<dyn KvReader>,
    ) -> Result<(Self, Chain), LoadError> {
        let engine = PluginEngine::new().map_err(|e| LoadError::Compile {
            name: "(engine)".into(),
            detail: e.to_string(),
        })?;
        let cache_dir = config.resolve(&config.plugin_host.cache_dir);
        let numbers: Arc<str> = bucket(&config.nats.subject_prefix, SMS_NUMBERS).into();
        let plugins = on_threads(
            &config.plugins,
            |p| {
                LoadedPlugin::load(&engine, p, &config.resolve(&p.path), &cache_dir, &numbers)
                    .map(Arc::new)
            },
            |p| LoadError::Compile {
                name: p.name.clone(),
                detail: "the loader thread panicked".into(),
            },
        )?;
        let spec = Self {
            engine,
            plugins,
            kv,
            default_region: config.channels.sms.default_region.as_str().into(),
        };
        let chain = spec.build()?;
        Ok((spec, chain))
    }

    /// The loaded plugins, in chain order.
    pub fn plugins(&self) -> &[Arc<LoadedPlugin>] {
        &self.plugins
    }

    /// The records this chain is expected to read for `envelope`, read all
    /// at once before a worker runs it: in each bucket a plugin is granted,
    /// the patient's record; in the SMS numbers bucket, the recipient's
    /// number. The wait is not the plugins' time budget (no worker is held):
    /// in a burst, a read may take longer than a plugin call may, and a
    /// record not read in time would fail its plugin closed.
    pub async fn prefetch(&self, envelope: &Envelope) -> KvPrefetch {
        let mut keys: Vec<(String, String)> = Vec::new();
        for p in self.plugins.iter().filter(|p| !p.grants.buckets.is_empty()) {
            for bucket in p.grants.buckets.iter() {
                let key = if **bucket == *p.grants.numbers {
                    let Some(digits) = self.number_key(envelope) else {
                        continue;
                    };
                    digits
                } else {
                    p.grants
                        .key(bucket, envelope.tenant(), &envelope.patient.id)
                };
                let entry = (bucket.clone(), key);
                if !keys.contains(&entry) {
                    keys.push(entry);
                }
            }
        }
        if keys.is_empty() {
            return KvPrefetch::default();
        }
        self.kv.prefetch(keys, PREFETCH_LIMIT).await
    }

    /// The recipient's number as the SMS numbers bucket keys it.
    fn number_key(&self, envelope: &Envelope) -> Option<String> {
        let phone = envelope.recipient.phone.as_deref()?;
        let e164 = carewire_plugin_sdk::phone::e164(phone, &self.default_region).ok()?;
        Some(carewire_plugin_sdk::phone::digits(&e164))
    }

    /// A fresh chain with one instance of every plugin, each instantiated
    /// (and its `init` run) on a thread of its own: a chain is ready when
    /// its slowest plugin is, not after the sum of them.
    pub fn build(&self) -> Result<Chain, LoadError> {
        let slots = on_threads(
            &self.plugins,
            |p| {
                PluginInstance::new(&self.engine, p.clone(), self.kv.clone()).map_err(|detail| {
                    LoadError::Init {
                        name: p.name.clone(),
                        detail,
                    }
                })
            },
            |p| LoadError::Init {
                name: p.name.clone(),
                detail: "the thread instantiating it panicked".into(),
            },
        )?;
        Ok(Chain { slots })
    }
}

/// `work` on each of `items`, each on a thread of its own, the answers in
/// order; a thread that panicked answers `panicked` of its item.
fn on_threads<I: Sync, T: Send>(
    items: &[I],
    work: impl Fn(&I) -> Result<T, LoadError> + Sync,
    panicked: impl Fn(&I) -> LoadError,
) -> Result<Vec<T>, LoadError> {
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .iter()
            .map(|item| {
                let work = &work;
                scope.spawn(move || work(item))
            })
            .collect();
        running
            .into_iter()
            .zip(items)
            .map(|(running, item)| running.join().unwrap_or_else(|_| Err(panicked(item))))
            .collect()
    })
}

/// One instance of every plugin, owned by one worker thread.
pub struct Chain {
    slots: Vec<PluginInstance>,
}

impl Chain {
    /// Runs the plugins in order, their KV lookups answered first from
    /// `prefetched`; a `halt` verdict stops the chain.
    pub fn run(
        &mut self,
        envelope: &Envelope,
        now_ms: i64,
        prefetched: &Arc<KvPrefetch>,
    ) -> Vec<PluginReport> {
        let message = to_wit(envelope);
        let mut reports = Vec::with_capacity(self.slots.len());
        for slot in &mut self.slots {
            let started = Instant::now();
            let (result, kv_reads) = slot.process(&message, now_ms, prefetched);
            let outcome = match result {
                Ok(verdict) => PluginOutcome::Answered(verdict),
                Err(kind) => PluginOutcome::Failed(kind),
            };
            // A halt verdict stops the chain, and so does a failure under the `halt` policy.
            let halted = match &outcome {
                PluginOutcome::Answered(v) => v.halt.is_some(),
                PluginOutcome::Failed(_) => slot.plugin.on_failure == FailurePolicy::Halt,
            };
            reports.push(PluginReport {
                name: slot.plugin.name.clone(),
                digest: slot.plugin.digest.clone(),
                outcome,
                duration: started.elapsed(),
                on_failure: slot.plugin.on_failure,
                kv_reads,
            });
            if halted {
                break;
            }
        }
        reports
    }
}

fn to_wit(e: &Envelope) -> wit::Message {
    wit::Message {
        id: e.id.clone(),
        tenant: e.tenant().to_string(),
        category: e.category.as_str().to_string(),
        priority: match e.priority {
            Priority::Routine => wit::Priority::Routine,
            Priority::Urgent => wit::Priority::Urgent,
            Priority::Stat => wit::Priority::Stat,
        },
        created_at: e.created_at.clone(),
        patient: wit::Patient {
            id: e.patient.id.clone(),
            name: e.patient.name.clone(),
            birth_date: e.patient.birth_date.clone(),
            mrn: e.patient.mrn.clone(),
        },
        recipient: wit::Recipient {
            role: match e.recipient.role {
                RecipientRole::Patient => wit::RecipientRole::Patient,
                RecipientRole::Proxy => wit::RecipientRole::Proxy,
                RecipientRole::Caregiver => wit::RecipientRole::Caregiver,
            },
            name: e.recipient.name.clone(),
            phone: e.recipient.phone.clone(),
            portal_account: e.recipient.portal_account.clone(),
        },
        sender_id: e.sender.as_ref().and_then(|s| s.id.clone()),
        body: e.body.clone(),
    }
}
