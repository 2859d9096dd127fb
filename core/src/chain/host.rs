//! What a plugin may import, and nothing more: reads of the KV buckets its
//! config grants (deny-all by default), a PHI-safe log, and a clock; and the
//! WASI of [`super::sandbox`], which reaches nothing of the host.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

use super::bindings::{KvError, LogLevel, carewire};
use super::limits::{Limits, MAX_LOG_EVENTS, MAX_LOG_FIELDS, MAX_LOG_VALUE};
use super::sandbox::{self, Sandbox};
use crate::common::codes::{INVALID_CODE, is_code};
use crate::common::kv::{KvPrefetch, KvRead, KvReader, KvUnavailable};

/// The KV buckets one plugin may read, and how their keys are found.
#[derive(Debug, Clone)]
pub struct KvGrants {
    /// The buckets its config grants (`kv_buckets`); none by default.
    pub buckets: Arc<[String]>,
    /// carewire's SMS numbers bucket, keyed by phone number rather than by
    /// tenant ([`crate::common::buckets::SMS_NUMBERS`]).
    pub numbers: Arc<str>,
}

impl KvGrants {
    /// The stored key of `key` in `bucket` for a message of `tenant`.
    /// Records are kept per tenant: the plugin's key is read within the
    /// message's tenant, never outside it; only a number's opt-out state is
    /// the same in every tenant.
    pub(super) fn key(&self, bucket: &str, tenant: &str, key: &str) -> String {
        if bucket == &*self.numbers {
            key.to_owned()
        } else {
            crate::common::scope::scoped(tenant, key)
        }
    }
}

/// The data of one plugin instance's store.
pub struct HostState {
    wasi: WasiCtx,
    table: ResourceTable,
    pub(super) limits: Limits,
    pub(super) sandbox: Sandbox,
    plugin: Arc<str>,
    grants: KvGrants,
    kv: Arc<dyn KvReader>,
    /// Log events left to this call.
    log_events: u32,
    /// When this call's time budget runs out.
    deadline: Instant,
    /// The tenant of the message this call is about (empty in `init`): the
    /// namespace of every key the plugin reads.
    tenant: String,
    /// The keys this call read, with the revision each was read at.
    reads: Vec<KvRead>,
    /// The records read ahead for this call's message.
    prefetched: Arc<KvPrefetch>,
}

/// The reads kept per call; a plugin that reads more keys has the rest
/// unrecorded (its decision then takes no compare-and-set at a read
/// revision: see [`crate::channels::SmsLog::reserve`]).
const MAX_RECORDED_READS: usize = 16;

impl HostState {
    pub fn new(
        plugin: Arc<str>,
        grants: KvGrants,
        kv: Arc<dyn KvReader>,
        memory_bytes: usize,
    ) -> Self {
        Self {
            wasi: sandbox::empty_context(),
            table: sandbox::resource_table(),
            limits: Limits::new(memory_bytes),
            sandbox: Sandbox::new(&plugin),
            plugin,
            grants,
            kv,
            log_events: MAX_LOG_EVENTS,
            deadline: Instant::now(),
            tenant: String::new(),
            reads: Vec::new(),
            prefetched: Arc::default(),
        }
    }

    /// The keys read since the call began.
    pub fn take_reads(&mut self) -> Vec<KvRead> {
        std::mem::take(&mut self.reads)
    }

    /// Starts a call about `message_id` of `tenant`, at `now_ms`, with
    /// `budget` to run and the records `prefetched` for the message.
    pub fn begin_call(
        &mut self,
        message_id: &str,
        tenant: &str,
        now_ms: i64,
        budget: Duration,
        prefetched: &Arc<KvPrefetch>,
    ) {
        self.sandbox.begin_call(message_id, now_ms);
        tenant.clone_into(&mut self.tenant);
        self.log_events = MAX_LOG_EVENTS;
        self.deadline = Instant::now() + budget;
        self.reads.clear();
        self.prefetched = prefetched.clone();
    }
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl carewire::plugin::types::Host for HostState {}

impl carewire::plugin::host::Host for HostState {
    fn kv_get(&mut self, bucket: String, key: String) -> Result<Option<Vec<u8>>, KvError> {
        if !self.grants.buckets.contains(&bucket) {
            tracing::warn!(plugin = %self.plugin, bucket = %code_or_invalid(&bucket), "kv bucket not granted");
            return Err(KvError::Denied);
        }
        // Nothing is read during init.
        if self.tenant.is_empty() {
            return Err(KvError::Denied);
        }
        let key = self.grants.key(&bucket, &self.tenant, &key);
        let lookup = match self.prefetched.get(&bucket, &key) {
            Some(lookup) => lookup.clone(),
            None => {
                // A slow store may not hold the worker past the call's budget.
                let within = self.deadline.saturating_duration_since(Instant::now());
                if within.is_zero() {
                    return Err(KvError::Unavailable);
                }
                self.kv
                    .get(&bucket, &key, within)
                    .map_err(|KvUnavailable| KvError::Unavailable)?
            }
        };
        if self.reads.len() < MAX_RECORDED_READS {
            self.reads.push(KvRead {
                bucket,
                key,
                revision: lookup.revision,
                value: lookup.value.clone(),
            });
        }
        Ok(lookup.value.map(|v| v.to_vec()))
    }

    fn log(&mut self, level: LogLevel, event: String, fields: Vec<(String, i64)>) {
        if self.log_events == 0 {
            return;
        }
        self.log_events -= 1;
        let plugin = &*self.plugin;
        if self.log_events == 0 {
            tracing::warn!(
                plugin,
                "plugin log limit reached: later events of this call are dropped"
            );
        }
        let event = code_or_invalid(&event);
        let fields = log_fields(&fields);
        match level {
            LogLevel::Debug => tracing::debug!(plugin, event, fields, "plugin log"),
            LogLevel::Info => tracing::info!(plugin, event, fields, "plugin log"),
            LogLevel::Warn => tracing::warn!(plugin, event, fields, "plugin log"),
            LogLevel::Error => tracing::error!(plugin, event, fields, "plugin log"),
        }
    }

    fn now_ms(&mut self) -> i64 {
        self.sandbox.now_ms()
    }
}

/// A plugin's log fields as `name=value` pairs: at most [`MAX_LOG_FIELDS`],
/// names that are codes, and values of at most four digits (a count or a
/// duration); a larger value, which could be a phone number, a date or an
/// id, is logged as `over_range`.
fn log_fields(fields: &[(String, i64)]) -> String {
    let shown: Vec<String> = fields
        .iter()
        .take(MAX_LOG_FIELDS)
        .map(|(name, value)| {
            let name = code_or_invalid(name);
            if (-MAX_LOG_VALUE..=MAX_LOG_VALUE).contains(value) {
                format!("{name}={value}")
            } else {
                format!("{name}=over_range")
            }
        })
        .collect();
    shown.join(" ")
}

fn code_or_invalid(s: &str) -> &str {
    if is_code(s) { s } else { INVALID_CODE }
}

#[cfg(test)]
mod tests {
    use super::carewire::plugin::host::Host as _;
    use super::*;
    use crate::common::kv::KvLookup;
    use std::sync::Mutex;

    /// A store that takes as long as it is allowed to, and says how long that was.
    struct SlowKv(Mutex<Vec<Duration>>);

    impl KvReader for SlowKv {
        fn get(&self, _: &str, _: &str, within: Duration) -> Result<KvLookup, KvUnavailable> {
            self.0.lock().expect("lock").push(within);
            std::thread::sleep(within);
            Err(KvUnavailable)
        }
    }

    #[test]
    fn a_kv_lookup_waits_no_longer_than_the_call_may() {
        let kv = Arc::new(SlowKv(Mutex::new(Vec::new())));
        let grants = KvGrants {
            buckets: vec!["b".to_string()].into(),
            numbers: "carewire_sms_numbers".into(),
        };
        let mut state = HostState::new("p".into(), grants, kv.clone(), 1 << 20);
        state.begin_call("m", "acme", 0, Duration::from_millis(50), &Arc::default());
        let started = Instant::now();
        assert!(matches!(
            state.kv_get("b".into(), "k".into()),
            Err(KvError::Unavailable)
        ));
        // The budget is spent: the store is not even asked.
        assert!(matches!(
            state.kv_get("b".into(), "k".into()),
            Err(KvError::Unavailable)
        ));
        assert!(started.elapsed() < Duration::from_millis(500));
        let asked = kv.0.lock().expect("lock").clone();
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert!(asked[0] <= Duration::from_millis(50), "{asked:?}");
        // A new call has a new budget.
        state.begin_call("m", "acme", 0, Duration::from_millis(50), &Arc::default());
        let _ = state.kv_get("b".into(), "k".into());
        assert_eq!(kv.0.lock().expect("lock").len(), 2);
    }

    /// Answers every read, remembering the bucket and stored key asked for.
    struct RecordingKv(Mutex<Vec<(String, String)>>);

    impl KvReader for RecordingKv {
        fn get(&self, bucket: &str, key: &str, _: Duration) -> Result<KvLookup, KvUnavailable> {
            let asked = (bucket.to_owned(), key.to_owned());
            let mut log = self.0.lock().expect("lock");
            log.push(asked);
            Ok(KvLookup {
                value: None,
                revision: log.len() as u64,
            })
        }
    }

    #[test]
    fn plugin_keys_are_read_within_the_tenant_but_a_numbers_opt_out_everywhere() {
        let kv = Arc::new(RecordingKv(Mutex::new(Vec::new())));
        let grants = KvGrants {
            buckets: vec!["carewire_consent".into(), "carewire_sms_numbers".into()].into(),
            numbers: "carewire_sms_numbers".into(),
        };
        let mut state = HostState::new("p".into(), grants, kv.clone(), 1 << 20);
        state.begin_call("m", "acme", 0, Duration::from_secs(1), &Arc::default());
        for (bucket, key) in [
            ("carewire_consent", "p-1"),
            // A key naming another tenant stays inside this one.
            ("carewire_consent", "globex.p-1"),
            ("carewire_sms_numbers", "15555550100"),
        ] {
            assert!(state.kv_get(bucket.into(), key.into()).is_ok());
        }
        // Each read is kept with the key as stored and its revision, for
        // a compare-and-set after the decision; a new call starts afresh.
        let reads: Vec<(String, String, u64)> = state
            .take_reads()
            .into_iter()
            .map(|r| (r.bucket, r.key, r.revision))
            .collect();
        assert_eq!(
            reads,
            [
                ("carewire_consent", "acme.p-1", 1),
                ("carewire_consent", "acme.globex.p-1", 2),
                ("carewire_sms_numbers", "15555550100", 3),
            ]
            .map(|(b, k, r)| (b.to_owned(), k.to_owned(), r))
        );
        assert!(
            state
                .kv_get("carewire_consent".into(), "p-2".into())
                .is_ok()
        );
        state.begin_call("m2", "acme", 0, Duration::from_secs(1), &Arc::default());
        assert!(state.take_reads().is_empty());
        kv.0.lock().expect("lock").pop();
        // The numbers bucket is read unscoped only when granted.
        let grants = KvGrants {
            buckets: vec!["carewire_consent".into()].into(),
            numbers: "carewire_sms_numbers".into(),
        };
        let mut ungranted = HostState::new("p".into(), grants, kv.clone(), 1 << 20);
        ungranted.begin_call("m", "acme", 0, Duration::from_secs(1), &Arc::default());
        assert!(matches!(
            ungranted.kv_get("carewire_sms_numbers".into(), "15555550100".into()),
            Err(KvError::Denied)
        ));
        let asked = kv.0.lock().expect("lock").clone();
        let expected = [
            ("carewire_consent", "acme.p-1"),
            ("carewire_consent", "acme.globex.p-1"),
            ("carewire_sms_numbers", "15555550100"),
        ]
        .map(|(b, k)| (b.to_owned(), k.to_owned()));
        assert_eq!(asked, expected);
    }

    /// A record read ahead for the message is answered without asking the
    /// store, and kept as read at its revision; any other key is read.
    #[test]
    fn prefetched_records_are_answered_without_a_lookup() {
        let kv = Arc::new(RecordingKv(Mutex::new(Vec::new())));
        let grants = KvGrants {
            buckets: vec!["carewire_consent".into()].into(),
            numbers: "carewire_sms_numbers".into(),
        };
        let mut prefetched = KvPrefetch::default();
        prefetched.insert(
            "carewire_consent".into(),
            "acme.p-1".into(),
            KvLookup {
                value: Some(bytes::Bytes::from_static(b"{}")),
                revision: 41,
            },
        );
        let mut state = HostState::new("p".into(), grants, kv.clone(), 1 << 20);
        state.begin_call(
            "m",
            "acme",
            0,
            Duration::from_secs(1),
            &Arc::new(prefetched),
        );
        let found = state.kv_get("carewire_consent".into(), "p-1".into());
        assert!(matches!(found, Ok(Some(v)) if v == b"{}"));
        assert!(kv.0.lock().expect("lock").is_empty(), "the store was asked");
        assert!(
            state
                .kv_get("carewire_consent".into(), "p-2".into())
                .is_ok()
        );
        let reads: Vec<(String, u64)> = state
            .take_reads()
            .into_iter()
            .map(|r| (r.key, r.revision))
            .collect();
        assert_eq!(
            reads,
            [("acme.p-1".to_string(), 41), ("acme.p-2".to_string(), 1)]
        );
        // The next call's message has records of its own.
        state.begin_call("m2", "acme", 0, Duration::from_secs(1), &Arc::default());
        assert!(
            state
                .kv_get("carewire_consent".into(), "p-1".into())
                .is_ok()
        );
        assert_eq!(kv.0.lock().expect("lock").len(), 2);
    }

    #[test]
    fn log_fields_cannot_carry_a_phone_number_or_a_date() {
        let fields = |pairs: &[(&str, i64)]| {
            log_fields(
                &pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), *v))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(fields(&[("count", 3), ("ms", -9999)]), "count=3 ms=-9999");
        let logged = fields(&[
            ("phone", 15_555_550_101),
            ("dob", 19_620_314),
            ("at", -242_000_000),
            ("Maria Lopez", 1),
        ]);
        assert_eq!(
            logged,
            "phone=over_range dob=over_range at=over_range invalid_code=1"
        );
        let many: Vec<(String, i64)> = (0..20).map(|n| (format!("f{n}"), n)).collect();
        assert_eq!(log_fields(&many).split(' ').count(), MAX_LOG_FIELDS);
    }
}
