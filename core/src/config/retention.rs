//! `[nats.streams.<stream>]` and `[nats.buckets.<bucket>]`: how long, and up
//! to how many bytes, JetStream keeps each of carewire's streams and KV
//! buckets. The defaults keep PHI for days, not forever; docs/operations.md
//! says why each is what it is.
//!
//! Every stream and bucket refuses a write once it holds `max_bytes`
//! (JetStream's `discard: new`): carewire never lets JetStream drop an old
//! message to make room, since that message may be a request not yet
//! routed or an SMS not yet sent. A refused write makes `/readyz` answer 503
//! and stops carewire taking new work until there is room again.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A stream's or bucket's limits as written in the config; an unset key
/// takes the default of that stream or bucket.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Days a message is kept (in a KV bucket: days since a key's last
    /// write); 0 keeps it until it is deleted.
    #[serde(default)]
    pub max_age_days: Option<u32>,
    /// Bytes the stream may hold; writes beyond are refused. JetStream
    /// reserves this much of the server's `max_file_store` when the stream
    /// is created.
    #[serde(default)]
    pub max_bytes: Option<u64>,
}

/// `max_bytes` only: the decisions bucket's age is the duplicate window.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SizeConfig {
    #[serde(default)]
    pub max_bytes: Option<u64>,
}

/// `[nats.streams]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StreamsConfig {
    #[serde(default)]
    pub inbound: LimitsConfig,
    #[serde(default)]
    pub dispatch: LimitsConfig,
    #[serde(default)]
    pub outbound: LimitsConfig,
    #[serde(default)]
    pub delivery: LimitsConfig,
    #[serde(default)]
    pub audit: LimitsConfig,
    #[serde(default)]
    pub dlq: LimitsConfig,
    #[serde(default)]
    pub replies: LimitsConfig,
}

/// `[nats.buckets]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BucketsConfig {
    #[serde(default)]
    pub consent: LimitsConfig,
    #[serde(default)]
    pub contacts: LimitsConfig,
    #[serde(default)]
    pub sms_log: LimitsConfig,
    #[serde(default)]
    pub sms_numbers: LimitsConfig,
    #[serde(default)]
    pub deliveries: LimitsConfig,
    #[serde(default)]
    pub reply_ids: LimitsConfig,
    #[serde(default)]
    pub decisions: SizeConfig,
}

/// What JetStream is asked to keep of one stream or bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// `Duration::ZERO`: no age limit.
    pub max_age: Duration,
    pub max_bytes: i64,
}

const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;
const DAY_SECS: u64 = 24 * 3600;

/// The defaults, (days, bytes), by stream kind (`<prefix>.<kind>.>`):
/// requests and routed messages hold PHI and are kept days; the audit trail
/// and delivery events hold none and are kept longer; the DLQ holds PHI a
/// person must act on within weeks. The sizes add up to about 3.8 GiB with
/// the buckets': a ceiling that fits a default nats-server on a small
/// disk, to be raised for a health system's volume.
const STREAM_DEFAULTS: [(&str, u32, u64); 7] = [
    ("inbound", 7, 512 * MIB),
    ("dispatch", 30, 512 * MIB),
    ("outbound", 7, 512 * MIB),
    ("delivery", 90, 256 * MIB),
    ("audit", 365, GIB),
    ("dlq", 30, 256 * MIB),
    ("replies", 7, 64 * MIB),
];

/// The defaults by bucket (the name after `<prefix>_`): the registries of
/// record (consent, contacts, opt-outs by number) are kept until changed or
/// deleted, since an expired opt-out would text a patient who said STOP; the
/// provider message ids of applied replies for a year, so a captured reply
/// replayed within it changes nothing.
const BUCKET_DEFAULTS: [(&str, u32, u64); 6] = [
    ("consent", 0, 128 * MIB),
    ("contacts", 0, 128 * MIB),
    ("sms_log", 30, 64 * MIB),
    ("sms_numbers", 0, 64 * MIB),
    ("deliveries", 35, 128 * MIB),
    ("reply_ids", 365, 64 * MIB),
];
const DECISIONS_DEFAULT_BYTES: u64 = 256 * MIB;

/// The smallest `max_bytes` accepted: less holds only a handful of messages.
const MIN_BYTES: u64 = MIB;
/// The consent plugin counts a patient's SMS of the last 7 days (TCPA).
const SMS_LOG_MIN_DAYS: u32 = 8;

impl StreamsConfig {
    fn get(&self, kind: &str) -> Option<LimitsConfig> {
        Some(match kind {
            "inbound" => self.inbound,
            "dispatch" => self.dispatch,
            "outbound" => self.outbound,
            "delivery" => self.delivery,
            "audit" => self.audit,
            "dlq" => self.dlq,
            "replies" => self.replies,
            _ => return None,
        })
    }

    /// The limits of the stream of `kind` (`inbound`, `dispatch`...).
    pub fn retention(&self, kind: &str) -> Retention {
        let configured = self.get(kind).unwrap_or_default();
        resolve(configured, default_of(&STREAM_DEFAULTS, kind))
    }
}

impl BucketsConfig {
    fn get(&self, bucket: &str) -> Option<LimitsConfig> {
        Some(match bucket {
            "consent" => self.consent,
            "contacts" => self.contacts,
            "sms_log" => self.sms_log,
            "sms_numbers" => self.sms_numbers,
            "deliveries" => self.deliveries,
            "reply_ids" => self.reply_ids,
            _ => return None,
        })
    }

    /// The limits of the bucket `<prefix>_<bucket>`; the decisions bucket
    /// keeps entries for `duplicate_window`.
    pub fn retention(&self, bucket: &str, duplicate_window: Duration) -> Retention {
        if bucket == "decisions" {
            return Retention {
                max_age: duplicate_window,
                max_bytes: bytes(self.decisions.max_bytes.unwrap_or(DECISIONS_DEFAULT_BYTES)),
            };
        }
        let configured = self.get(bucket).unwrap_or_default();
        resolve(configured, default_of(&BUCKET_DEFAULTS, bucket))
    }
}

fn default_of(table: &[(&str, u32, u64)], name: &str) -> (u32, u64) {
    table
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or((0, GIB), |&(_, days, bytes)| (days, bytes))
}

fn resolve(configured: LimitsConfig, (days, max_bytes): (u32, u64)) -> Retention {
    let days = configured.max_age_days.unwrap_or(days);
    Retention {
        max_age: Duration::from_secs(u64::from(days) * DAY_SECS),
        max_bytes: bytes(configured.max_bytes.unwrap_or(max_bytes)),
    }
}

fn bytes(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Checks the limits against each other and JetStream's rules; messages
/// name the keys.
pub(super) fn validate(
    streams: &StreamsConfig,
    buckets: &BucketsConfig,
    duplicate_window: Duration,
) -> Result<(), String> {
    let sizes = STREAM_DEFAULTS
        .iter()
        .map(|(kind, _, _)| (format!("nats.streams.{kind}"), streams.get(kind)))
        .chain(
            BUCKET_DEFAULTS
                .iter()
                .map(|(bucket, _, _)| (format!("nats.buckets.{bucket}"), buckets.get(bucket))),
        )
        .filter_map(|(key, limits)| Some((key, limits?.max_bytes?)))
        .chain(
            buckets
                .decisions
                .max_bytes
                .map(|b| ("nats.buckets.decisions".to_string(), b)),
        );
    for (key, max_bytes) in sizes {
        if max_bytes < MIN_BYTES {
            return Err(format!(
                "{key}.max_bytes is {max_bytes}: at least {MIN_BYTES} (1 MiB)"
            ));
        }
    }
    for (kind, _, _) in STREAM_DEFAULTS {
        let age = streams.retention(kind).max_age;
        if !age.is_zero() && age < duplicate_window {
            return Err(format!(
                "nats.streams.{kind}.max_age_days is shorter than nats.duplicate_window_secs: \
                 JetStream refuses a duplicate window longer than the stream's max age"
            ));
        }
    }
    let dispatch = streams.retention("dispatch").max_age;
    let ledger = buckets.retention("deliveries", duplicate_window).max_age;
    if !ledger.is_zero() && (dispatch.is_zero() || ledger < dispatch) {
        return Err(
            "nats.buckets.deliveries.max_age_days must be at least nats.streams.dispatch.max_age_days \
             (or both 0): a routed message redelivered after its ledger entry expired could be sent twice"
                .into(),
        );
    }
    let sms_log = buckets.retention("sms_log", duplicate_window).max_age;
    if !sms_log.is_zero() && sms_log < Duration::from_secs(u64::from(SMS_LOG_MIN_DAYS) * DAY_SECS) {
        return Err(format!(
            "nats.buckets.sms_log.max_age_days must be 0 or at least {SMS_LOG_MIN_DAYS}: the consent \
             plugin counts each patient's SMS of the last 7 days"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(3600);

    #[test]
    fn defaults_keep_phi_for_days_and_registries_until_deleted() {
        let streams = StreamsConfig::default();
        let buckets = BucketsConfig::default();
        let days = |r: Retention| r.max_age.as_secs() / DAY_SECS;
        assert_eq!(days(streams.retention("inbound")), 7);
        assert_eq!(days(streams.retention("outbound")), 7);
        assert_eq!(days(streams.retention("dispatch")), 30);
        assert!(days(streams.retention("audit")) > days(streams.retention("dlq")));
        assert!(days(streams.retention("dlq")) > days(streams.retention("inbound")));
        for registry in ["consent", "contacts", "sms_numbers"] {
            assert_eq!(buckets.retention(registry, WINDOW).max_age, Duration::ZERO);
        }
        assert_eq!(buckets.retention("decisions", WINDOW).max_age, WINDOW);
        for kind in [
            "inbound", "dispatch", "outbound", "delivery", "audit", "dlq", "replies",
        ] {
            assert!(streams.retention(kind).max_bytes > 0, "{kind}");
        }
        validate(&streams, &buckets, WINDOW).unwrap();
    }

    #[test]
    fn a_configured_key_overrides_only_itself() {
        let streams = StreamsConfig {
            audit: LimitsConfig {
                max_age_days: None,
                max_bytes: Some(5 * MIB),
            },
            ..Default::default()
        };
        let audit = streams.retention("audit");
        assert_eq!(audit.max_bytes, 5 * MIB as i64);
        assert_eq!(audit.max_age.as_secs(), 365 * DAY_SECS);
    }

    #[test]
    fn inconsistent_limits_are_refused_naming_the_key() {
        let tiny = StreamsConfig {
            dlq: LimitsConfig {
                max_age_days: None,
                max_bytes: Some(1000),
            },
            ..Default::default()
        };
        let err = validate(&tiny, &BucketsConfig::default(), WINDOW).unwrap_err();
        assert!(err.contains("nats.streams.dlq.max_bytes"), "{err}");

        let short_ledger = BucketsConfig {
            deliveries: LimitsConfig {
                max_age_days: Some(3),
                max_bytes: None,
            },
            ..Default::default()
        };
        let err = validate(&StreamsConfig::default(), &short_ledger, WINDOW).unwrap_err();
        assert!(
            err.contains("nats.buckets.deliveries.max_age_days"),
            "{err}"
        );

        let err = validate(
            &StreamsConfig::default(),
            &BucketsConfig::default(),
            Duration::from_secs(8 * DAY_SECS),
        )
        .unwrap_err();
        assert!(err.contains("nats.streams.inbound.max_age_days"), "{err}");

        let short_log = BucketsConfig {
            sms_log: LimitsConfig {
                max_age_days: Some(2),
                max_bytes: None,
            },
            ..Default::default()
        };
        let err = validate(&StreamsConfig::default(), &short_log, WINDOW).unwrap_err();
        assert!(err.contains("nats.buckets.sms_log.max_age_days"), "{err}");
    }
}
