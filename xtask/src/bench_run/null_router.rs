//! The contract null router of `bench-run --baseline`: the least that
//! carewire's documented contract stores per message, with no plugins and
//! no KV. It takes each request from its own inbound stream (the same
//! stream settings as carewire's, under the prefix `nullbench`), stores an
//! audit record, the outbound SMS and its `accepted` delivery event, each
//! with a `Nats-Msg-Id` as carewire stores them, and acks the request once
//! all three are stored. A pulled batch's writes are in flight together,
//! and several batches at once: what JetStream allows a router that keeps
//! the contract.

use std::future::IntoFuture;
use std::path::PathBuf;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, context::PublishAckFuture};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::json;

use carewire::config::{Config, LimitsConfig};
use carewire::nats::{Names, Settings, ensure_topology};

/// The subject prefix of the null router's streams.
pub const PREFIX: &str = "nullbench";
/// Requests taken per batch, and batches in flight.
const BATCH: usize = 128;
const BATCHES_IN_FLIGHT: usize = 4;

/// What the null router reads of a request (a typed decode, as carewire's).
#[derive(Deserialize)]
struct Request {
    id: String,
    tenant: String,
    body: String,
    recipient: serde_json::Value,
}

/// Creates the null router's streams with the example config's settings
/// (smaller limits, so that both routers' streams fit the server's store),
/// then routes until the task is dropped.
pub async fn run(url: String, config: PathBuf) -> anyhow::Result<()> {
    let mut config = Config::load(&config)?;
    let small = |max_bytes| LimitsConfig {
        max_age_days: None,
        max_bytes: Some(max_bytes),
    };
    let s = &mut config.nats.streams;
    for limits in [
        &mut s.inbound,
        &mut s.dispatch,
        &mut s.outbound,
        &mut s.delivery,
        &mut s.audit,
        &mut s.dlq,
        &mut s.replies,
    ] {
        *limits = small(256 << 20);
    }
    let b = &mut config.nats.buckets;
    for limits in [
        &mut b.consent,
        &mut b.contacts,
        &mut b.sms_log,
        &mut b.sms_numbers,
        &mut b.deliveries,
        &mut b.reply_ids,
    ] {
        *limits = small(16 << 20);
    }
    b.decisions.max_bytes = Some(16 << 20);
    let names = Names::new(PREFIX);
    let js = jetstream::new(async_nats::connect(&url).await?);
    let topology = ensure_topology(&js, Settings::from_config(&names, &config)).await?;
    let messages = topology
        .consumer
        .stream()
        .max_messages_per_batch(BATCH)
        .messages()
        .await?;
    messages
        .ready_chunks(BATCH)
        .map(|batch| route_batch(&js, &names, batch))
        .buffer_unordered(BATCHES_IN_FLIGHT)
        .for_each(|routed| async move {
            if let Err(e) = routed {
                eprintln!("null router: {e}");
            }
        })
        .await;
    Ok(())
}

type Pulled = Result<jetstream::Message, jetstream::consumer::pull::MessagesError>;

/// Stores the three records of every request in the batch, awaits all of
/// their acknowledgements together, then acks the requests in order.
async fn route_batch(
    js: &jetstream::Context,
    names: &Names,
    batch: Vec<Pulled>,
) -> anyhow::Result<()> {
    let batch: Vec<jetstream::Message> = batch.into_iter().collect::<Result<_, _>>()?;
    let mut stored: Vec<PublishAckFuture> = Vec::with_capacity(batch.len() * 3);
    for msg in &batch {
        let request: Request = serde_json::from_slice(&msg.payload)?;
        let key = format!("{}.{}", request.tenant, request.id);
        let audit = json!({
            "schema": "carewire.audit/1", "id": request.id, "tenant": request.tenant,
            "outcome": "sms", "channel": "sms", "plugins": [], "reasons": [],
        });
        let outbound = json!({
            "schema": "carewire.outbound/1", "id": request.id, "tenant": request.tenant,
            "channel": "sms", "recipient": request.recipient, "body": request.body,
        });
        let event = json!({
            "schema": "carewire.delivery/1", "id": request.id, "tenant": request.tenant,
            "channel": "sms", "status": "accepted", "provider": "nats",
        });
        for (subject, msg_id, record) in [
            (names.audit(&request.tenant), format!("{key}:audit"), audit),
            (
                format!("{PREFIX}.outbound.sms"),
                format!("{key}:sms:out"),
                outbound,
            ),
            (
                format!("{PREFIX}.delivery.sms"),
                format!("{key}:sms:accepted"),
                event,
            ),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(async_nats::header::NATS_MESSAGE_ID, msg_id.as_str());
            let payload = serde_json::to_vec(&record)?;
            stored.push(
                js.publish_with_headers(subject, headers, payload.into())
                    .await?,
            );
        }
    }
    futures::future::try_join_all(stored.into_iter().map(IntoFuture::into_future)).await?;
    for msg in &batch {
        msg.ack().await.map_err(|e| anyhow::anyhow!("ack: {e}"))?;
    }
    Ok(())
}
