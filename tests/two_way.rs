//! Two-way SMS against a real nats-server, the built plugins and a fake
//! Twilio: status callbacks and patients' replies must carry Twilio's
//! signature, and an empty auth token is refused; STOP (a carrier keyword
//! or plain language), START and HELP change the number's opt-out and never
//! a consent record, and the consent plugin denies SMS to an opted-out
//! number, over the webhook and over NATS; a STOP is stored before it is
//! answered and applied when the KV store takes it, in order across two
//! carewire processes, and a replayed START changes nothing; a STOP while
//! an SMS waits out quiet hours cancels it and sends the message to the
//! portal instead; and slow clients cannot take the HTTP listener.

mod support;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_nats::jetstream::{self, kv};
use carewire::run::nats_server::free_port;
use serde_json::{Value, json};
use support::providers::{Behaviour, FakeProvider, twilio_signature};
use support::*;

const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN: &str = "two-way-auth-token";
/// carewire's sending number.
const FROM: &str = "+15550001111";
const TENANT: &str = "northwind";

/// A patient's key in the per-patient buckets, within [`TENANT`].
fn patient_key(patient: &str) -> String {
    format!("{TENANT}.{patient}")
}
const NUMBERS_BUCKET: &str = "carewire_sms_numbers";

const HELP_TEXT: &str =
    "Northwind Clinic care team texts. Reply STOP to end, START to resume. Emergencies: call 911.";
/// With an `&`, which TwiML (XML) must escape.
const STOP_TEXT: &str = "You are unsubscribed & will get no more texts. Reply START to resume.";
const START_TEXT: &str = "You are subscribed again. Reply STOP to end texts.";
/// What the consent plugin sends instead of a body without written PHI consent.
const NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";

// ---------------------------------------------------------------- the stack

/// What one test runs against.
struct Options {
    /// SMS through the fake Twilio (else `carewire.outbound.sms`).
    twilio: bool,
    /// carewire's webhook listener (needs `twilio`).
    http: bool,
    /// `[channels.sms.quiet_hours]` (else quiet hours are off).
    quiet_hours: Option<String>,
    /// More `[http]` keys (limits and timeouts of the listener).
    http_extra: String,
    /// `nats.duplicate_window_secs`.
    duplicate_window_secs: u64,
    /// carewire's soft limit of open files (else the test's own).
    open_files: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            twilio: true,
            http: true,
            quiet_hours: None,
            http_extra: String::new(),
            duplicate_window_secs: 600,
            open_files: None,
        }
    }
}

/// nats-server, the fake Twilio and carewire; dropped in field order (carewire
/// first, nats-server last).
struct Stack {
    carewire: Carewire,
    twilio: Option<FakeProvider>,
    /// `http://127.0.0.1:PORT`: carewire's `[http] public_url` (and listen address).
    public_url: String,
    js: jetstream::Context,
    _client: async_nats::Client,
    http: reqwest::Client,
    options: Options,
    dir: tempfile::TempDir,
    nats: Nats,
}

/// A second carewire process of a [`Stack`]: the same NATS server, consumers
/// and fake Twilio, its own listener.
struct Peer {
    carewire: Carewire,
    public_url: String,
}

impl Stack {
    async fn start(options: Options) -> Stack {
        let nats = Nats::start();
        let dir = tempfile::tempdir().expect("tempdir");
        let twilio = if options.twilio {
            Some(FakeProvider::twilio(ACCOUNT_SID, AUTH_TOKEN).await)
        } else {
            None
        };
        let (config, public_url) =
            write_config(&options, &nats, twilio.as_ref(), &dir.path().join("first"));
        let log_dir = config.parent().expect("the config's directory");
        // Debug logs, so the PHI checks of the log see everything carewire says.
        let envs = [("CAREWIRE_LOG", "debug")];
        let carewire = match options.open_files {
            Some(limit) => {
                let mut carewire =
                    Carewire::start_with_open_files(&config, log_dir, "carewire.log", &envs, limit);
                carewire.wait_ready(Duration::from_secs(60));
                carewire
            }
            None => Carewire::start_ready(&config, log_dir, "carewire.log", &envs),
        };
        let (client, js) = nats.connect().await;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .no_proxy()
            .build()
            .expect("an HTTP client");
        Stack {
            carewire,
            twilio,
            public_url,
            js,
            _client: client,
            http,
            options,
            dir,
            nats,
        }
    }

    /// Starts another carewire process like the first (`name` is its
    /// directory under the stack's).
    fn start_peer(&self, name: &str) -> Peer {
        let (config, public_url) = write_config(
            &self.options,
            &self.nats,
            self.twilio.as_ref(),
            &self.dir.path().join(name),
        );
        let log_dir = config.parent().expect("the config's directory");
        let carewire = Carewire::start_ready(
            &config,
            log_dir,
            "carewire.log",
            &[("CAREWIRE_LOG", "debug")],
        );
        Peer {
            carewire,
            public_url,
        }
    }

    fn twilio(&self) -> &FakeProvider {
        self.twilio.as_ref().expect("this stack has a fake Twilio")
    }

    /// A patient with SMS consent (the record returned) and a verified phone.
    async fn patient(&self, id: &str, phone: &str, phi_over_sms: bool) -> Value {
        let consent = consent_granted(phi_over_sms);
        seed_in(&self.js, TENANT, CONSENT_BUCKET, &[(id, consent.clone())]).await;
        seed_in(
            &self.js,
            TENANT,
            CONTACTS_BUCKET,
            &[(id, verified_self(phone))],
        )
        .await;
        consent
    }

    /// Publishes a message for `patient` at `phone`, of tenant [`TENANT`].
    async fn send(&self, id: &str, patient: &str, phone: &str, body: &str) {
        let mut e = envelope(id, patient, Some(phone), body);
        e["tenant"] = json!(TENANT);
        publish_json(&self.js, TENANT, &e).await;
    }

    async fn numbers(&self) -> kv::Store {
        bucket(&self.js, NUMBERS_BUCKET).await
    }

    async fn consent(&self) -> kv::Store {
        bucket(&self.js, CONSENT_BUCKET).await
    }

    /// POSTs a form to carewire's webhook listener, with `signature` as
    /// `X-Twilio-Signature` when given.
    async fn post(
        &self,
        url: &str,
        params: &[(&str, &str)],
        signature: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.http.post(url).form(params);
        if let Some(signature) = signature {
            request = request.header("X-Twilio-Signature", signature);
        }
        request
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {url} failed: {e}"))
    }

    /// POSTs a form signed as Twilio signs it (over `url` and `params`).
    async fn post_signed(&self, url: &str, params: &[(&str, &str)]) -> reqwest::Response {
        let signature = twilio_signature(AUTH_TOKEN, url, params);
        self.post(url, params, Some(&signature)).await
    }

    /// A patient's reply from `from`, signed, as Twilio's incoming-message
    /// webhook sends it (with a new `MessageSid`); returns the TwiML answered.
    async fn reply(&self, from: &str, body: &str) -> String {
        self.reply_to(&self.public_url, &new_sid(), from, body)
            .await
    }

    /// The reply `sid` from `from`, signed, to the carewire process at
    /// `public_url`; returns the TwiML answered. The same arguments make the
    /// same request, as a replay would.
    async fn reply_to(&self, public_url: &str, sid: &str, from: &str, body: &str) -> String {
        let url = format!("{public_url}/sms/inbound");
        let params = inbound_params(sid, from, body);
        let response = self.post_signed(&url, &params).await;
        twiml_of(response, &format!("the reply {body:?} ({sid})")).await
    }

    /// Waits until carewire has applied every reply stored so far.
    async fn replies_applied(&self) {
        wait_replies_applied(&self.js).await;
    }

    fn inbound_url(&self) -> String {
        format!("{}/sms/inbound", self.public_url)
    }

    #[track_caller]
    fn assert_running(&mut self) {
        self.carewire.assert_running();
    }
}

/// Writes the config of one carewire process of a stack into `dir` (on a
/// free port of its own); returns it and the process's public URL.
fn write_config(
    options: &Options,
    nats: &Nats,
    twilio: Option<&FakeProvider>,
    dir: &std::path::Path,
) -> (std::path::PathBuf, String) {
    std::fs::create_dir_all(dir).expect("the process's directory");
    let port = free_port().expect("a free port for carewire's webhooks");
    let public_url = format!("http://127.0.0.1:{port}");
    let mut extra = String::new();
    if options.http {
        extra.push_str(&format!(
            "\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"{public_url}\"\n{}",
            options.http_extra
        ));
    }
    if let Some(twilio) = twilio {
        extra.push_str(&format!(
            "\n[channels.sms]\ntargets = [\"twilio\"]\n\n[channels.sms.twilio]\nbase_url = \"{}\"\naccount_sid = \"{ACCOUNT_SID}\"\nauth_token = \"{AUTH_TOKEN}\"\nfrom = \"{FROM}\"\n",
            twilio.base_url()
        ));
    }
    let plain_language: Vec<String> = ["en", "es"]
        .iter()
        .map(|lang| {
            let path = repo_root().join(format!("examples/replies/plain_language.{lang}.toml"));
            toml_str(&path.to_string_lossy())
        })
        .collect();
    extra.push_str(&format!(
        "\n[channels.sms.replies]\nhelp_text = \"{HELP_TEXT}\"\nstop_text = \"{STOP_TEXT}\"\nstart_text = \"{START_TEXT}\"\nplain_language = [{}]\n",
        plain_language.join(", ")
    ));
    let mut spec = ConfigSpec::new(Some(nats.url()), clinical_plugins());
    spec.duplicate_window_secs = options.duplicate_window_secs;
    if let Some(quiet_hours) = &options.quiet_hours {
        spec.quiet_hours = true;
        extra.push_str(quiet_hours);
    }
    spec.extra_toml = extra;
    (spec.write(dir), public_url)
}

/// The durable consumer that applies patients' replies.
const REPLIES_CONSUMER: &str = "carewire-router-replies";

/// The replies consumer's info.
async fn replies_consumer(js: &jetstream::Context) -> jetstream::consumer::Info {
    js.get_stream("CAREWIRE_REPLIES")
        .await
        .expect("the replies stream")
        .consumer_info(REPLIES_CONSUMER)
        .await
        .expect("the replies consumer's info")
}

/// Waits until the replies consumer has nothing left to deliver and nothing
/// awaiting its ack: every reply stored so far has been applied.
async fn wait_replies_applied(js: &jetstream::Context) {
    let started = Instant::now();
    loop {
        let info = replies_consumer(js).await;
        if info.num_pending == 0 && info.num_ack_pending == 0 {
            return;
        }
        assert!(
            started.elapsed() < WAIT,
            "replies not applied after {WAIT:?}: {info:#?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// A new Twilio message sid (`SM` and 32 hex digits), unique in this run.
fn new_sid() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("SM{:016x}{n:016x}", std::process::id())
}

/// The form of Twilio's incoming-message webhook for the message `sid`.
fn inbound_params<'a>(sid: &'a str, from: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("ToCountry", "US"),
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("To", FROM),
        ("Body", body),
        ("NumSegments", "1"),
        ("ApiVersion", "2010-04-01"),
    ]
}

/// The TwiML of a 200 `application/xml` answer.
async fn twiml_of(response: reqwest::Response, what: &str) -> String {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response.text().await.expect("a response body");
    assert_eq!(status.as_u16(), 200, "{what}: answered {status}: {body}");
    assert!(
        content_type.starts_with("application/xml"),
        "{what}: Content-Type {content_type:?}, body {body}"
    );
    body
}

/// TwiML answering with `text` (escaped as XML text: `&` as `&amp;`).
fn message_twiml(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<Response><Message>{escaped}</Message></Response>")
}

/// Asserts `twiml` is the empty answer: `<Response/>`, no message.
fn assert_empty_twiml(twiml: &str, what: &str) {
    assert!(
        twiml.contains("<Response/>") || twiml.contains("<Response></Response>"),
        "{what}: expected an empty TwiML <Response/>, got {twiml}"
    );
    assert!(
        !twiml.contains("<Message"),
        "{what}: expected no message, got {twiml}"
    );
}

/// The KV key of an E.164 number in the numbers bucket: its digits.
fn number_key(e164: &str) -> String {
    e164.chars().filter(char::is_ascii_digit).collect()
}

/// Whether a number's record says it opted out (no record: it did not).
fn opted_out(record: Option<&Value>) -> bool {
    record.is_some_and(|r| r["opted_out"] == true)
}

/// The events of `id` on `channel` with `status`.
fn events(out: &Outputs, id: &str, channel: &str, status: &str) -> Vec<Value> {
    out.events_with(id, channel, None, &[status])
}

fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            .as_millis(),
    )
    .expect("fits")
}

// ---------------------------------------------------------------- status callbacks

/// A webhook request that must be refused: what it is, the URL posted to,
/// the form, and the `X-Twilio-Signature` (if any).
type Refused<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], Option<&'a str>);

const CB_DELIVERED: &str = "cb-delivered-1";
const CB_FAILED: &str = "cb-failed-2";
const CB_PHONE_1: &str = "+15555550111";
const CB_PHONE_2: &str = "+15555550112";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_callbacks_must_be_signed() {
    let mut stack = Stack::start(Options::default()).await;
    stack.patient("p-3001", CB_PHONE_1, true).await;
    stack.patient("p-3002", CB_PHONE_2, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send(CB_DELIVERED, "p-3001", CB_PHONE_1, body).await;
    stack.send(CB_FAILED, "p-3002", CB_PHONE_2, body).await;

    // Both SMS reach Twilio, each with its own callback URL.
    stack.twilio().wait_for_requests(2, WAIT).await;
    let callback_of = |phone: &str| {
        let sent = stack.twilio().requests_to(phone);
        assert_eq!(sent.len(), 1, "Twilio requests to {phone}: {sent:#?}");
        sent[0]
            .form_value("StatusCallback")
            .unwrap_or_else(|| panic!("no StatusCallback in {:#?}", sent[0]))
            .to_string()
    };
    let callback = callback_of(CB_PHONE_1);
    let other_callback = callback_of(CB_PHONE_2);
    assert_eq!(
        callback,
        format!(
            "{}/sms/status?tenant={TENANT}&id={CB_DELIVERED}",
            stack.public_url
        )
    );
    assert_eq!(
        other_callback,
        format!(
            "{}/sms/status?tenant={TENANT}&id={CB_FAILED}",
            stack.public_url
        )
    );

    // The sids Twilio issued, from the accepted events.
    let mut collector = Collector::new(&stack.js);
    let out = collector
        .wait_for("both SMS accepted by Twilio", WAIT, |o| {
            [CB_DELIVERED, CB_FAILED]
                .iter()
                .all(|id| !events(o, id, "sms", "accepted").is_empty())
        })
        .await
        .clone();
    let sid_of = |id: &str| {
        let accepted = events(&out, id, "sms", "accepted");
        let sid = accepted[0]["provider_id"]
            .as_str()
            .unwrap_or_else(|| panic!("no provider_id in {:#}", accepted[0]))
            .to_string();
        assert!(
            sid.starts_with("SM") && sid.len() == 34,
            "not a Twilio message sid: {sid}"
        );
        sid
    };
    let sid = sid_of(CB_DELIVERED);
    let other_sid = sid_of(CB_FAILED);
    assert_ne!(sid, other_sid);

    let delivered = [
        ("AccountSid", ACCOUNT_SID),
        ("ApiVersion", "2010-04-01"),
        ("MessageSid", sid.as_str()),
        ("SmsSid", sid.as_str()),
        ("MessageStatus", "delivered"),
        ("SmsStatus", "delivered"),
        ("To", CB_PHONE_1),
        ("From", FROM),
    ];
    let good = twilio_signature(AUTH_TOKEN, &callback, &delivered);

    // Refused: the wrong token, no signature, a signature over another
    // message's URL (and this one's replayed against another URL), and a
    // signed form with a parameter changed.
    let forged = twilio_signature("not-the-auth-token", &callback, &delivered);
    let over_other_url = twilio_signature(AUTH_TOKEN, &other_callback, &delivered);
    let mut tampered = delivered;
    tampered[4] = ("MessageStatus", "failed");
    let attempts: [Refused; 5] = [
        (
            "signed with the wrong token",
            &callback,
            &delivered,
            Some(&forged),
        ),
        ("without a signature", &callback, &delivered, None),
        (
            "signed over another message's URL",
            &callback,
            &delivered,
            Some(&over_other_url),
        ),
        (
            "replayed against another message's URL",
            &other_callback,
            &delivered,
            Some(&good),
        ),
        (
            "with MessageStatus changed after signing",
            &callback,
            &tampered,
            Some(&good),
        ),
    ];
    for (what, url, params, signature) in attempts {
        let response = stack.post(url, params, signature).await;
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        assert_eq!(
            status, 403,
            "a status callback {what} was answered {status}: {text}"
        );
    }
    let out = collector.refresh().await;
    for id in [CB_DELIVERED, CB_FAILED] {
        assert_eq!(
            out.statuses(id, "sms"),
            ["accepted"],
            "a refused callback left an event for {id}: {:#?}",
            out.events_for(id)
        );
    }

    // Signed: a `delivered` event, with the sid, tenant and no phone number.
    let response = stack.post(&callback, &delivered, Some(&good)).await;
    let status = response.status();
    assert!(
        status.is_success(),
        "a signed status callback was answered {status}: {}",
        response.text().await.unwrap_or_default()
    );
    let out = collector
        .wait_for("the delivered event", WAIT, |o| {
            !events(o, CB_DELIVERED, "sms", "delivered").is_empty()
        })
        .await;
    let stored: Vec<&Stored> = out
        .delivery
        .iter()
        .filter(|e| e.parsed["id"] == CB_DELIVERED && e.parsed["status"] == "delivered")
        .collect();
    assert_eq!(stored.len(), 1, "{stored:#?}");
    assert_eq!(stored[0].subject, "carewire.delivery.sms");
    let event = stored[0].json();
    assert_eq!(event["schema"], "carewire.delivery/1", "{event:#}");
    assert_eq!(event["channel"], "sms", "{event:#}");
    assert_eq!(event["tenant"], TENANT, "{event:#}");
    assert_eq!(event["provider"], "twilio", "{event:#}");
    assert_eq!(event["provider_id"], sid.as_str(), "{event:#}");
    assert_eq!(event["provider_status"], "delivered", "{event:#}");
    // It continues the message's trace (the one its audit record names),
    // not a new one.
    let traceparent = stored[0].header("traceparent").unwrap_or_else(|| {
        panic!(
            "the delivered event has no traceparent: {:?}",
            stored[0].headers
        )
    });
    let audit_trace = out.audit(CB_DELIVERED)["trace_id"].clone();
    assert_eq!(
        traceparent.split('-').nth(1),
        audit_trace.as_str(),
        "the callback's event starts a new trace"
    );
    let raw = String::from_utf8_lossy(&stored[0].payload).into_owned();
    let (patient_digits, from_digits) = (number_key(CB_PHONE_1), number_key(FROM));
    assert_no_phi(
        "the delivered event",
        &raw,
        &[&patient_digits, &from_digits, "5555550111", "5550001111"],
    );

    // The same callback again (Twilio retries): still one event.
    let response = stack.post(&callback, &delivered, Some(&good)).await;
    assert!(
        response.status().is_success(),
        "a repeated signed callback was answered {}",
        response.status()
    );
    let out = collector.refresh().await;
    assert_eq!(
        out.statuses(CB_DELIVERED, "sms"),
        ["accepted", "delivered"],
        "{:#?}",
        out.events_for(CB_DELIVERED)
    );

    // Undelivered, with Twilio's error code: a `failed` event.
    let undelivered = [
        ("AccountSid", ACCOUNT_SID),
        ("ApiVersion", "2010-04-01"),
        ("MessageSid", other_sid.as_str()),
        ("MessageStatus", "undelivered"),
        ("ErrorCode", "30005"),
        ("To", CB_PHONE_2),
        ("From", FROM),
    ];
    // Twilio may sign the URL without its port; its own validator, and
    // carewire, accept either form.
    let without_port = other_callback.replacen(
        &format!(":{}", stack.public_url.rsplit(':').next().expect("a port")),
        "",
        1,
    );
    assert_ne!(without_port, other_callback);
    let signature = twilio_signature(AUTH_TOKEN, &without_port, &undelivered);
    let response = stack
        .post(&other_callback, &undelivered, Some(&signature))
        .await;
    assert!(
        response.status().is_success(),
        "an undelivered callback signed without the port was answered {}",
        response.status()
    );
    let out = collector
        .wait_for("the failed event", WAIT, |o| {
            !events(o, CB_FAILED, "sms", "failed").is_empty()
        })
        .await;
    let failed = events(out, CB_FAILED, "sms", "failed");
    assert_eq!(failed.len(), 1, "{failed:#?}");
    let event = &failed[0];
    assert_eq!(event["error_code"], "30005", "{event:#}");
    assert_eq!(event["provider_status"], "undelivered", "{event:#}");
    assert_eq!(event["provider_id"], other_sid.as_str(), "{event:#}");
    assert_eq!(event["tenant"], TENANT, "{event:#}");
    assert_eq!(
        out.statuses(CB_FAILED, "sms"),
        ["accepted", "failed"],
        "{:#?}",
        out.events_for(CB_FAILED)
    );
    // Neither callback touched the other message.
    assert_eq!(out.statuses(CB_DELIVERED, "sms"), ["accepted", "delivered"]);
    stack.assert_running();
}

// ---------------------------------------------------------------- replies over the webhook

const PHONE_A: &str = "+15555550121";
const PHONE_B: &str = "+15555550122";
const PHONE_C: &str = "+15555550123";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_start_help_over_the_webhook() {
    let mut stack = Stack::start(Options::default()).await;
    let consent_a = stack.patient("p-4001", PHONE_A, true).await;
    let consent_b = stack.patient("p-4002", PHONE_B, false).await;
    let consent_c = stack.patient("p-4003", PHONE_C, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send("hook-a-1", "p-4001", PHONE_A, body).await;
    stack.send("hook-b-1", "p-4002", PHONE_B, body).await;
    stack.send("hook-c-1", "p-4003", PHONE_C, body).await;
    stack.twilio().wait_for_requests(3, WAIT).await;

    let numbers = stack.numbers().await;
    let consent = stack.consent().await;

    // " Stop " from A: the STOP text, the number opted out, and A's consent
    // record untouched (it is the health system's; carewire never writes it).
    let twiml = stack.reply(PHONE_A, " Stop ").await;
    assert!(
        twiml.contains(&message_twiml(STOP_TEXT)),
        "STOP answered {twiml}, expected {}",
        message_twiml(STOP_TEXT)
    );
    stack.replies_applied().await;
    assert_eq!(
        kv_json(&consent, &patient_key("p-4001")).await.as_ref(),
        Some(&consent_a),
        "STOP wrote A's consent record"
    );
    let record = kv_json(&numbers, &number_key(PHONE_A)).await;
    assert!(opted_out(record.as_ref()), "{record:?}");
    assert_eq!(record.as_ref().map(|r| &r["keyword"]), Some(&json!("stop")));

    // A forged STOP for B's number changes nothing.
    let url = stack.inbound_url();
    let sid = new_sid();
    let params = inbound_params(&sid, PHONE_B, "STOP");
    let forged = twilio_signature("not-the-auth-token", &url, &params);
    let signed_other_body =
        twilio_signature(AUTH_TOKEN, &url, &inbound_params(&sid, PHONE_B, "Thanks"));
    for (what, signature) in [
        ("signed with the wrong token", Some(forged.as_str())),
        ("signed over another body", Some(signed_other_body.as_str())),
        ("unsigned", None),
    ] {
        let response = stack.post(&url, &params, signature).await;
        assert_eq!(
            response.status().as_u16(),
            403,
            "a STOP {what} was answered {}",
            response.status()
        );
    }
    assert_eq!(
        kv_json(&consent, &patient_key("p-4002")).await.as_ref(),
        Some(&consent_b),
        "a forged STOP changed B's consent"
    );
    let record = kv_json(&numbers, &number_key(PHONE_B)).await;
    assert!(!opted_out(record.as_ref()), "{record:?}");

    // A new message to A goes to the portal: the consent plugin reads the
    // number's opt-out and denies SMS.
    stack
        .send("hook-a-2", "p-4001", PHONE_A, "Your lab results are ready.")
        .await;
    let mut collector = Collector::new(&stack.js);
    collector.wait_finished(&["hook-a-2".to_string()]).await;
    let out = collector.settle().await;
    let audit = out.audit("hook-a-2");
    assert_eq!(audit["outcome"], "portal", "{audit:#}");
    assert!(
        audit["reasons"]
            .as_array()
            .is_some_and(|r| r.contains(&json!("sms_opted_out"))),
        "{audit:#}"
    );
    let consent_plugin = audit["plugins"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "consent"))
        .unwrap_or_else(|| panic!("no consent plugin in {audit:#}"));
    assert_eq!(consent_plugin["denied"], json!(["sms"]), "{audit:#}");
    assert!(
        consent_plugin["reasons"]
            .as_array()
            .is_some_and(|r| r.contains(&json!("sms_opted_out"))),
        "{audit:#}"
    );
    let portal = out.sent("hook-a-2", "portal");
    assert_eq!(portal["body"], "Your lab results are ready.");
    assert_eq!(
        stack.twilio().requests_to(PHONE_A).len(),
        1,
        "A was texted after STOP"
    );

    // Plain language from C is a STOP too.
    let twiml = stack.reply(PHONE_C, "please stop texting me").await;
    assert!(
        twiml.contains(&message_twiml(STOP_TEXT)),
        "a plain-language STOP answered {twiml}"
    );
    stack.replies_applied().await;
    assert_eq!(
        kv_json(&consent, &patient_key("p-4003")).await.as_ref(),
        Some(&consent_c),
        "a plain-language STOP wrote C's consent record"
    );
    let record = kv_json(&numbers, &number_key(PHONE_C)).await;
    assert!(opted_out(record.as_ref()), "{record:?}");
    assert_eq!(
        record.as_ref().map(|r| &r["keyword"]),
        Some(&json!("plain_language"))
    );

    // Not a STOP: nothing changes, and nothing is answered.
    let twiml = stack.reply(PHONE_B, "I can't stop coughing").await;
    assert_empty_twiml(&twiml, "\"I can't stop coughing\"");
    assert_eq!(
        kv_json(&consent, &patient_key("p-4002")).await.as_ref(),
        Some(&consent_b),
        "\"I can't stop coughing\" changed B's consent"
    );
    let record = kv_json(&numbers, &number_key(PHONE_B)).await;
    assert!(!opted_out(record.as_ref()), "{record:?}");

    // START (any case) from A: not opted out, the consent as it was.
    let twiml = stack.reply(PHONE_A, "sTaRt").await;
    assert!(
        twiml.contains(&message_twiml(START_TEXT)),
        "START answered {twiml}"
    );
    stack.replies_applied().await;
    assert_eq!(
        kv_json(&consent, &patient_key("p-4001")).await.as_ref(),
        Some(&consent_a),
        "START wrote A's consent record"
    );
    let record = kv_json(&numbers, &number_key(PHONE_A)).await;
    assert!(!opted_out(record.as_ref()), "{record:?}");
    assert_eq!(
        record.as_ref().map(|r| &r["keyword"]),
        Some(&json!("start"))
    );
    // C stays stopped.
    assert!(opted_out(
        kv_json(&numbers, &number_key(PHONE_C)).await.as_ref()
    ));

    // HELP: the help text, and no change.
    let twiml = stack.reply(PHONE_A, "HELP").await;
    assert!(
        twiml.contains(&message_twiml(HELP_TEXT)),
        "HELP answered {twiml}"
    );
    assert_eq!(
        kv_json(&consent, &patient_key("p-4001")).await.as_ref(),
        Some(&consent_a)
    );

    // And A is texted again.
    stack
        .send("hook-a-3", "p-4001", PHONE_A, "See you next week.")
        .await;
    collector
        .wait_for("A's SMS after START accepted by Twilio", WAIT, |o| {
            !events(o, "hook-a-3", "sms", "accepted").is_empty()
        })
        .await;
    let out = collector.settle().await;
    assert_eq!(out.audit("hook-a-3")["outcome"], "sms");
    assert_eq!(
        stack.twilio().requests_to(PHONE_A).len(),
        2,
        "A was not texted after START"
    );
    stack.assert_running();
}

// ---------------------------------------------------------------- replies over NATS

const PHONE_D: &str = "+15555550131";
const PHONE_E: &str = "+15555550132";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_over_nats() {
    let mut stack = Stack::start(Options {
        twilio: false,
        http: false,
        ..Options::default()
    })
    .await;
    let consent_d = stack.patient("p-5001", PHONE_D, true).await;
    let consent_e = stack.patient("p-5002", PHONE_E, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send("nats-d-1", "p-5001", PHONE_D, body).await;
    stack.send("nats-e-1", "p-5002", PHONE_E, body).await;
    let mut collector = Collector::new(&stack.js);
    let ids = ["nats-d-1".to_string(), "nats-e-1".to_string()];
    collector.wait_finished(&ids).await;
    let out = collector.settle().await;
    out.sent("nats-d-1", "sms");
    out.sent("nats-e-1", "sms");
    let numbers = stack.numbers().await;
    let consent = stack.consent().await;

    let publish = |payload: Vec<u8>| {
        let js = stack.js.clone();
        async move {
            js.publish("carewire.replies.sms", payload.into())
                .await
                .expect("publish a reply")
                .await
                .expect("reply stored")
                .sequence
        }
    };

    // STOP, in Spanish plain language: D's number opted out, D's consent
    // record untouched; E untouched.
    publish(
        serde_json::to_vec(
            &json!({"from": PHONE_D, "body": "Ya no me manden mensajes, gracias", "provider_id": "SMinbound0001"}),
        )
        .expect("encode"),
    )
    .await;
    let record = wait_kv(&numbers, &number_key(PHONE_D), "D opted out", opted_out).await;
    assert_eq!(
        record.as_ref().map(|r| &r["keyword"]),
        Some(&json!("plain_language"))
    );
    assert_eq!(
        kv_json(&consent, &patient_key("p-5001")).await.as_ref(),
        Some(&consent_d),
        "STOP over NATS wrote D's consent record"
    );

    // HELP: an answer for the gateway to send.
    publish(
        serde_json::to_vec(
            &json!({"from": PHONE_E, "body": " help ", "provider_id": "SMinbound0002"}),
        )
        .expect("encode"),
    )
    .await;
    let started = Instant::now();
    let answers: Vec<Value> = loop {
        let answers: Vec<Value> = stream_messages(&stack.js, "CAREWIRE_REPLIES")
            .await
            .iter()
            .filter(|m| m.subject == "carewire.replies.sms.answer")
            .map(Stored::json)
            .collect();
        let has = |keyword: &str| answers.iter().any(|a| a["keyword"] == keyword);
        if has("stop") && has("help") {
            break answers;
        }
        assert!(
            started.elapsed() < WAIT,
            "no answers to STOP and HELP on carewire.replies.sms.answer after {WAIT:?}; \
             answers: {answers:#?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    // One answer per reply: the STOP text to D, the help text to E.
    assert_eq!(answers.len(), 2, "answers: {answers:#?}");
    let answer_to = |keyword: &str| {
        answers
            .iter()
            .find(|a| a["keyword"] == keyword)
            .expect("found above")
    };
    let stop = answer_to("stop");
    assert_eq!(stop["schema"], "carewire.reply_answer/1", "{stop:#}");
    assert_eq!(stop["to"], PHONE_D, "{stop:#}");
    assert_eq!(stop["body"], STOP_TEXT, "{stop:#}");
    assert_eq!(stop["in_reply_to"], "SMinbound0001", "{stop:#}");
    let help = answer_to("help");
    assert_eq!(help["schema"], "carewire.reply_answer/1", "{help:#}");
    assert_eq!(help["to"], PHONE_E, "{help:#}");
    assert_eq!(help["body"], HELP_TEXT, "{help:#}");
    assert_eq!(help["in_reply_to"], "SMinbound0002", "{help:#}");
    // HELP changes no consent.
    assert_eq!(
        kv_json(&consent, &patient_key("p-5002")).await.as_ref(),
        Some(&consent_e)
    );
    assert!(!opted_out(
        kv_json(&numbers, &number_key(PHONE_E)).await.as_ref()
    ));

    // Not JSON: to the DLQ, acked, not redelivered.
    let garbage = b"STOP from +15555550131 (not JSON)".to_vec();
    let seq = publish(garbage.clone()).await;
    let out = collector
        .wait_for("the unreadable reply in the DLQ", WAIT, |o| {
            o.dlq
                .iter()
                .any(|m| m.subject == "carewire.dlq.invalid_reply")
        })
        .await;
    let dlq: Vec<&Stored> = out
        .dlq
        .iter()
        .filter(|m| m.subject == "carewire.dlq.invalid_reply")
        .collect();
    assert_eq!(dlq.len(), 1, "{dlq:#?}");
    assert_eq!(dlq[0].payload.as_ref(), garbage.as_slice());
    assert_eq!(
        dlq[0].header("Carewire-Reason").as_deref(),
        Some("reply_unreadable")
    );
    let replies_stream = stack
        .js
        .get_stream("CAREWIRE_REPLIES")
        .await
        .expect("replies stream");
    let started = Instant::now();
    loop {
        let info = replies_stream
            .consumer_info(REPLIES_CONSUMER)
            .await
            .expect("replies consumer info");
        if info.num_pending == 0
            && info.num_ack_pending == 0
            && info.ack_floor.stream_sequence >= seq
        {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "the unreadable reply was not acked after {WAIT:?}: {info:#?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    // Longer than carewire's 1 s retry delay: had it been nak'ed, it would be back.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let info = replies_stream
        .consumer_info(REPLIES_CONSUMER)
        .await
        .expect("replies consumer info");
    assert_eq!(
        info.num_redelivered, 0,
        "a reply was redelivered: {info:#?}"
    );
    assert_eq!(info.num_ack_pending, 0, "{info:#?}");
    let out = collector.refresh().await;
    assert_eq!(
        out.dlq
            .iter()
            .filter(|m| m.subject == "carewire.dlq.invalid_reply")
            .count(),
        1
    );
    stack.assert_running();
}

// ---------------------------------------------------------------- quiet hours

/// One caregiver's number, on file for several children.
const PHONE_S: &str = "+15555550181";
const SIBLINGS: usize = 12;

/// A STOP over NATS is acknowledged (its answer published) only once the
/// opt-out is stored; every SMS of a batch published after that
/// acknowledgement is refused, however many messages are decided at once.
/// Each sibling is a patient of their own (the daily SMS limit is not what
/// stops them), all with the caregiver's verified number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_acknowledged_before_a_batch_stops_every_sms_in_it() {
    let stack = Stack::start(Options {
        twilio: false,
        http: false,
        ..Options::default()
    })
    .await;
    let siblings: Vec<String> = (1..=SIBLINGS).map(|n| format!("p-52{n:02}")).collect();
    for patient in &siblings {
        stack.patient(patient, PHONE_S, true).await;
    }
    // Before the STOP, the number is texted.
    let body = "Your appointment next week is confirmed.";
    stack
        .send("stop-batch-0", &siblings[0], PHONE_S, body)
        .await;
    let mut collector = Collector::new(&stack.js);
    collector.wait_finished(&["stop-batch-0".to_string()]).await;
    collector.settle().await.sent("stop-batch-0", "sms");

    stack
        .js
        .publish(
            "carewire.replies.sms",
            serde_json::to_vec(
                &json!({"from": PHONE_S, "body": "STOP", "provider_id": "SMinbound0181"}),
            )
            .expect("encode")
            .into(),
        )
        .await
        .expect("publish the STOP")
        .await
        .expect("STOP stored");
    let started = Instant::now();
    while !stream_messages(&stack.js, "CAREWIRE_REPLIES")
        .await
        .iter()
        .filter(|m| m.subject == "carewire.replies.sms.answer")
        .any(|m| m.json()["in_reply_to"] == "SMinbound0181")
    {
        assert!(started.elapsed() < WAIT, "the STOP was not answered");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // At once, a batch to every sibling (the first one included).
    let ids: Vec<String> = (1..=SIBLINGS).map(|n| format!("stop-batch-{n}")).collect();
    futures::future::join_all(
        ids.iter()
            .zip(&siblings)
            .map(|(id, patient)| stack.send(id, patient, PHONE_S, body)),
    )
    .await;
    collector.wait_finished(&ids).await;
    let out = collector.settle().await;
    for id in &ids {
        let audit = out.audit(id);
        assert_eq!(audit["outcome"], "portal", "{audit:#}");
        assert!(
            audit["reasons"]
                .as_array()
                .is_some_and(|r| r.contains(&json!("sms_opted_out"))),
            "{audit:#}"
        );
        assert!(
            !out.outbound
                .iter()
                .any(|m| m.parsed["id"] == id.as_str() && m.parsed["channel"] == "sms"),
            "{id} was texted after an acknowledged STOP"
        );
    }
}

const PHONE_Q_A: &str = "+15555550141";
const PHONE_Q_B: &str = "+15555550142";
const PHONE_Q_C: &str = "+15555550143";

/// The quiet-hours table that defers SMS now and opens the window at
/// `start_ms` (a whole minute): a two-hour window starting then, in a zone
/// where that minute is before noon.
fn quiet_hours_opening_at(start_ms: i64) -> String {
    const HOUR_MS: i64 = 3_600_000;
    let utc_hour = start_ms.rem_euclid(24 * HOUR_MS) / HOUR_MS;
    // Etc/GMT+12 is UTC-12 (POSIX signs).
    let (zone, local_ms) = if utc_hour < 12 {
        ("UTC", start_ms)
    } else {
        ("Etc/GMT+12", start_ms - 12 * HOUR_MS)
    };
    let minute_of_day = local_ms.rem_euclid(24 * HOUR_MS) / 60_000;
    let (hh, mm) = (minute_of_day / 60, minute_of_day % 60);
    assert!(hh < 12, "local hour {hh} in {zone}");
    format!(
        "\n[channels.sms.quiet_hours]\nenabled = true\nwindow = \"{hh:02}:{mm:02}-{:02}:{mm:02}\"\ndefault_time_zone = \"{zone}\"\nrelease_jitter_secs = 0\n",
        hh + 2
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quiet_hours_defer_then_release_and_stop_while_queued() {
    // The window opens at the next whole minute that leaves time to start
    // carewire, queue both messages and send the STOP. Starting takes about
    // 5 s on a 2-core machine running this file's tests at once (each
    // compiles the plugins into its own cache): 20 s leaves room for a
    // slower machine.
    const LEAD_MS: i64 = 20_000;
    let now = now_ms();
    let mut window_start = (now / 60_000 + 1) * 60_000;
    if window_start - now < LEAD_MS {
        window_start += 60_000;
    }
    let quiet_hours = quiet_hours_opening_at(window_start);
    let mut stack = Stack::start(Options {
        quiet_hours: Some(quiet_hours.clone()),
        ..Options::default()
    })
    .await;
    let left = window_start - now_ms();
    eprintln!(
        "carewire started in {} ms; the window opens in {left} ms",
        now_ms() - now
    );
    assert!(
        left > 3000,
        "carewire took so long to start that the window opens in {left} ms, too soon to queue \
         the messages and send the STOP before it (raise LEAD_MS)"
    );
    // Wall-clock time of the fake Twilio's `Instant`s.
    let (base_instant, base_ms) = (Instant::now(), now_ms());
    let wall_ms = |at: Instant| {
        base_ms + i64::try_from(at.duration_since(base_instant).as_millis()).expect("fits")
    };

    // No written PHI consent: the SMS carries the notice, the portal the body.
    let consent_a = stack.patient("p-6001", PHONE_Q_A, false).await;
    stack.patient("p-6002", PHONE_Q_B, false).await;
    let body_a = "Hi Maria Lopez, this is a reminder of your appointment on 12/03/2026 at 9:30 AM \
                  with Dr. Chen about record MRN4471902.";
    let body_b = "Your appointment next week is confirmed.";
    stack.send("quiet-a", "p-6001", PHONE_Q_A, body_a).await;
    stack.send("quiet-b", "p-6002", PHONE_Q_B, body_b).await;
    // An urgent message is never held: it escalates at once.
    stack.patient("p-6003", PHONE_Q_C, true).await;
    stack
        .send(
            "quiet-urgent",
            "p-6003",
            PHONE_Q_C,
            "Patient reports crushing chest pain and shortness of breath since this morning.",
        )
        .await;

    let mut collector = Collector::new(&stack.js);
    let out = collector
        .wait_for("both SMS deferred", WAIT, |o| {
            ["quiet-a", "quiet-b"].iter().all(|id| {
                !events(o, id, "sms", "deferred").is_empty() && !o.audits_for(id).is_empty()
            })
        })
        .await
        .clone();
    let urgent = collector
        .wait_for("the escalation accepted during quiet hours", WAIT, |o| {
            !events(o, "quiet-urgent", "escalation", "accepted").is_empty()
                && !o.audits_for("quiet-urgent").is_empty()
        })
        .await
        .clone();
    assert_eq!(urgent.audit("quiet-urgent")["outcome"], "escalation");
    assert!(
        now_ms() < window_start,
        "the escalation was only accepted after the window opened"
    );
    assert!(
        urgent
            .events_for("quiet-urgent")
            .iter()
            .all(|e| e["status"] != "deferred")
    );
    for id in ["quiet-a", "quiet-b"] {
        let deferred = events(&out, id, "sms", "deferred");
        assert_eq!(deferred.len(), 1, "{deferred:#?}");
        let until = deferred[0]["until_ms"]
            .as_i64()
            .unwrap_or_else(|| panic!("no until_ms in {:#}", deferred[0]));
        assert!(
            (until - window_start).abs() <= 1000,
            "{id} deferred until {until}, the window opens at {window_start} ({quiet_hours})"
        );
        assert_eq!(deferred[0]["reason"], "quiet_hours", "{:#}", deferred[0]);
        assert_eq!(out.audit(id)["outcome"], "sms");
    }
    assert!(
        stack.twilio().requests().is_empty(),
        "Twilio was called during quiet hours: {:#?}",
        stack.twilio().requests()
    );

    // STOP from A while both wait.
    let twiml = stack.reply(PHONE_Q_A, "STOP").await;
    assert!(twiml.contains(&message_twiml(STOP_TEXT)), "{twiml}");
    stack.replies_applied().await;
    let left = window_start - now_ms();
    assert!(
        left > 0,
        "the window opened {} ms before the STOP was handled: this machine took too long to start \
         carewire and queue the messages (raise LEAD_MS)",
        -left
    );
    assert!(
        stack.twilio().requests().is_empty(),
        "Twilio was called during quiet hours"
    );

    // After the window opens: B goes to Twilio, A to the portal.
    let limit = Duration::from_millis(u64::try_from(left).unwrap_or(0)) + WAIT;
    collector
        .wait_for(
            "B accepted and A rerouted after the window opened",
            limit,
            |o| {
                !events(o, "quiet-b", "sms", "accepted").is_empty()
                    && !events(o, "quiet-a", "sms", "cancelled").is_empty()
                    && !o.outbound_for("quiet-a").is_empty()
            },
        )
        .await;
    let out = collector.settle().await.clone();

    // B: sent once, at or after the window's start.
    let sent_b = stack.twilio().requests_to(PHONE_Q_B);
    assert_eq!(sent_b.len(), 1, "{sent_b:#?}");
    let sent_at = wall_ms(sent_b[0].at);
    // The fake's Instant mapped to wall time: a few ms of slack for the mapping.
    assert!(
        sent_at >= window_start - 10,
        "B reached Twilio at {sent_at}, {} ms before the window opened at {window_start}",
        window_start - sent_at
    );
    assert_eq!(sent_b[0].form_value("Body"), Some(NOTICE));
    let accepted = events(&out, "quiet-b", "sms", "accepted");
    assert_eq!(accepted.len(), 1, "{accepted:#?}");
    assert!(
        accepted[0]["at_ms"]
            .as_i64()
            .is_some_and(|at| at >= window_start),
        "{:#}",
        accepted[0]
    );
    assert_eq!(
        out.statuses("quiet-b", "sms"),
        ["deferred", "accepted"],
        "{:#?}",
        out.events_for("quiet-b")
    );

    // A: never at Twilio; cancelled, rerouted to the portal with the full body.
    assert_eq!(
        stack.twilio().requests().len(),
        1,
        "Twilio requests: {:#?}",
        stack.twilio().requests()
    );
    assert!(stack.twilio().requests_to(PHONE_Q_A).is_empty());
    let cancelled = events(&out, "quiet-a", "sms", "cancelled");
    assert_eq!(cancelled.len(), 1, "{cancelled:#?}");
    assert_eq!(
        cancelled[0]["reason"], "sms_opted_out",
        "{:#}",
        cancelled[0]
    );
    assert_eq!(cancelled[0]["rerouted_to"], "portal", "{:#}", cancelled[0]);
    assert_eq!(
        out.statuses("quiet-a", "sms"),
        ["deferred", "cancelled"],
        "{:#?}",
        out.events_for("quiet-a")
    );
    assert_eq!(out.statuses("quiet-a", "portal"), ["accepted"]);
    let portal = out.sent("quiet-a", "portal");
    assert_eq!(portal["body"], body_a, "{portal:#}");
    assert_ne!(portal["body"], NOTICE);
    let audits = out.delivery_audits_for("quiet-a");
    assert_eq!(audits.len(), 1, "{audits:#?}");
    assert_eq!(audits[0]["result"], "rerouted", "{:#}", audits[0]);
    assert_eq!(audits[0]["reason"], "sms_opted_out", "{:#}", audits[0]);
    assert_eq!(audits[0]["rerouted_to"], "portal", "{:#}", audits[0]);
    assert!(out.delivery_audits_for("quiet-b").is_empty());
    let consent = stack.consent().await;
    assert_eq!(
        kv_json(&consent, &patient_key("p-6001")).await.as_ref(),
        Some(&consent_a),
        "STOP wrote A's consent record"
    );

    // Events and audit records name no phone number.
    for stored in out.delivery.iter().chain(&out.audit) {
        let raw = String::from_utf8_lossy(&stored.payload).into_owned();
        assert_no_phi(
            &format!("{} #{}", stored.subject, stored.seq),
            &raw,
            &["5555550141", "5555550142"],
        );
    }

    // carewire's log (at debug level) names no phone number and no body.
    assert_no_phi(
        "carewire's log",
        &stack.carewire.stderr(),
        &[
            "5555550141",
            "5555550142",
            "Maria Lopez",
            "MRN4471902",
            "chest pain",
        ],
    );

    // One decision each, and B's SMS never on the portal.
    assert_eq!(out.audits_for("quiet-a").len(), 1);
    assert_eq!(out.audits_for("quiet-b").len(), 1);
    assert!(out.outbound_for("quiet-b").is_empty());
    stack.assert_running();
}

// ---------------------------------------------------------------- carrier opt-out

const PHONE_K: &str = "+15555550151";

/// Twilio refuses a number that replied STOP at the carrier (error 21610):
/// carewire records the number's opt-out as if it had replied STOP (the
/// consent record stays the health system's), and the portal carries the
/// message instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_carrier_opt_out_reroutes_and_opts_the_number_out() {
    let mut stack = Stack::start(Options::default()).await;
    stack
        .twilio()
        .fail_matching(PHONE_K, Behaviour::Unsubscribed);
    let consent_k = stack.patient("p-7001", PHONE_K, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send("carrier-1", "p-7001", PHONE_K, body).await;

    let mut collector = Collector::new(&stack.js);
    collector
        .wait_for("the SMS rerouted to the portal", WAIT, |o| {
            !events(o, "carrier-1", "sms", "cancelled").is_empty()
                && !o.outbound_for("carrier-1").is_empty()
        })
        .await;
    let out = collector.settle().await.clone();
    assert_eq!(stack.twilio().requests_to(PHONE_K).len(), 1);
    let cancelled = events(&out, "carrier-1", "sms", "cancelled");
    assert_eq!(
        cancelled[0]["reason"], "sms_opted_out",
        "{:#}",
        cancelled[0]
    );
    assert_eq!(cancelled[0]["rerouted_to"], "portal", "{:#}", cancelled[0]);
    assert_eq!(out.sent("carrier-1", "portal")["body"], body);
    assert!(out.dlq_for("carrier-1").is_empty(), "{:#?}", out.dlq);

    let record = kv_json(&stack.numbers().await, &number_key(PHONE_K)).await;
    assert!(opted_out(record.as_ref()), "{record:?}");
    assert_eq!(
        record.as_ref().map(|r| &r["keyword"]),
        Some(&json!("carrier_opt_out"))
    );
    assert_eq!(
        kv_json(&stack.consent().await, &patient_key("p-7001"))
            .await
            .as_ref(),
        Some(&consent_k),
        "the carrier's 21610 wrote K's consent record"
    );
    stack.assert_running();
}

// ---------------------------------------------------------------- the auth token

/// A token that must never be printed.
const PRINTED_NEVER: &str = "tok-7f3a9c-must-not-be-printed";

/// `carewire <args>` with `envs`: (status, stdout and stderr).
fn carewire_with(args: &[&std::ffi::OsStr], envs: &[(&str, &str)]) -> (bool, String) {
    let mut cmd = std::process::Command::new(carewire_bin());
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CAREWIRE_LOG")
        .stdin(std::process::Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run carewire");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// An empty, blank or missing Twilio auth token would let anyone sign
/// `/sms/inbound` and `/sms/status` (an HMAC with an empty key): `carewire
/// check` and `carewire run` refuse such a config, naming the key, and run
/// never listens; an empty escalation-webhook secret likewise. No secret is
/// printed.
#[test]
fn an_empty_auth_token_is_a_config_error() {
    const TOKEN_KEY: &str = "channels.sms.twilio.auth_token";
    let root = tempfile::tempdir().expect("tempdir");
    let port = free_port().expect("a free port");
    let twilio = |token_line: &str| {
        format!(
            "\n[http]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"http://127.0.0.1:{port}\"\n\
             \n[channels.sms]\ntargets = [\"twilio\"]\n\n[channels.sms.twilio]\n\
             account_sid = \"{ACCOUNT_SID}\"\nfrom = \"{FROM}\"\n{token_line}"
        )
    };
    let escalation = "\n[channels.escalation]\ntargets = [\"webhook\"]\n\
                      [channels.escalation.webhook]\nurl = \"https://hooks.example.org/x\"\nsecret = \"\"\n";
    let env_token = [("CAREWIRE__CHANNELS__SMS__TWILIO__AUTH_TOKEN", "")];
    // What is wrong, the TOML added, environment variables, the key named.
    type Case<'a> = (&'a str, String, &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 5] = [
        (
            "an empty token",
            twilio("auth_token = \"\"\n"),
            &[],
            TOKEN_KEY,
        ),
        (
            "a blank token",
            twilio("auth_token = \" \\t \"\n"),
            &[],
            TOKEN_KEY,
        ),
        ("no token", twilio(""), &[], TOKEN_KEY),
        (
            "an empty token from the environment",
            twilio(""),
            &env_token,
            TOKEN_KEY,
        ),
        (
            "an empty escalation webhook secret",
            twilio(&format!("auth_token = \"{PRINTED_NEVER}\"\n")) + escalation,
            &[],
            "channels.escalation.webhook.secret",
        ),
    ];
    for (i, (what, extra, envs, key)) in cases.into_iter().enumerate() {
        let dir = root.path().join(i.to_string());
        std::fs::create_dir_all(&dir).expect("a directory");
        // A NATS server that is not there: `run` would wait for it.
        let mut spec = ConfigSpec::new(Some("nats://127.0.0.1:1".into()), clinical_plugins());
        spec.extra_toml = extra;
        let config = spec.write(&dir);

        let (ok, said) = carewire_with(
            &["check".as_ref(), "--config".as_ref(), config.as_ref()],
            envs,
        );
        assert!(!ok, "check accepted {what}:\n{said}");
        assert!(
            said.contains(key),
            "check refused {what} without naming {key}:\n{said}"
        );
        assert!(
            !said.contains(PRINTED_NEVER),
            "check printed the token:\n{said}"
        );

        let mut run = Carewire::start(&config, &dir, "run.log", envs);
        let status = run.wait_exit(Duration::from_secs(20));
        let said = run.stderr();
        assert!(
            !status.success(),
            "run exited {status} with {what}:\n{said}"
        );
        assert!(
            said.contains(key),
            "run refused {what} without naming {key}:\n{said}"
        );
        assert!(
            !said.contains(PRINTED_NEVER),
            "run printed the token:\n{said}"
        );
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "something listens on carewire's port after run refused {what}"
        );
    }
}

// ---------------------------------------------------------------- STOP while KV is unavailable

const PHONE_F: &str = "+15555550161";
const PHONE_G: &str = "+15555550162";
const NUMBERS_STREAM: &str = "KV_carewire_sms_numbers";

/// A STOP that arrives while the KV store refuses writes is stored first,
/// answered 200 with its TwiML, and applied when KV takes writes again
/// (before, it was answered 503 and lost: Twilio does not retry an incoming
/// message). A STOP then a START from one number during the outage apply in
/// that order: the number ends opted in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_during_a_kv_outage_is_applied_when_kv_returns() {
    let mut stack = Stack::start(Options::default()).await;
    let consent_f = stack.patient("p-4101", PHONE_F, true).await;
    let consent_g = stack.patient("p-4102", PHONE_G, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send("outage-f-1", "p-4101", PHONE_F, body).await;
    stack.send("outage-g-1", "p-4102", PHONE_G, body).await;
    stack.twilio().wait_for_requests(2, WAIT).await;
    let numbers = stack.numbers().await;
    let consent = stack.consent().await;
    // Another number's record, so that the bucket holds one to be full at.
    numbers
        .put(number_key("+15555550169"), r#"{"opted_out":false}"#.into())
        .await
        .expect("seed a number");
    // Nothing else writes to the numbers bucket from here on.
    Collector::new(&stack.js).settle().await;

    // The numbers bucket refuses every write (as a full or leaderless KV
    // stream does): at its message limit, and KV streams discard new.
    let mut kv_stream = stack
        .js
        .get_stream(NUMBERS_STREAM)
        .await
        .expect("the numbers bucket's stream");
    let info = kv_stream.info().await.expect("stream info").clone();
    let original = info.config.clone();
    assert_eq!(
        original.discard,
        jetstream::stream::DiscardPolicy::New,
        "{original:#?}"
    );
    let full = jetstream::stream::Config {
        max_messages: i64::try_from(info.state.messages).expect("fits").max(1),
        ..original.clone()
    };
    stack
        .js
        .update_stream(&full)
        .await
        .expect("limit the bucket");
    assert!(
        numbers.put("probe", "{}".into()).await.is_err(),
        "the numbers bucket still takes writes"
    );

    // STOP from F: answered at once, with the STOP text; stored under its sid.
    let sid_f = new_sid();
    let twiml = stack
        .reply_to(&stack.public_url, &sid_f, PHONE_F, "STOP")
        .await;
    assert!(twiml.contains(&message_twiml(STOP_TEXT)), "{twiml}");
    // STOP then START from G.
    let twiml = stack.reply(PHONE_G, "STOP").await;
    assert!(twiml.contains(&message_twiml(STOP_TEXT)), "{twiml}");
    let twiml = stack.reply(PHONE_G, "START").await;
    assert!(twiml.contains(&message_twiml(START_TEXT)), "{twiml}");
    let stored: Vec<Stored> = stream_messages(&stack.js, "CAREWIRE_REPLIES")
        .await
        .into_iter()
        .filter(|m| m.subject == "carewire.replies.sms")
        .collect();
    assert_eq!(stored.len(), 3, "{stored:#?}");
    assert_eq!(
        stored[0].header("Nats-Msg-Id").as_deref(),
        Some(sid_f.as_str()),
        "{:#?}",
        stored[0]
    );

    // Not applied while KV refuses: carewire took the first and keeps it
    // unacknowledged (retrying it, or holding it while JetStream refuses
    // writes, with /readyz 503), never dropping it.
    let started = Instant::now();
    loop {
        let info = replies_consumer(&stack.js).await;
        if info.delivered.consumer_sequence >= 1 {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "the STOP was never taken: {info:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let info = replies_consumer(&stack.js).await;
    assert_eq!(
        info.ack_floor.stream_sequence, 0,
        "a reply was acknowledged while KV refused writes: {info:#?}"
    );
    let record = kv_json(&numbers, &number_key(PHONE_F)).await;
    assert!(!opted_out(record.as_ref()), "{record:?}");

    // KV takes writes again: F's STOP is applied; G ends opted in.
    stack
        .js
        .update_stream(&original)
        .await
        .expect("lift the bucket's limit");
    wait_kv(&numbers, &number_key(PHONE_F), "F opted out", opted_out).await;
    stack.replies_applied().await;
    assert_eq!(
        kv_json(&consent, &patient_key("p-4101")).await.as_ref(),
        Some(&consent_f),
        "F's STOP wrote F's consent record"
    );
    let record = kv_json(&numbers, &number_key(PHONE_G)).await;
    assert!(!opted_out(record.as_ref()), "{record:?}");
    assert_eq!(
        record.as_ref().map(|r| &r["keyword"]),
        Some(&json!("start"))
    );
    assert_eq!(
        kv_json(&consent, &patient_key("p-4102")).await.as_ref(),
        Some(&consent_g)
    );

    assert_no_phi(
        "carewire's log",
        &stack.carewire.stderr(),
        &["5555550161", "5555550162"],
    );
    stack.assert_running();
}

// ---------------------------------------------------------------- order and replays

const PHONE_H: &str = "+15555550171";
const PHONE_J: &str = "+15555550172";

/// Two carewire processes share the replies consumer: replies apply one at
/// a time in the order they were stored, whichever process took them. A
/// captured START replayed after a STOP changes nothing: inside the
/// duplicate window JetStream drops it; after it carewire remembers the
/// MessageSid, over the webhook and over NATS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_apply_in_order_and_replays_change_nothing() {
    const WINDOW: Duration = Duration::from_secs(5);
    let mut stack = Stack::start(Options {
        duplicate_window_secs: WINDOW.as_secs(),
        ..Options::default()
    })
    .await;
    let consent_h = stack.patient("p-4201", PHONE_H, true).await;
    let consent_j = stack.patient("p-4202", PHONE_J, true).await;
    let body = "Your appointment next week is confirmed.";
    stack.send("order-h-1", "p-4201", PHONE_H, body).await;
    stack.send("order-j-1", "p-4202", PHONE_J, body).await;
    stack.twilio().wait_for_requests(2, WAIT).await;
    let numbers = stack.numbers().await;
    let consent = stack.consent().await;
    // The replies consumer as an earlier carewire left it (many replies at
    // once); the second process makes it take one at a time again.
    let replies_stream = stack
        .js
        .get_stream("CAREWIRE_REPLIES")
        .await
        .expect("the replies stream");
    let mut old = replies_consumer(&stack.js).await.config;
    old.max_ack_pending = 128;
    replies_stream
        .update_consumer(old)
        .await
        .expect("the consumer as an earlier version made it");
    let mut peer = stack.start_peer("second");
    let (first, second) = (stack.public_url.clone(), peer.public_url.clone());
    let last_stored = || async {
        stack
            .js
            .get_stream("CAREWIRE_REPLIES")
            .await
            .expect("the replies stream")
            .info()
            .await
            .expect("stream info")
            .state
            .last_sequence
    };

    // H: STOP, START, STOP, through one process and the other.
    let (h1, h2, h3) = (new_sid(), new_sid(), new_sid());
    stack.reply_to(&first, &h1, PHONE_H, "STOP").await;
    let start_answer = stack.reply_to(&second, &h2, PHONE_H, "START").await;
    let h2_stored = Instant::now();
    assert!(
        start_answer.contains(&message_twiml(START_TEXT)),
        "{start_answer}"
    );
    stack.reply_to(&first, &h3, PHONE_H, "STOP").await;
    // J: STOP then START.
    stack.reply_to(&second, &new_sid(), PHONE_J, "STOP").await;
    stack.reply_to(&first, &new_sid(), PHONE_J, "START").await;

    // The START replayed at once: answered as before, dropped by JetStream.
    let before = last_stored().await;
    let twiml = stack.reply_to(&second, &h2, PHONE_H, "START").await;
    assert_eq!(twiml, start_answer);
    assert!(
        h2_stored.elapsed() < WINDOW,
        "this machine took {:?} to send four replies: the replay fell outside the {WINDOW:?} \
         duplicate window",
        h2_stored.elapsed()
    );
    assert_eq!(last_stored().await, before, "the replay was stored again");
    stack.replies_applied().await;
    let record = kv_json(&numbers, &number_key(PHONE_H)).await;
    assert!(
        opted_out(record.as_ref()),
        "H after a replayed START: {record:?}"
    );
    assert_eq!(
        kv_json(&consent, &patient_key("p-4201")).await.as_ref(),
        Some(&consent_h),
        "H's replies wrote H's consent record"
    );
    let record = kv_json(&numbers, &number_key(PHONE_J)).await;
    assert!(
        !opted_out(record.as_ref()),
        "J after STOP, START: {record:?}"
    );
    assert_eq!(
        kv_json(&consent, &patient_key("p-4202")).await.as_ref(),
        Some(&consent_j)
    );

    // After the window: stored again, but carewire remembers h2.
    tokio::time::sleep(WINDOW.saturating_sub(h2_stored.elapsed()) + Duration::from_secs(1)).await;
    let before = last_stored().await;
    let twiml = stack.reply_to(&second, &h2, PHONE_H, "START").await;
    assert_eq!(twiml, start_answer);
    assert_eq!(
        last_stored().await,
        before + 1,
        "the late replay was not stored"
    );
    // And from a gateway, under a new Nats-Msg-Id.
    let mut headers = async_nats::HeaderMap::new();
    headers.insert("Nats-Msg-Id", "gateway-replay-of-h2");
    let payload = json!({"from": PHONE_H, "body": "START", "provider_id": h2});
    stack
        .js
        .publish_with_headers("carewire.replies.sms", headers, payload.to_string().into())
        .await
        .expect("publish the replay")
        .await
        .expect("the replay stored");
    stack.replies_applied().await;
    let record = kv_json(&numbers, &number_key(PHONE_H)).await;
    assert!(
        opted_out(record.as_ref()),
        "H after late replays: {record:?}"
    );
    // No answer to the replay for the gateway to send.
    let answers: Vec<Value> = stream_messages(&stack.js, "CAREWIRE_REPLIES")
        .await
        .iter()
        .filter(|m| m.subject == "carewire.replies.sms.answer")
        .map(Stored::json)
        .collect();
    assert!(answers.is_empty(), "{answers:#?}");

    let info = replies_consumer(&stack.js).await;
    assert_eq!(info.config.max_ack_pending, 1, "{info:#?}");
    stack.assert_running();
    peer.carewire.assert_running();
}

// ---------------------------------------------------------------- slow clients

/// Connections that trickle a request head and reconnect when dropped, as
/// a slowloris attack does; stopped on drop.
struct Slowloris {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Connections open now.
    open: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Connections made so far.
    made: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    _tasks: tokio::task::JoinSet<()>,
}

impl Slowloris {
    fn start(addr: std::net::SocketAddr, connections: usize) -> Self {
        use std::sync::atomic::Ordering::Relaxed;
        use tokio::io::AsyncWriteExt;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let open = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..connections {
            let (stop, open, made) = (stop.clone(), open.clone(), made.clone());
            tasks.spawn(async move {
                while !stop.load(Relaxed) {
                    if let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await {
                        open.fetch_add(1, Relaxed);
                        made.fetch_add(1, Relaxed);
                        let mut alive = stream
                            .write_all(b"POST /sms/inbound HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                            .await
                            .is_ok();
                        while alive && !stop.load(Relaxed) {
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            alive = stream.write_all(b"X-Slow: 1\r\n").await.is_ok();
                        }
                        open.fetch_sub(1, Relaxed);
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
        }
        Self {
            stop,
            open,
            made,
            _tasks: tasks,
        }
    }

    fn open(&self) -> usize {
        self.open.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn made(&self) -> usize {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for Slowloris {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Writes `request` on a new connection to `addr` and reads until the server
/// closes it; returns what it answered and how long that took (failing
/// after `limit`).
async fn raw_exchange(
    addr: std::net::SocketAddr,
    request: &[u8],
    limit: Duration,
    what: &str,
) -> (String, Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{what}: cannot connect: {e}"));
    stream
        .write_all(request)
        .await
        .unwrap_or_else(|e| panic!("{what}: cannot write: {e}"));
    let mut answer = Vec::new();
    let read = tokio::time::timeout(limit, async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert!(
        read.is_ok(),
        "{what}: the connection was still open after {limit:?}; answered so far: {answer:?}"
    );
    (answer, started.elapsed())
}

/// Slow clients cannot take the HTTP listener. With carewire limited to 512
/// open files, 600 connections that trickle a request head (and reconnect
/// when dropped) leave `/healthz` and a signed webhook answering within 3 s
/// (before, carewire ran out of file descriptors and stopped accepting). A
/// lone slow head, a slow body and an idle kept-alive connection are closed
/// after their timeouts; an oversized body is refused with 413.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_cannot_shut_out_probes_or_webhooks() {
    const BOUND: Duration = Duration::from_secs(3);
    const TIMEOUT: Duration = Duration::from_secs(2);
    let mut stack = Stack::start(Options {
        http_extra: format!(
            "header_timeout_ms = {ms}\nbody_timeout_ms = {ms}\nidle_timeout_ms = {ms}\nmax_body_bytes = 16384\n",
            ms = TIMEOUT.as_millis()
        ),
        open_files: Some(512),
        ..Options::default()
    })
    .await;
    let addr: std::net::SocketAddr = stack
        .public_url
        .trim_start_matches("http://")
        .parse()
        .expect("a socket address");
    let healthz = format!("{}/healthz", stack.public_url);

    let attack = Slowloris::start(addr, 600);
    let started = Instant::now();
    while attack.made() < 600 {
        assert!(
            started.elapsed() < WAIT,
            "only {} attacking connections made after {WAIT:?}",
            attack.made()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Every attacker has connected once (the connections carewire closes
    // come back a second later); a carewire without a cap runs out of file
    // descriptors in this time.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut slowest = Duration::ZERO;
    for round in 0..5 {
        let asked = Instant::now();
        let answer = stack.http.get(&healthz).send().await;
        let took = asked.elapsed();
        slowest = slowest.max(took);
        let status = answer.as_ref().map(|r| r.status().as_u16());
        assert!(
            matches!(status, Ok(200)) && took < BOUND,
            "round {round}: /healthz under attack answered {status:?} after {took:?} \
             ({} attacking connections open)",
            attack.open()
        );
        let asked = Instant::now();
        let twiml = stack
            .reply_to(&stack.public_url, &new_sid(), "+15555550191", "HELP")
            .await;
        let took = asked.elapsed();
        assert!(twiml.contains(&message_twiml(HELP_TEXT)), "{twiml}");
        assert!(
            took < BOUND,
            "round {round}: a signed webhook under attack took {took:?}"
        );
        slowest = slowest.max(took);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let (open, made) = (attack.open(), attack.made());
    drop(attack);
    eprintln!(
        "under attack ({made} attacking connections made, {open} open at the end) the slowest \
         answer (/healthz or webhook) took {slowest:?}"
    );

    let limit = TIMEOUT + Duration::from_millis(1500);
    // A head that never ends.
    let (answer, took) = raw_exchange(
        addr,
        b"POST /sms/inbound HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n",
        limit,
        "a slow head",
    )
    .await;
    assert!(
        took >= TIMEOUT / 2,
        "a slow head was closed after only {took:?}: {answer:?}"
    );
    // A body that never ends: 408.
    let (answer, took) = raw_exchange(
        addr,
        b"POST /sms/inbound HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nFrom=%2B1555",
        limit,
        "a slow body",
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "a slow body got {answer:?}"
    );
    assert!(
        took >= TIMEOUT / 2,
        "a slow body was cut after only {took:?}"
    );
    // A kept-alive connection that asks for nothing more.
    let (answer, took) = raw_exchange(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        limit,
        "an idle connection",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert!(
        took >= TIMEOUT / 2,
        "an idle connection was closed after only {took:?}"
    );
    // A body over max_body_bytes.
    let url = stack.inbound_url();
    let big = "x".repeat(20_000);
    let params = [("From", "+15555550192"), ("Body", big.as_str())];
    let response = stack.post_signed(&url, &params).await;
    assert_eq!(response.status().as_u16(), 413);

    stack.assert_running();
}
