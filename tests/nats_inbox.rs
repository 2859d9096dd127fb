//! Nobody but carewire reads what NATS answers carewire (issue 9, finding 2).
//!
//! JetStream hands carewire the requests it pulls, the KV records its
//! plugins read (consent, contacts) and every API answer on carewire's
//! *inbox*: subjects under a prefix that the client chooses. With the
//! default prefix `_INBOX`, any user of the account allowed `_INBOX.>`
//! (deploy/nats/accounts.conf gave that to every user) could subscribe and
//! read them all.
//!
//! Here a real nats-server runs deploy/nats/accounts.conf as an operator
//! would (only the placeholder public keys replaced by keys made here).
//! carewire routes requests as the router user; the health system sends
//! them and keeps the registries. Meanwhile the gateway user and a second
//! health-system connection subscribe to every subject they can think of.
//! Whatever reaches them, but their own inbox, is someone else's traffic:
//! they must hear nothing else, and none of the requests' or registries'
//! contents.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::pull};
use async_nats::{ConnectOptions, Event};
use futures::StreamExt;
use support::*;

/// The inbox prefixes deploy/nats/accounts.conf gives each user.
const CAREWIRE_INBOX: &str = "_INBOX_carewire";
const HEALTH_SYSTEM_INBOX: &str = "_INBOX_health_system";
const GATEWAY_INBOX: &str = "_INBOX_gateway";

/// Requests routed while the others listen.
const REQUESTS: usize = 6;
/// Text of the requests and registries that must reach nobody else.
const PHONE: &str = "+15555550142";
const BODY: &str = "Your biopsy results from Dr. Quillfeather are ready to discuss.";
const SECRETS: &[&str] = &[
    "Quillfeather",
    "5555550142",
    "p-inbox-",
    "written_form",
    "sms_code",
];

/// deploy/nats/accounts.conf with the public key of the user whose
/// `permissions: $<var>` each entry names replaced by the given key.
fn accounts_with_keys(keys: &[(&str, &nkeys::KeyPair)]) -> String {
    let path = repo_root().join("deploy/nats/accounts.conf");
    let text = std::fs::read_to_string(&path).expect("read deploy/nats/accounts.conf");
    let mut replaced = 0;
    let out: Vec<String> = text
        .lines()
        .map(|line| {
            let Some((var, key)) = keys
                .iter()
                .find(|(var, _)| line.contains(&format!("permissions: ${var} ")))
            else {
                return line.to_string();
            };
            let at = line
                .find("nkey: ")
                .unwrap_or_else(|| panic!("the user of ${var} has no nkey: {line}"));
            let start = at + "nkey: ".len();
            let end = start + line[start..].find(',').expect("nkey: U..., permissions");
            replaced += 1;
            format!("{}{}{}", &line[..start], key.public_key(), &line[end..])
        })
        .collect();
    assert_eq!(
        replaced,
        keys.len(),
        "deploy/nats/accounts.conf: expected one user per permissions variable"
    );
    out.join("\n")
}

/// One message an eavesdropper received.
#[derive(Clone)]
struct Heard {
    /// The subscription it came through.
    through: String,
    /// Its subject (for a message JetStream delivers, the stream's subject).
    subject: String,
    payload: String,
}

/// A connection that subscribes to everything it can and records what it hears.
struct Eavesdropper {
    who: &'static str,
    inbox: &'static str,
    client: async_nats::Client,
    heard: Arc<Mutex<Vec<Heard>>>,
    refused: Arc<Mutex<Vec<String>>>,
}

impl Eavesdropper {
    async fn listen(url: &str, who: &'static str, seed: String, inbox: &'static str) -> Self {
        let refused = Arc::new(Mutex::new(Vec::new()));
        let sink = refused.clone();
        let client = ConnectOptions::with_nkey(seed)
            .custom_inbox_prefix(inbox)
            .event_callback(move |event| {
                let sink = sink.clone();
                async move {
                    if let Event::ServerError(e) = event {
                        sink.lock().unwrap().push(e.to_string());
                    }
                }
            })
            .connect(url)
            .await
            .unwrap_or_else(|e| panic!("{who} cannot connect: {e}"));
        let heard = Arc::new(Mutex::new(Vec::new()));
        let own = format!("{inbox}.>");
        for subject in [
            ">",
            "_INBOX.>",
            &format!("{CAREWIRE_INBOX}.>"),
            &format!("{HEALTH_SYSTEM_INBOX}.>"),
            &format!("{GATEWAY_INBOX}.>"),
            "$JS.>",
            "$KV.>",
            "carewire.>",
            &own,
        ] {
            let mut sub = client
                .subscribe(subject.to_string())
                .await
                .unwrap_or_else(|e| panic!("{who}: subscribe {subject}: {e}"));
            let heard = heard.clone();
            let through = subject.to_string();
            tokio::spawn(async move {
                while let Some(msg) = sub.next().await {
                    let payload = String::from_utf8_lossy(&msg.payload).into_owned();
                    heard.lock().unwrap().push(Heard {
                        through: through.clone(),
                        subject: msg.subject.to_string(),
                        payload,
                    });
                }
            });
        }
        client.flush().await.expect("flush subscriptions");
        Self {
            who,
            inbox,
            client,
            heard,
            refused,
        }
    }

    /// Everything it heard so far.
    fn heard(&self) -> Vec<Heard> {
        self.heard.lock().unwrap().clone()
    }

    /// What it heard through subscriptions other than the one to its own
    /// inbox (what reaches it through `<inbox>.>` are answers to its user).
    fn foreign(&self) -> Vec<Heard> {
        let own = format!("{}.>", self.inbox);
        self.heard()
            .into_iter()
            .filter(|h| h.through != own)
            .collect()
    }

    /// How many messages it heard on its own inbox.
    fn heard_own(&self) -> usize {
        self.heard().len() - self.foreign().len()
    }
}

/// Reads decision audit records as the health system does (a pull consumer
/// of its own) until there are `n`; returns them.
async fn audits(js: &jetstream::Context, n: usize) -> Vec<serde_json::Value> {
    let consumer = js
        .get_stream("CAREWIRE_AUDIT")
        .await
        .expect("the health system opens CAREWIRE_AUDIT")
        .create_consumer(pull::Config {
            durable_name: Some("health-system-audit".into()),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            ..Default::default()
        })
        .await
        .expect("the health system makes an audit consumer");
    let mut messages = consumer.messages().await.expect("pull audit records");
    let started = Instant::now();
    let mut found = Vec::new();
    while found.len() < n {
        let left = WAIT.saturating_sub(started.elapsed());
        let msg = tokio::time::timeout(left, messages.next())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "only {} of {n} decision audit records after {WAIT:?}: {found:#?}",
                    found.len()
                )
            })
            .expect("the audit consumer ended")
            .expect("audit record");
        msg.ack().await.expect("ack");
        let record: serde_json::Value = serde_json::from_slice(&msg.payload).expect("JSON");
        if record["schema"] == DECISION_AUDIT {
            found.push(record);
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_users_of_the_account_cannot_read_carewires_replies() {
    let router = nkeys::KeyPair::new_user();
    let health = nkeys::KeyPair::new_user();
    let gateway = nkeys::KeyPair::new_user();
    let nats = Nats::start_with_config(&accounts_with_keys(&[
        ("CAREWIRE_ROUTER", &router),
        ("CAREWIRE_HEALTH_SYSTEM", &health),
        ("CAREWIRE_GATEWAY", &gateway),
    ]));
    let url = nats.url();

    // They listen before carewire connects: its set-up is heard too.
    let listeners = [
        Eavesdropper::listen(&url, "gateway", gateway.seed().unwrap(), GATEWAY_INBOX).await,
        Eavesdropper::listen(
            &url,
            "health-system",
            health.seed().unwrap(),
            HEALTH_SYSTEM_INBOX,
        )
        .await,
    ];

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("carewire.nk"), router.seed().unwrap()).unwrap();
    let mut spec = ConfigSpec::new(Some(url.clone()), clinical_plugins());
    spec.nats_nkey_seed_file = Some("carewire.nk".into());
    let config = spec.write(dir.path());
    let mut carewire = Carewire::start_ready(&config, dir.path(), "carewire.log", &[]);

    // The health system: registries, then requests.
    let client = ConnectOptions::with_nkey(health.seed().unwrap())
        .custom_inbox_prefix(HEALTH_SYSTEM_INBOX)
        .connect(&url)
        .await
        .expect("the health system connects");
    let js = jetstream::new(client);
    let ids: Vec<String> = (0..REQUESTS).map(|n| format!("inbox-{n}")).collect();
    for (n, id) in ids.iter().enumerate() {
        let patient = format!("p-inbox-{n}");
        seed(
            &js,
            CONSENT_BUCKET,
            &[(patient.as_str(), consent_granted(true))],
        )
        .await;
        seed(
            &js,
            CONTACTS_BUCKET,
            &[(patient.as_str(), verified_self(PHONE))],
        )
        .await;
        publish_json(&js, "acme", &envelope(id, &patient, Some(PHONE), BODY)).await;
    }
    // Routed by SMS: carewire read each patient's contacts and consent.
    let records = audits(&js, REQUESTS).await;
    for id in &ids {
        let record = records
            .iter()
            .find(|r| r["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no audit record for {id}: {records:#?}"));
        assert_eq!(record["outcome"], "sms", "{record:#}");
    }
    carewire.assert_running();
    // accounts.conf lets carewire make its batched KV reads.
    let log = carewire.stderr();
    assert!(
        !log.contains("batched KV read failed"),
        "carewire's batched KV reads were refused:\n{log}"
    );

    for listener in &listeners {
        // Its subscriptions work: its own JetStream request is answered on
        // its own inbox, and the copy reaches its wildcard subscription.
        jetstream::new(listener.client.clone())
            .query_account()
            .await
            .unwrap_or_else(|e| panic!("{}: JetStream account info: {e}", listener.who));
        listener.client.flush().await.expect("flush");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    for listener in &listeners {
        let who = listener.who;
        assert!(
            listener.heard_own() > 0,
            "{who} heard nothing on its own inbox: its subscriptions do not work, so the test proves nothing"
        );
        let foreign = listener.foreign();
        let leaked: Vec<&Heard> = foreign
            .iter()
            .filter(|h| SECRETS.iter().any(|s| h.payload.contains(s)))
            .collect();
        assert!(
            leaked.is_empty(),
            "{who} read {} messages with requests' or registries' contents, e.g. {:?}",
            leaked.len(),
            leaked
                .iter()
                .take(5)
                .map(|h| format!("{} through {}", h.subject, h.through))
                .collect::<Vec<_>>()
        );
        assert!(
            foreign.is_empty(),
            "{who} heard {} messages not addressed to it, e.g. {:?}",
            foreign.len(),
            foreign
                .iter()
                .take(10)
                .map(|h| format!("{} through {}", h.subject, h.through))
                .collect::<Vec<_>>()
        );
        // The server said no to carewire's inbox, not merely stayed silent.
        let refused = listener.refused.lock().unwrap().join("\n");
        assert!(
            refused.contains(&format!("\"{CAREWIRE_INBOX}.>\"")),
            "{who}: the server did not refuse a subscription to {CAREWIRE_INBOX}.>:\n{refused}"
        );
    }
}
