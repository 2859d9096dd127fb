//! The dead-letter queue: what no channel may take, with the original bytes
//! and a machine-readable reason in the headers, so a person can act on it.

use crate::nats::StoreError;

/// The DLQ subject suffixes (`<prefix>.dlq.<kind>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DlqKind {
    /// The payload is not a valid request.
    Invalid,
    /// A valid request no channel may take.
    Undeliverable,
    /// A routed message its channel could not deliver (refused, retries
    /// spent, outcome unknown, or cancelled with nowhere else to go).
    DeliveryFailed,
    /// A message of any of carewire's consumers that failed on every one of
    /// its deliveries (`intake.max_deliver`, `delivery.max_deliver`).
    MaxDeliveries,
}

impl DlqKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DlqKind::Invalid => "invalid",
            DlqKind::Undeliverable => "undeliverable",
            DlqKind::DeliveryFailed => "delivery_failed",
            DlqKind::MaxDeliveries => "max_deliveries",
        }
    }
}

/// Header with the reason code (`bad_json`, `missing_field:body`, `no_channel_allowed`...).
pub const REASON_HEADER: &str = "Carewire-Reason";
/// Header with the message id, when it is known.
pub const MESSAGE_ID_HEADER: &str = "Carewire-Message-Id";
/// Header with the inbound stream sequence of the original request.
pub const SEQUENCE_HEADER: &str = "Carewire-Inbound-Sequence";
/// Header with the channel a delivery failed on.
pub const CHANNEL_HEADER: &str = "Carewire-Channel";
/// Header with the target (`twilio`, `fhir`...) a delivery failed at.
pub const TARGET_HEADER: &str = "Carewire-Target";
/// Header with the provider's HTTP status, when it answered.
pub const PROVIDER_STATUS_HEADER: &str = "Carewire-Provider-Status";
/// Header with the provider's error code (a number or a word), when it gave one.
pub const PROVIDER_CODE_HEADER: &str = "Carewire-Provider-Code";
/// Header with how many provider calls were made.
pub const ATTEMPTS_HEADER: &str = "Carewire-Attempts";
/// Header with what failed on the last delivery (`decision_not_stored`...).
pub const LAST_FAILURE_HEADER: &str = "Carewire-Last-Failure";
/// Header with the stream and sequence the message was taken from.
pub const STREAM_HEADER: &str = "Carewire-Stream";
pub const STREAM_SEQUENCE_HEADER: &str = "Carewire-Stream-Sequence";
/// Header with the consumer that gave up, and how many deliveries it made.
pub const CONSUMER_HEADER: &str = "Carewire-Consumer";
pub const DELIVERIES_HEADER: &str = "Carewire-Deliveries";

/// Stores `payload` in `<prefix>.dlq.<kind>` once per `msg_id`, with
/// `reason` and the trace in its headers besides `headers`: the one way
/// intake, delivery and the exhausted-message path dead-letter.
#[allow(clippy::too_many_arguments)]
pub async fn store(
    js: &async_nats::jetstream::Context,
    names: &crate::nats::Names,
    kind: DlqKind,
    reason: &str,
    mut headers: async_nats::HeaderMap,
    msg_id: &str,
    payload: bytes::Bytes,
    trace: &crate::telemetry::trace::TraceContext,
) -> Result<(), StoreError> {
    headers.insert(REASON_HEADER, reason);
    trace.inject(&mut headers);
    crate::nats::publish_stored(js, names.dlq(kind.as_str()), msg_id, headers, payload)
        .await
        .map(|_| ())
        .map_err(|source| StoreError::Publish {
            what: "dlq",
            source,
        })
}

/// Stores a message that failed on every delivery in
/// `<prefix>.dlq.max_deliveries`: its bytes unchanged, and in headers the
/// reason (`max_deliveries`), what failed last (a code, when known), where it
/// was taken from and how often, and the message id when known. Stored once
/// per `dedupe_id`.
pub async fn store_exhausted(
    js: &async_nats::jetstream::Context,
    names: &crate::nats::Names,
    msg: &async_nats::jetstream::Message,
    message_id: Option<&str>,
    last_failure: Option<&str>,
    dedupe_id: &str,
    trace: &crate::telemetry::trace::TraceContext,
) -> Result<(), StoreError> {
    let mut headers = async_nats::HeaderMap::new();
    if let Some(failure) = last_failure {
        headers.insert(LAST_FAILURE_HEADER, failure);
    }
    if let Some(id) = message_id {
        headers.insert(MESSAGE_ID_HEADER, id);
    }
    if let Ok(info) = msg.info() {
        headers.insert(STREAM_HEADER, info.stream);
        headers.insert(CONSUMER_HEADER, info.consumer);
        headers.insert(
            STREAM_SEQUENCE_HEADER,
            info.stream_sequence.to_string().as_str(),
        );
        headers.insert(DELIVERIES_HEADER, info.delivered.to_string().as_str());
    }
    let kind = DlqKind::MaxDeliveries;
    store(
        js,
        names,
        kind,
        kind.as_str(),
        headers,
        dedupe_id,
        msg.payload.clone(),
        trace,
    )
    .await
}
