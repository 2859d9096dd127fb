//! Whether JetStream accepts carewire's writes.
//!
//! When JetStream refuses a write for want of room (the server's
//! `max_file_store` or the disk is full, an account limit is reached, a
//! stream or bucket holds its `max_bytes`), retrying message after message
//! only spends their deliveries: nothing can be stored until an operator
//! or time (`max_age`) makes room. So the first refusal closes the gate:
//! `/readyz` answers 503 with the reason, and the consumers stop pulling
//! (messages in flight are asked for again later). [`probe`] then checks,
//! without touching any message, whether there is room again: a small
//! write to the decisions bucket (the server and account have room) and,
//! for each stream that refused, its size against its limit; and opens the
//! gate when both say yes.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use async_nats::jetstream::{self, ErrorCode, kv};
use tokio::sync::watch;

use super::{Names, Shutdown};

/// Why JetStream refused a write, as a code for logs and `/readyz`.
fn refusal(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    match super::errors::api_code(error)? {
        ErrorCode::INSUFFICIENT_RESOURCES => Some("insufficient_resources"),
        ErrorCode::STORAGE_RESOURCES_EXCEEDED => Some("insufficient_storage"),
        ErrorCode::ACCOUNT_RESOURCES_EXCEEDED => Some("account_limits_exceeded"),
        ErrorCode::JETSTREAM_NOT_ENABLED | ErrorCode::JETSTREAM_NOT_ENABLED_FOR_ACCOUNT => {
            Some("jetstream_disabled")
        }
        // JSStreamStoreFailedF: "maximum bytes exceeded" and the like.
        ErrorCode(10077) => Some("stream_full"),
        _ => None,
    }
}

struct Refused {
    reason: &'static str,
    /// The subjects whose writes were refused since the gate closed.
    subjects: Vec<String>,
}

/// The gate; one per process ([`gate`]).
pub struct WriteGate {
    refused: Mutex<Option<Refused>>,
    open: watch::Sender<bool>,
}

/// The process's gate.
pub fn gate() -> &'static WriteGate {
    static GATE: OnceLock<WriteGate> = OnceLock::new();
    GATE.get_or_init(|| WriteGate {
        refused: Mutex::new(None),
        open: watch::Sender::new(true),
    })
}

impl WriteGate {
    /// Looks at the error of a write to `subject`; closes the gate when it
    /// is JetStream refusing the write for want of room.
    pub fn observe(&self, subject: &str, error: &(dyn std::error::Error + 'static)) {
        let Some(reason) = refusal(error) else {
            return;
        };
        let subject = without_kv_key(subject);
        let subject = subject.as_str();
        let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
        let state = refused.get_or_insert_with(|| {
            tracing::error!(
                reason,
                subject,
                "JetStream refuses carewire's writes: carewire stops taking messages until there is room (see the runbook)"
            );
            Refused {
                reason,
                subjects: Vec::new(),
            }
        });
        if !state.subjects.iter().any(|s| s == subject) && state.subjects.len() < 64 {
            state.subjects.push(subject.to_string());
        }
        self.open.send_replace(false);
    }

    /// The reason writes are refused, while they are.
    pub fn refused(&self) -> Option<&'static str> {
        self.refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|r| r.reason)
    }

    pub fn is_open(&self) -> bool {
        *self.open.borrow()
    }

    /// Resolves once the gate is open.
    pub async fn opened(&self) {
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|open| *open).await;
    }

    /// Resolves once the gate is closed.
    pub async fn closed(&self) {
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|open| !*open).await;
    }

    fn subjects(&self) -> Vec<String> {
        self.refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|r| r.subjects.clone())
            .unwrap_or_default()
    }

    fn reopen(&self) {
        let was = self
            .refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(was) = was {
            tracing::warn!(
                was = was.reason,
                "JetStream accepts carewire's writes again: taking messages"
            );
        }
        self.open.send_replace(true);
    }
}

/// A KV subject without its key (`$KV.<bucket>`): a key can be a phone
/// number, which no log may show. Other subjects name only tenants.
fn without_kv_key(subject: &str) -> String {
    match subject.strip_prefix("$KV.") {
        Some(rest) => format!("$KV.{}", rest.split('.').next().unwrap_or_default()),
        None => subject.to_string(),
    }
}

/// The KV key of the probe write (no message id hashes to it: those are hex).
const PROBE_KEY: &str = "carewire-write-probe";
const PROBE_FIRST: Duration = Duration::from_secs(1);
const PROBE_MAX: Duration = Duration::from_secs(30);

/// While the gate is closed, checks for room with a growing pause (1 s to
/// 30 s) and opens it when there is; until `shutdown`.
pub async fn probe(js: jetstream::Context, names: Names, store: kv::Store, shutdown: Shutdown) {
    let gate = gate();
    loop {
        tokio::select! {
            () = gate.closed() => {}
            () = shutdown.clone() => return,
        }
        let mut pause = PROBE_FIRST;
        while !gate.is_open() {
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = shutdown.clone() => return,
            }
            pause = (pause * 2).min(PROBE_MAX);
            match room(&js, &names, &store, &gate.subjects()).await {
                Ok(()) => gate.reopen(),
                Err(why) => tracing::warn!(why, "JetStream still refuses writes"),
            }
        }
    }
}

/// Ok when a small write is stored and every stream that refused has room.
async fn room(
    js: &jetstream::Context,
    names: &Names,
    store: &kv::Store,
    refused: &[String],
) -> Result<(), String> {
    let now = crate::common::clock::now_ms().to_string();
    if let Err(e) = store.put(PROBE_KEY, now.into_bytes().into()).await {
        return Err(format!(
            "probe write refused: {}",
            refusal(&e).unwrap_or("not stored")
        ));
    }
    let mut streams: Vec<String> = refused.iter().filter_map(|s| names.stream_of(s)).collect();
    streams.sort();
    streams.dedup();
    for name in streams {
        let info = js
            .get_stream(&name)
            .await
            .map_err(|e| format!("{name}: {}", e.kind()))?
            .get_info()
            .await
            .map_err(|e| format!("{name}: {}", e.kind()))?;
        let (config, state) = (&info.config, &info.state);
        let headroom = (config.max_bytes / 100).clamp(4096, 1 << 20);
        let bytes = i64::try_from(state.bytes).unwrap_or(i64::MAX);
        let messages = i64::try_from(state.messages).unwrap_or(i64::MAX);
        let full_bytes = config.max_bytes > 0 && bytes.saturating_add(headroom) > config.max_bytes;
        let full_messages = config.max_messages > 0 && messages >= config.max_messages;
        if full_bytes || full_messages {
            return Err(format!(
                "{name} holds {bytes} bytes of its max_bytes {}",
                config.max_bytes
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js_error(code: u64) -> async_nats::jetstream::context::PublishError {
        let error: jetstream::Error = serde_json::from_value(serde_json::json!({
            "code": 503, "err_code": code, "description": "refused"
        }))
        .expect("a JetStream error");
        async_nats::jetstream::context::PublishError::with_source(
            async_nats::jetstream::context::PublishErrorKind::Other,
            error,
        )
    }

    #[test]
    fn kv_keys_never_reach_the_gate_or_its_log() {
        assert_eq!(
            without_kv_key("$KV.carewire_sms_numbers.15555550161"),
            "$KV.carewire_sms_numbers"
        );
        assert_eq!(without_kv_key("carewire.audit.acme"), "carewire.audit.acme");
        let names = Names::new("carewire");
        assert_eq!(
            names.stream_of(&without_kv_key("$KV.carewire_sms_numbers.1555")),
            Some("KV_carewire_sms_numbers".into())
        );
    }

    #[test]
    fn storage_refusals_are_recognised_through_the_error_chain() {
        assert_eq!(refusal(&js_error(10023)), Some("insufficient_resources"));
        assert_eq!(refusal(&js_error(10077)), Some("stream_full"));
        assert_eq!(refusal(&js_error(10071)), None);
        let timeout = async_nats::jetstream::context::PublishError::new(
            async_nats::jetstream::context::PublishErrorKind::TimedOut,
        );
        assert_eq!(refusal(&timeout), None);
    }
}
