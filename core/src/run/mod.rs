//! `carewire run`: the daemon. Connects to NATS (or starts and supervises a
//! local nats-server), ensures the streams, buckets and consumer, loads the
//! plugins, and routes and delivers until SIGINT or SIGTERM; reloads the
//! pipeline on SIGHUP; serves health (and the SMS webhooks) over HTTP.

pub mod decision_line;
pub mod health;
pub mod listener;
pub mod nats_server;
pub mod plugin_new;
pub mod plugin_test;
pub mod replay;
pub mod shadow;

use health::Readiness;
use nats_server::{LocalNatsServer, Sync, find_binary};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;

use crate::chain::KvReader;
use crate::channels::{
    Channel, FhirClient, HttpTarget, NatsChannel, PagerDutyClient, SmsLog, SmsNumbers,
    TwilioClient, WebhookClient, http_client,
};
use crate::config::{Config, Target};
use crate::delivery::ledger::Ledger;
use crate::delivery::quiet_hours::QuietHours;
use crate::delivery::sms_gate::SmsGate;
use crate::delivery::{Deliverer, RetryPolicy, TargetRuntime};
use crate::dispatch::Decisions;
use crate::intake::Intake;
use crate::nats::{Names, NatsKv, Redelivery, Settings, ensure_topology};
use crate::replies::plain_language::{PlainLanguage, PlainLanguageError};
use crate::replies::{Replies, consume_replies};
use crate::route::{Pipeline, PipelineSlot};
use crate::webhooks::{self, WebhookSlot, WebhookState};

/// Runs the daemon until `shutdown` resolves. `config_path` is read again
/// on SIGHUP (see [`reload_on_sighup`]).
pub async fn run(
    config: Config,
    config_path: PathBuf,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let shutdown = crate::nats::shutdown(shutdown);
    let telemetry =
        crate::telemetry::init(&config.telemetry, &|p: &std::path::Path| config.resolve(p))?;
    let readiness = Arc::new(Readiness::default());
    let webhook_slot = Arc::new(WebhookSlot::new());
    let mut tasks = Vec::new();
    if let Some(http) = &config.http {
        // Up first, so that /healthz answers while plugins compile.
        let socket = tokio::net::TcpListener::bind(http.listen)
            .await
            .with_context(|| format!("cannot listen on {}", http.listen))?;
        let mut router = health::router(readiness.clone());
        if config.channels.sms.twilio.is_some() {
            router = router.merge(webhooks::router(webhook_slot.clone()));
        }
        let limits = listener::Limits::from_config(http);
        tracing::info!(listen = %http.listen, public_url = %http.public_url, ?limits, "HTTP listening");
        tasks.push(tokio::spawn(listener::serve(
            socket,
            router,
            limits,
            shutdown.clone(),
        )));
    }
    {
        let (readiness, shutdown) = (readiness.clone(), shutdown.clone());
        tokio::spawn(async move {
            shutdown.await;
            readiness.set_draining();
        });
    }
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
    // Waits for NATS while it is unreachable (SIGTERM still stops carewire);
    // fails at once on refused credentials or TLS.
    let client = tokio::select! {
        client = crate::nats::connect(&config, &url) => client?,
        () = shutdown.clone() => {
            tracing::info!("carewire stopped before NATS could be reached");
            return Ok(());
        }
    };
    readiness.set_nats(client.clone());
    let js = async_nats::jetstream::ContextBuilder::new()
        .max_ack_inflight(config.intake.max_in_flight * 4)
        .build(client.clone());

    let names = Names::new(&config.nats.subject_prefix);
    let Some(topology) = set_up_topology(&js, &config, &names, &readiness, &shutdown).await? else {
        tracing::info!("carewire stopped before JetStream could be set up");
        return Ok(());
    };
    let bucket = |name: String| {
        topology
            .buckets
            .get(&name)
            .cloned()
            .with_context(|| format!("the KV bucket {name} is missing"))
    };
    let sms_log = SmsLog::new(bucket(names.sms_log_bucket())?);
    let numbers = bucket(names.sms_numbers_bucket())?;
    let ledger = Arc::new(Ledger::new(bucket(names.deliveries_bucket())?));
    let decisions = bucket(names.decisions_bucket())?;
    tasks.push(tokio::spawn(crate::nats::writes::probe(
        js.clone(),
        names.clone(),
        decisions.clone(),
        shutdown.clone(),
    )));
    let replies = Arc::new(Replies {
        numbers: SmsNumbers::new(numbers.clone()),
        applied: bucket(names.reply_ids_bucket())?,
        config: config.channels.sms.replies.clone(),
        default_region: config.channels.sms.default_region.clone(),
        plain_language: plain_language(&config)?,
    });
    let kv: Arc<dyn KvReader> = Arc::new(NatsKv::new(&client, topology.buckets.clone()));
    let pipeline_config = config.clone();
    let plugin_kv = kv.clone();
    let pipeline =
        tokio::task::spawn_blocking(move || Pipeline::start(&pipeline_config, plugin_kv))
            .await
            .context("plugin loader crashed")??;
    for p in pipeline.spec().plugins() {
        tracing::info!(plugin = %p.name, sha256 = %p.digest, "plugin loaded");
    }
    readiness.set_plugins_loaded();
    let pipeline = Arc::new(PipelineSlot::new(pipeline));
    tasks.push(tokio::spawn(reload_on_sighup(
        config_path,
        pipeline.clone(),
        kv.clone(),
        shutdown.clone(),
    )?));

    let mut consumers = vec![topology.consumer.clone()];
    consumers.extend(topology.deliveries.values().cloned());
    tasks.push(tokio::spawn(watch_pending(consumers, shutdown.clone())));
    let mut deliveries = topology.deliveries;
    let mut direct = Vec::new();
    for channel in Channel::ALL {
        let consumer = deliveries
            .remove(&channel)
            .with_context(|| format!("the {channel} delivery consumer is missing"))?;
        let deliverer = Deliverer {
            channel,
            js: js.clone(),
            names: names.clone(),
            consumer,
            targets: targets(&config, channel, &js, &names),
            ledger: ledger.clone(),
            sms_gate: (channel == Channel::Sms)
                .then(|| -> anyhow::Result<SmsGate> {
                    let sms = &config.channels.sms;
                    Ok(SmsGate {
                        numbers: SmsNumbers::new(numbers.clone()),
                        quiet_hours: QuietHours::new(&sms.quiet_hours)
                            .map_err(anyhow::Error::msg)?,
                        max_length: sms.max_length,
                        default_region: sms.default_region.clone(),
                        release_jitter: Duration::from_secs(sms.quiet_hours.release_jitter_secs),
                    })
                })
                .transpose()?,
            retry: RetryPolicy::from_config(&config.delivery),
            redelivery: Redelivery::after(config.delivery.max_deliver),
            dispatch_max_age: config.nats.streams.retention("dispatch").max_age,
            max_in_flight: config.delivery.max_in_flight,
        };
        tracing::info!(%channel, targets = ?deliverer.targets.iter().map(|t| t.name()).collect::<Vec<_>>(), "delivering");
        let deliverer = Arc::new(deliverer);
        if deliverer.is_direct() {
            direct.push(deliverer.clone());
        }
        tasks.push(tokio::spawn(deliverer.run(shutdown.clone())));
    }
    {
        let (replies, js, names, consumer, shutdown) = (
            replies.clone(),
            js.clone(),
            names.clone(),
            topology.replies,
            shutdown.clone(),
        );
        tasks.push(tokio::spawn(async move {
            consume_replies(&replies, &js, &names, &consumer, shutdown).await;
        }));
    }
    if let Some(twilio) = &config.channels.sms.twilio
        && let Some(http) = &config.http
    {
        let _ = webhook_slot.set(Arc::new(WebhookState {
            js: js.clone(),
            names: names.clone(),
            auth_token: twilio.auth_token.clone(),
            public_url: http.public_url.trim_end_matches('/').to_string(),
            ledger: ledger.clone(),
            replies: replies.clone(),
        }));
    }
    readiness.set_consumers_bound();

    tracing::info!(
        url = %url,
        consumer = %config.intake.consumer,
        workers = config.plugin_host.workers,
        "carewire is routing"
    );
    let intake = Intake {
        js: js.clone(),
        consumer: topology.consumer,
        pipeline,
        decisions: Arc::new(Decisions::new(decisions, js.client().max_payload())),
        sms_log: Arc::new(sms_log),
        direct,
        names,
        redelivery: Redelivery::after(config.intake.max_deliver),
        batch: config.intake.batch,
        max_in_flight: config.intake.max_in_flight,
    };
    // On the runtime's worker threads, beside the NATS connection's tasks,
    // rather than on this thread: every wake-up of a message would
    // otherwise be a switch to a thread parked outside the runtime.
    if let Err(e) = tokio::spawn(intake.run(shutdown)).await
        && e.is_panic()
    {
        std::panic::resume_unwind(e.into_panic());
    }
    for task in tasks {
        let _ = task.await;
    }
    tracing::info!("carewire stopped");
    let _ = tokio::task::spawn_blocking(move || telemetry.shutdown()).await;
    Ok(())
}

/// Creates or opens the streams, buckets and consumers, waiting (a pause of
/// 1 s, doubling to 15 s, between attempts) while JetStream cannot answer:
/// a request timed out or found no responder, a stream has no leader yet.
/// `/readyz` says why meanwhile. Fails only on what waiting cannot fix
/// (JetStream refusing the config); `None` when shutdown came first.
async fn set_up_topology(
    js: &async_nats::jetstream::Context,
    config: &Config,
    names: &Names,
    readiness: &Readiness,
    shutdown: &crate::nats::Shutdown,
) -> anyhow::Result<Option<crate::nats::Topology>> {
    let mut pause = Duration::from_secs(1);
    let mut attempt = 0u64;
    loop {
        attempt += 1;
        let settings = Settings::from_config(names, config);
        match ensure_topology(js, settings).await {
            Ok(topology) => {
                if attempt > 1 {
                    tracing::info!(attempt, "JetStream answered: streams and consumers set up");
                }
                readiness.set_setup_waiting(None);
                return Ok(Some(topology));
            }
            Err(e) if e.is_transient() => {
                tracing::warn!(error = %e, attempt, retry_in_ms = pause.as_millis() as u64, "JetStream cannot set up carewire's streams yet; waiting");
                readiness.set_setup_waiting(Some(e.to_string()));
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = shutdown.clone() => return Ok(None),
                }
                pause = (pause * 2).min(Duration::from_secs(15));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Reports each consumer's pending count to the `carewire.consumer.pending`
/// gauge every few seconds.
async fn watch_pending(
    mut consumers: Vec<async_nats::jetstream::consumer::PullConsumer>,
    shutdown: crate::nats::Shutdown,
) {
    loop {
        for consumer in &mut consumers {
            if let Ok(info) = consumer.info().await {
                crate::telemetry::metrics::get().set_pending(&info.name, info.num_pending);
            }
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
            () = shutdown.clone() => return,
        }
    }
}

/// On SIGHUP: reads the config again, loads and verifies its plugins, and
/// swaps the pipeline (plugin chain and routing rules) between messages. A
/// config or plugin that does not load leaves the running pipeline in place
/// and says why. Other sections (NATS, channels, delivery) take effect at
/// the next start.
fn reload_on_sighup(
    path: PathBuf,
    slot: Arc<PipelineSlot>,
    kv: Arc<dyn KvReader>,
    shutdown: crate::nats::Shutdown,
) -> anyhow::Result<impl std::future::Future<Output = ()>> {
    let mut hangups = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        .context("cannot install the SIGHUP handler")?;
    Ok(async move {
        loop {
            tokio::select! {
                got = hangups.recv() => if got.is_none() { return },
                () = shutdown.clone() => return,
            }
            tracing::info!(config = %path.display(), "SIGHUP: reloading the config and plugins");
            let config = match Config::load(&path) {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %e, "reload refused: the running pipeline stays");
                    continue;
                }
            };
            let kv = kv.clone();
            let loaded = tokio::task::spawn_blocking(move || Pipeline::start(&config, kv)).await;
            match loaded {
                Ok(Ok(pipeline)) => {
                    let plugins: Vec<String> = pipeline
                        .spec()
                        .plugins()
                        .iter()
                        .map(|p| format!("{}@{}", p.name, &p.digest[..12.min(p.digest.len())]))
                        .collect();
                    slot.replace(pipeline);
                    tracing::info!(plugins = ?plugins, "reloaded: new messages take the new pipeline");
                }
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "reload refused: the running pipeline stays");
                }
                Err(e) => {
                    tracing::error!(error = %e, "reload crashed: the running pipeline stays");
                }
            }
        }
    })
}

/// The targets of one channel, as configured.
fn targets(
    config: &Config,
    channel: Channel,
    js: &async_nats::jetstream::Context,
    names: &Names,
) -> Vec<TargetRuntime> {
    let http = http_client(Duration::from_millis(config.delivery.request_timeout_ms));
    let c = &config.channels;
    let callback = config
        .http
        .as_ref()
        .map(|h| format!("{}/sms/status", h.public_url.trim_end_matches('/')));
    let escalation = &c.escalation;
    let configured = match channel {
        Channel::Sms => &c.sms.targets,
        Channel::Portal => &c.portal.targets,
        Channel::Escalation => &escalation.targets,
    };
    // Validation made sure every named target has its settings.
    configured
        .iter()
        .filter_map(|target| {
            Some(match target {
                Target::Nats => TargetRuntime::Nats(NatsChannel::new(js.clone(), names.clone())),
                Target::Twilio => {
                    let t = c.sms.twilio.as_ref()?;
                    TargetRuntime::http(
                        HttpTarget::Twilio(TwilioClient::new(
                            t,
                            http.clone(),
                            callback.clone(),
                            &c.sms.default_region,
                        )),
                        t.rate,
                    )
                }
                Target::Fhir => {
                    let f = c.portal.fhir.as_ref()?;
                    TargetRuntime::http(HttpTarget::Fhir(FhirClient::new(f, http.clone())), f.rate)
                }
                Target::Pagerduty => {
                    let p = escalation.pagerduty.as_ref()?;
                    TargetRuntime::http(
                        HttpTarget::PagerDuty(PagerDutyClient::new(
                            p,
                            http.clone(),
                            escalation.include_body,
                            escalation.link_template.clone(),
                        )),
                        p.rate,
                    )
                }
                Target::Webhook => {
                    let w = escalation.webhook.as_ref()?;
                    TargetRuntime::http(
                        HttpTarget::Webhook(WebhookClient::new(
                            w,
                            http.clone(),
                            escalation.include_body,
                            escalation.link_template.clone(),
                        )),
                        w.rate,
                    )
                }
            })
        })
        .collect()
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
    let server = LocalNatsServer::start_with(&binary, port, &store, Sync::Always)
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
                    match LocalNatsServer::start_with(&binary, port, &store, Sync::Always) {
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

/// The plain-language opt-out files of `[channels.sms.replies]`, read and
/// checked against their examples.
pub fn plain_language(config: &Config) -> Result<PlainLanguage, PlainLanguageError> {
    let paths: Vec<PathBuf> = config
        .channels
        .sms
        .replies
        .plain_language
        .iter()
        .map(|p| config.resolve(p))
        .collect();
    PlainLanguage::load(&paths)
}
