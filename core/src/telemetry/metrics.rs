//! carewire's metrics (OpenTelemetry instruments, exported over OTLP).
//! Attributes are codes only: outcome, channel, target, plugin name,
//! failure kind, consumer name.
//!
//! | instrument | kind | attributes |
//! | --- | --- | --- |
//! | `carewire.messages` | counter | `outcome`, `channel` |
//! | `carewire.message.duration` (s, publish to outputs stored) | histogram | `outcome` |
//! | `carewire.plugin.duration` (s) | histogram | `plugin` |
//! | `carewire.plugin.failures` | counter | `plugin`, `failure` |
//! | `carewire.dlq.messages` | counter | `kind` |
//! | `carewire.deliveries` | counter | `channel`, `target`, `status` |
//! | `carewire.delivery.failures` | counter | `channel`, `target`, `result` |
//! | `carewire.delivery.deferrals` | counter | `channel` |
//! | `carewire.consumer.pending` | gauge | `consumer` |

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use opentelemetry::KeyValue;
use opentelemetry::global;
use opentelemetry::metrics::{Counter, Histogram, ObservableGauge};

pub struct Metrics {
    messages: Counter<u64>,
    message_duration: Histogram<f64>,
    plugin_duration: Histogram<f64>,
    plugin_failures: Counter<u64>,
    dlq: Counter<u64>,
    deliveries: Counter<u64>,
    delivery_failures: Counter<u64>,
    deferrals: Counter<u64>,
    pending: Arc<Mutex<BTreeMap<String, u64>>>,
    _pending_gauge: ObservableGauge<u64>,
}

static METRICS: OnceLock<Metrics> = OnceLock::new();

/// The instruments (no-ops until [`crate::telemetry::init`] installs a meter provider).
pub fn get() -> &'static Metrics {
    METRICS.get_or_init(Metrics::new)
}

fn kv(key: &'static str, value: &str) -> KeyValue {
    KeyValue::new(key, value.to_string())
}

impl Metrics {
    /// Creates the instruments on the global meter provider (call after setting it).
    pub fn install() {
        let _ = get();
    }

    fn new() -> Self {
        let meter = global::meter("carewire");
        let pending: Arc<Mutex<BTreeMap<String, u64>>> = Arc::default();
        let observed = pending.clone();
        let seconds = vec![
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0,
        ];
        Self {
            messages: meter
                .u64_counter("carewire.messages")
                .with_description("Messages by outcome and channel")
                .build(),
            message_duration: meter
                .f64_histogram("carewire.message.duration")
                .with_unit("s")
                .with_description("From publish on the inbound stream to carewire's outputs stored")
                .with_boundaries(seconds.clone())
                .build(),
            plugin_duration: meter
                .f64_histogram("carewire.plugin.duration")
                .with_unit("s")
                .with_description("One plugin call")
                .with_boundaries(seconds)
                .build(),
            plugin_failures: meter
                .u64_counter("carewire.plugin.failures")
                .with_description(
                    "Plugin calls that trapped, timed out, ran out of memory or erred",
                )
                .build(),
            dlq: meter
                .u64_counter("carewire.dlq.messages")
                .with_description("Messages sent to the dead-letter queue")
                .build(),
            deliveries: meter
                .u64_counter("carewire.deliveries")
                .with_description("Delivery events by channel, target and status")
                .build(),
            delivery_failures: meter
                .u64_counter("carewire.delivery.failures")
                .with_description("Deliveries given up (failed, or outcome unknown)")
                .build(),
            deferrals: meter
                .u64_counter("carewire.delivery.deferrals")
                .with_description("SMS held for quiet hours")
                .build(),
            _pending_gauge: meter
                .u64_observable_gauge("carewire.consumer.pending")
                .with_description("Messages waiting in a durable consumer")
                .with_callback(move |gauge| {
                    let pending = observed.lock().unwrap_or_else(|e| e.into_inner());
                    for (consumer, n) in pending.iter() {
                        gauge.observe(*n, &[kv("consumer", consumer)]);
                    }
                })
                .build(),
            pending,
        }
    }

    pub fn message(&self, outcome: &str, channel: Option<&str>, seconds: Option<f64>) {
        self.messages.add(
            1,
            &[
                kv("outcome", outcome),
                kv("channel", channel.unwrap_or("none")),
            ],
        );
        if let Some(s) = seconds {
            self.message_duration.record(s, &[kv("outcome", outcome)]);
        }
    }

    pub fn plugin(&self, plugin: &str, seconds: f64, failure: Option<&str>) {
        self.plugin_duration
            .record(seconds, &[kv("plugin", plugin)]);
        if let Some(failure) = failure {
            self.plugin_failures
                .add(1, &[kv("plugin", plugin), kv("failure", failure)]);
        }
    }

    pub fn dead_letter(&self, kind: &str) {
        self.dlq.add(1, &[kv("kind", kind)]);
    }

    pub fn delivery(&self, channel: &str, target: &str, status: &str) {
        self.deliveries.add(
            1,
            &[
                kv("channel", channel),
                kv("target", target),
                kv("status", status),
            ],
        );
        if status == "deferred" {
            self.deferrals.add(1, &[kv("channel", channel)]);
        }
    }

    pub fn delivery_failure(&self, channel: &str, target: &str, result: &str) {
        self.delivery_failures.add(
            1,
            &[
                kv("channel", channel),
                kv("target", target),
                kv("result", result),
            ],
        );
    }

    /// The last known count of messages waiting in `consumer`.
    pub fn set_pending(&self, consumer: &str, pending: u64) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(consumer.to_string(), pending);
    }
}
