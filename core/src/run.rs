//! `carewire run`: the daemon. Connects to NATS (or starts and supervises a
//! local nats-server), ensures the streams, buckets and consumer, loads the
//! plugins, and routes until SIGINT or SIGTERM.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;

use crate::channel::{NatsChannel, SmsLog};
use crate::config::Config;
use crate::intake::Intake;
use crate::nats::{LocalNatsServer, Names, NatsKv, Settings, ensure_topology, find_binary};
use crate::pipeline::Pipeline;

/// Runs the daemon until `shutdown` resolves.
pub async fn run(
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let (url, _local) = match &config.nats.url {
        Some(url) => (url.clone(), None),
        None => {
            let local = start_local(&config)?;
            (
                format!("nats://127.0.0.1:{}", config.nats.local.port),
                Some(local),
            )
        }
    };
    let client = async_nats::ConnectOptions::new()
        .name("carewire")
        .retry_on_initial_connect()
        .connect(&url)
        .await
        .with_context(|| format!("cannot connect to NATS at {url}"))?;
    let js = async_nats::jetstream::ContextBuilder::new()
        .max_ack_inflight(config.intake.max_in_flight * 4)
        .build(client);

    let names = Names::new(&config.nats.subject_prefix);
    let topology = ensure_topology(
        &js,
        Settings {
            names: &names,
            consumer: &config.intake.consumer,
            ack_wait: Duration::from_secs(config.intake.ack_wait_secs),
            max_ack_pending: i64::try_from(config.intake.max_in_flight * 2).unwrap_or(i64::MAX),
            duplicate_window: Duration::from_secs(config.nats.duplicate_window_secs),
        },
    )
    .await?;

    let sms_log = topology
        .buckets
        .get(&names.sms_log_bucket())
        .cloned()
        .map(SmsLog::new)
        .context("the SMS log bucket is missing")?;
    let kv = Arc::new(NatsKv::new(
        topology.buckets,
        tokio::runtime::Handle::current(),
    ));
    let pipeline_config = config.clone();
    let pipeline = tokio::task::spawn_blocking(move || Pipeline::start(&pipeline_config, kv))
        .await
        .context("plugin loader crashed")??;
    for p in pipeline.spec().plugins() {
        tracing::info!(plugin = %p.name, sha256 = %p.digest, "plugin loaded");
    }
    tracing::info!(
        url = %url,
        consumer = %config.intake.consumer,
        workers = config.plugin_host.workers,
        "carewire is routing"
    );

    let intake = Intake {
        js: js.clone(),
        consumer: topology.consumer,
        pipeline: Arc::new(pipeline),
        channel: Arc::new(NatsChannel::new(js, names.clone())),
        sms_log: Arc::new(sms_log),
        names,
        batch: config.intake.batch,
        max_in_flight: config.intake.max_in_flight,
    };
    intake.run(shutdown).await;
    tracing::info!("carewire stopped");
    Ok(())
}

/// Starts the managed nats-server and a thread that restarts it if it dies.
fn start_local(config: &Config) -> anyhow::Result<Arc<Mutex<LocalNatsServer>>> {
    let binary = find_binary(
        config
            .nats
            .local
            .binary
            .as_deref()
            .map(|p| config.resolve(p))
            .as_deref(),
    )?;
    let store = config.resolve(&config.nats.local.store_dir);
    let port = config.nats.local.port;
    let server = LocalNatsServer::start(&binary, port, &store, &[])
        .with_context(|| format!("cannot start the local nats-server ({})", binary.display()))?;
    tracing::info!(port, store = %store.display(), "started local nats-server");
    let server = Arc::new(Mutex::new(server));
    let watched = Arc::downgrade(&server);
    std::thread::Builder::new()
        .name("carewire-nats-supervisor".into())
        .spawn(move || {
            while let Some(server) = watched.upgrade() {
                if let Ok(mut guard) = server.lock()
                    && guard.exited()
                {
                    tracing::warn!("local nats-server exited; restarting it");
                    match LocalNatsServer::start(&binary, port, &store, &[]) {
                        Ok(new) => *guard = new,
                        Err(e) => tracing::error!(error = %e, "cannot restart local nats-server"),
                    }
                }
                drop(server);
                std::thread::sleep(Duration::from_secs(1));
            }
        })?;
    Ok(server)
}
