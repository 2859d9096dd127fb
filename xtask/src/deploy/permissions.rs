//! The permissions of deploy/nats/accounts.conf on a real nats-server:
//! carewire's own set-up, publishes, KV writes, pulls and acks as user
//! carewire; what the health-system and gateway users need; and what each
//! must not do.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, anyhow, bail, ensure};
use async_nats::jetstream::{self, consumer::pull};
use carewire::channels::Channel;
use carewire::nats::{Names, Settings, ensure_topology, publish_stored};
use futures::StreamExt;

use super::files::read;

/// The users of accounts.conf, by the permissions variable they use.
const ROUTER: &str = "CAREWIRE_ROUTER";
const HEALTH_SYSTEM: &str = "CAREWIRE_HEALTH_SYSTEM";
const GATEWAY: &str = "CAREWIRE_GATEWAY";

/// The inbox prefix accounts.conf gives each user (carewire's is its
/// `nats.inbox_prefix` default).
fn inbox_prefix(user: &str) -> String {
    match user {
        HEALTH_SYSTEM => "_INBOX_health_system".into(),
        GATEWAY => "_INBOX_gateway".into(),
        _ => carewire::config::NatsConfig::default().inbox_prefix,
    }
}

/// accounts.conf with each `{ nkey: U..., permissions: $VAR }` user turned
/// into `{ user: "VAR", password: "pw-VAR", permissions: $VAR }`: the same
/// permissions, with credentials the test knows.
fn accounts_for_test(text: &str) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let var = line.split("permissions: $").nth(1).map(|v| {
            v.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        match (line.find("nkey:"), var) {
            (Some(at), Some(var)) if !line.trim_start().starts_with('#') => {
                let after = &line[at + "nkey:".len()..];
                let key_start = after.len() - after.trim_start().len();
                let key_len = after[key_start..]
                    .find(|c: char| c == ',' || c == '}' || c.is_whitespace())
                    .unwrap_or(after.len() - key_start);
                out.push_str(&line[..at]);
                out.push_str(&format!("user: \"{var}\", password: \"pw-{var}\""));
                out.push_str(&after[key_start + key_len..]);
                seen.insert(var);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    for var in [ROUTER, HEALTH_SYSTEM, GATEWAY] {
        ensure!(
            seen.contains(var),
            "deploy/nats/accounts.conf: no user with `permissions: ${var}` (the check needs \
             the carewire, health-system and gateway users by these variables)"
        );
    }
    Ok(out)
}

pub(super) fn check_permissions(
    root: &Path,
    nats_server: &Path,
    scratch: &Path,
) -> anyhow::Result<()> {
    let dir = scratch.join("permissions");
    std::fs::create_dir_all(&dir)?;
    let accounts = accounts_for_test(&read(root, &root.join("deploy/nats/accounts.conf"))?)?;
    std::fs::write(dir.join("accounts.conf"), accounts)?;
    let conf = dir.join("server.conf");
    // Storage for what carewire's default limits reserve, whatever the free disk.
    std::fs::write(
        &conf,
        format!(
            "server_name: check-deploy\ninclude ./accounts.conf\njetstream {{\n  max_file_store: {}\n}}\n",
            carewire::run::nats_server::STORE_LIMIT
        ),
    )?;
    let port = carewire::run::nats_server::free_port()?;
    let conf_arg = conf.display().to_string();
    let _server = carewire::run::nats_server::LocalNatsServer::start(
        nats_server,
        port,
        &dir.join("js"),
        &["-c", &conf_arg],
    )?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(permissions(port))
}

/// One user's connection, and the server's errors for it.
struct User {
    name: &'static str,
    client: async_nats::Client,
    js: jetstream::Context,
    errors: Arc<Mutex<Vec<String>>>,
}

impl User {
    async fn connect(port: u16, name: &'static str) -> anyhow::Result<User> {
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = errors.clone();
        let client = async_nats::ConnectOptions::with_user_and_password(
            name.to_string(),
            format!("pw-{name}"),
        )
        .name(format!("check-deploy {name}"))
        .custom_inbox_prefix(inbox_prefix(name))
        .event_callback(move |event| {
            let sink = sink.clone();
            async move {
                if let async_nats::Event::ServerError(e) = event
                    && let Ok(mut v) = sink.lock()
                {
                    v.push(e.to_string());
                }
            }
        })
        .connect(format!("nats://127.0.0.1:{port}"))
        .await
        .with_context(|| format!("user of {name} cannot connect"))?;
        let mut js = jetstream::new(client.clone());
        js.set_timeout(Duration::from_secs(5));
        Ok(User {
            name,
            client,
            js,
            errors,
        })
    }

    fn violations(&self) -> Vec<String> {
        self.errors
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.to_lowercase().contains("permissions violation"))
            .collect()
    }

    /// Fails when the server refused anything this user sent so far.
    fn no_violations(&self) -> anyhow::Result<()> {
        let v = self.violations();
        ensure!(
            v.is_empty(),
            "deploy/nats/accounts.conf: user of ${} was refused what it needs:\n  {}",
            self.name,
            v.join("\n  ")
        );
        Ok(())
    }

    /// Publishes to `subject` and expects the server to refuse it.
    async fn expect_denied(&self, subject: &str, why: &str) -> anyhow::Result<()> {
        self.client
            .publish(subject.to_string(), "{}".into())
            .await?;
        self.client.flush().await?;
        for _ in 0..50 {
            if self.violations().iter().any(|v| v.contains(subject)) {
                println!("  deny  ${}: {subject} ({why})", self.name);
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bail!(
            "deploy/nats/accounts.conf: user of ${} may publish to {subject}; it must not ({why})",
            self.name
        )
    }

    /// Subscribes to `subject` and expects the server to refuse it.
    async fn expect_subscribe_denied(&self, subject: &str, why: &str) -> anyhow::Result<()> {
        let _subscription = self.client.subscribe(subject.to_string()).await?;
        self.client.flush().await?;
        let refused = format!("Subscription to \"{subject}\"");
        for _ in 0..50 {
            if self.violations().iter().any(|v| v.contains(&refused)) {
                println!("  deny  ${}: subscribe {subject} ({why})", self.name);
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bail!(
            "deploy/nats/accounts.conf: user of ${} may subscribe to {subject}; it must not ({why})",
            self.name
        )
    }
}

/// Takes one message from `consumer` and acks it, waiting for the server's
/// confirmation (so a refused ack shows).
async fn take_and_ack(consumer: &jetstream::consumer::PullConsumer) -> anyhow::Result<String> {
    let mut batch = consumer
        .fetch()
        .max_messages(1)
        .expires(Duration::from_secs(2))
        .messages()
        .await
        .map_err(|e| anyhow!("pull: {e}"))?;
    let msg = batch
        .next()
        .await
        .ok_or_else(|| anyhow!("no message to pull"))?
        .map_err(|e| anyhow!("pull: {e}"))?;
    msg.double_ack().await.map_err(|e| anyhow!("ack: {e}"))?;
    Ok(msg.subject.to_string())
}

fn pull_config(name: &str, filter: &str) -> pull::Config {
    pull::Config {
        durable_name: Some(name.to_string()),
        filter_subject: filter.to_string(),
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ..Default::default()
    }
}

async fn permissions(port: u16) -> anyhow::Result<()> {
    let router = User::connect(port, ROUTER).await?;
    let health = User::connect(port, HEALTH_SYSTEM).await?;
    let gateway = User::connect(port, GATEWAY).await?;
    scenario(&router, &health, &gateway).await.map_err(|e| {
        // A refused publish or request only times out on the client: say
        // what the server refused.
        let refused: Vec<String> = [&router, &health, &gateway]
            .iter()
            .flat_map(|u| {
                u.violations()
                    .into_iter()
                    .map(|v| format!("${}: {v}", u.name))
            })
            .collect();
        if refused.is_empty() {
            e
        } else {
            e.context(format!(
                "deploy/nats/accounts.conf: the server refused\n  {}",
                refused.join("\n  ")
            ))
        }
    })
}

async fn scenario(router: &User, health: &User, gateway: &User) -> anyhow::Result<()> {
    let names = Names::new("carewire");

    // carewire's own set-up: every stream, bucket and durable consumer.
    let buckets = carewire::config::BucketsConfig::default();
    let settings = |streams| Settings {
        names: &names,
        consumer: "carewire-router",
        ack_wait: Duration::from_secs(30),
        max_ack_pending: 1024,
        duplicate_window: Duration::from_secs(120),
        delivery_ack_wait: Duration::from_secs(60),
        delivery_max_pending: 10_000,
        replicas: 1,
        streams,
        buckets: &buckets,
        redelivery: carewire::nats::Redelivery::after(
            carewire::config::IntakeConfig::default().max_deliver,
        ),
        delivery_redelivery: carewire::nats::Redelivery::after(
            carewire::config::DeliveryConfig::default().max_deliver,
        ),
    };
    let refused = |what: &str| {
        format!(
            "carewire's set-up as user of ${ROUTER} ({what}); refused: {:?}",
            router.violations()
        )
    };
    let defaults = carewire::config::StreamsConfig::default();
    let topology = ensure_topology(&router.js, settings(&defaults))
        .await
        .with_context(|| refused("streams, KV buckets, consumers"))?;
    // A later start with other limits updates the existing streams.
    let longer_dlq = carewire::config::StreamsConfig {
        dlq: carewire::config::LimitsConfig {
            max_age_days: Some(31),
            max_bytes: None,
        },
        ..Default::default()
    };
    ensure_topology(&router.js, settings(&longer_dlq))
        .await
        .with_context(|| refused("updating a stream's limits"))?;
    println!(
        "  allow ${ROUTER}: streams, KV buckets and durable consumers created, limits updated"
    );

    // What carewire stores.
    for subject in [
        names.dispatch(Channel::Sms),
        names.outbound(Channel::Sms),
        names.delivery(Channel::Sms),
        names.audit("acme"),
        names.dlq("invalid"),
        names.sms_replies(),
        names.sms_reply_answers(),
    ] {
        publish_stored(
            &router.js,
            subject.clone(),
            &format!("check-{subject}"),
            async_nats::HeaderMap::new(),
            "{}".into(),
        )
        .await
        .with_context(|| format!("user of ${ROUTER} publishes to {subject}"))?;
    }
    println!(
        "  allow ${ROUTER}: publishes dispatch, outbound, delivery, audit, dlq, replies, answers"
    );

    // KV: every bucket it writes (all of its topology's but the contacts,
    // which it only reads), compare-and-set as carewire does.
    for (bucket, store) in topology
        .buckets
        .iter()
        .filter(|(bucket, _)| **bucket != names.contacts_bucket())
    {
        let what = |op: &str| format!("user of ${ROUTER}: KV {op} in {bucket}");
        let rev = store
            .create("check-key", "1".into())
            .await
            .with_context(|| what("create"))?;
        store
            .entry("check-key")
            .await
            .with_context(|| what("read"))?
            .ok_or_else(|| anyhow!("{}: the key just written is missing", what("read")))?;
        let rev = store
            .update("check-key", "2".into(), rev)
            .await
            .with_context(|| what("update"))?;
        store
            .delete_expect_revision("check-key", Some(rev))
            .await
            .with_context(|| what("delete"))?;
    }
    topology.buckets[&names.contacts_bucket()]
        .get("nobody")
        .await
        .with_context(|| format!("user of ${ROUTER}: KV read in carewire_contacts"))?;
    println!("  allow ${ROUTER}: KV reads and compare-and-set writes");

    // The health system: requests, registries, reading the results.
    health
        .js
        .publish(names.inbound("acme"), "{}".into())
        .await?
        .await
        .with_context(|| format!("user of ${HEALTH_SYSTEM} publishes a request"))?;
    for bucket in [names.consent_bucket(), names.contacts_bucket()] {
        let store = health
            .js
            .get_key_value(&bucket)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} opens KV {bucket}"))?;
        store
            .put("p-check", "{}".into())
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} writes KV {bucket}"))?;
        store
            .get("p-check")
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} reads KV {bucket}"))?;
    }
    for (kind, stream) in [
        ("outbound", "CAREWIRE_OUTBOUND"),
        ("delivery", "CAREWIRE_DELIVERY"),
        ("audit", "CAREWIRE_AUDIT"),
        ("dlq", "CAREWIRE_DLQ"),
    ] {
        let consumer = health
            .js
            .get_stream(stream)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} opens {stream}"))?
            .create_consumer(pull_config(&format!("health-system-{kind}"), ""))
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} makes a consumer on {stream}"))?;
        take_and_ack(&consumer)
            .await
            .with_context(|| format!("user of ${HEALTH_SYSTEM} reads {stream}"))?;
    }
    println!(
        "  allow ${HEALTH_SYSTEM}: publishes requests, writes consent and contacts, reads outbound, delivery, audit, dlq"
    );

    // The gateway: routed messages out, replies in, answers out.
    gateway
        .js
        .publish(names.sms_replies(), "{}".into())
        .await?
        .await
        .with_context(|| format!("user of ${GATEWAY} hands over an SMS reply"))?;
    let outbound = gateway
        .js
        .get_stream("CAREWIRE_OUTBOUND")
        .await
        .with_context(|| format!("user of ${GATEWAY} opens CAREWIRE_OUTBOUND"))?
        .create_consumer(pull_config("gateway-sms", &names.outbound(Channel::Sms)))
        .await
        .with_context(|| format!("user of ${GATEWAY} makes a consumer on CAREWIRE_OUTBOUND"))?;
    take_and_ack(&outbound)
        .await
        .with_context(|| format!("user of ${GATEWAY} reads carewire.outbound.sms"))?;
    let answers = gateway
        .js
        .get_stream("CAREWIRE_REPLIES")
        .await
        .with_context(|| format!("user of ${GATEWAY} opens CAREWIRE_REPLIES"))?
        .create_consumer(pull_config("gateway-answers", &names.sms_reply_answers()))
        .await
        .with_context(|| format!("user of ${GATEWAY} makes a consumer of the answers"))?;
    take_and_ack(&answers)
        .await
        .with_context(|| format!("user of ${GATEWAY} reads carewire.replies.sms.answer"))?;
    println!("  allow ${GATEWAY}: reads outbound, hands over replies, reads answers");

    // carewire's durable consumers: pulls and acks.
    take_and_ack(&topology.consumer)
        .await
        .with_context(|| format!("user of ${ROUTER} pulls a request from carewire-router"))?;
    take_and_ack(&topology.deliveries[&Channel::Sms])
        .await
        .with_context(|| format!("user of ${ROUTER} pulls from carewire-router-deliver-sms"))?;
    take_and_ack(&topology.replies)
        .await
        .with_context(|| format!("user of ${ROUTER} pulls from carewire-router-replies"))?;
    println!("  allow ${ROUTER}: pulls and acks on its durable consumers");

    for user in [router, health, gateway] {
        user.no_violations()?;
    }

    // What each must not do.
    health
        .expect_denied(&names.dispatch(Channel::Sms), "only carewire routes")
        .await?;
    health
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_DISPATCH.x.carewire.dispatch.sms",
            "the work queue is carewire's",
        )
        .await?;
    health
        .expect_denied(
            "$KV.carewire_sms_numbers.15555550101",
            "STOP state is carewire's",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_AUDIT.x",
            "audit records are the health system's",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_REPLIES.x.carewire.replies.sms",
            "the replies are carewire's to consume",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.CREATE.CAREWIRE_REPLIES.carewire-router-replies.carewire.replies.sms.answer",
            "redefining carewire's durable consumer",
        )
        .await?;
    gateway
        .expect_denied(
            "$JS.API.CONSUMER.MSG.NEXT.CAREWIRE_REPLIES.carewire-router-replies",
            "carewire's durable consumer",
        )
        .await?;
    gateway
        .expect_denied(&names.inbound("acme"), "only health systems send requests")
        .await?;
    router
        .expect_denied(&names.inbound("acme"), "carewire never makes requests")
        .await?;
    router
        .expect_denied(
            "$KV.carewire_contacts.p-1",
            "contacts are the health system's",
        )
        .await?;

    // Nobody reads another user's replies (pulled messages, KV reads).
    let carewire_inbox = format!("{}.>", inbox_prefix(ROUTER));
    for (user, other) in [
        (health, &carewire_inbox),
        (gateway, &carewire_inbox),
        (gateway, &format!("{}.>", inbox_prefix(HEALTH_SYSTEM))),
        (health, &format!("{}.>", inbox_prefix(GATEWAY))),
        (router, &format!("{}.>", inbox_prefix(HEALTH_SYSTEM))),
    ] {
        user.expect_subscribe_denied(other, "another user's replies")
            .await?;
    }
    for user in [health, gateway] {
        for subject in ["_INBOX.>", ">"] {
            user.expect_subscribe_denied(subject, "every user's replies")
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nkey_users_become_password_users_with_the_same_permissions() {
        let text = "  { nkey: UABC, permissions: $CAREWIRE_ROUTER }   # carewire\n\
                    { nkey: UDEF, permissions: $CAREWIRE_HEALTH_SYSTEM }\n\
                    { nkey: UGHI, permissions: $CAREWIRE_GATEWAY }\n\
                    { nkey: USYS }\n";
        let out = accounts_for_test(text).unwrap();
        assert!(out.contains(
            "  { user: \"CAREWIRE_ROUTER\", password: \"pw-CAREWIRE_ROUTER\", permissions: $CAREWIRE_ROUTER }   # carewire"
        ), "{out}");
        assert!(out.contains("{ nkey: USYS }"), "{out}");
        assert!(accounts_for_test("{ nkey: UABC }\n").is_err());
    }
}
