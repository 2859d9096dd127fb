//! `[channels.*]`, `[delivery]` and `[http]`: where each channel's messages
//! go (NATS for a downstream gateway, or a provider over HTTP), the
//! providers' credentials, and how hard carewire tries.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

use super::QuietHoursConfig;

/// A credential from the config file or, better, from a `CAREWIRE__...`
/// environment variable. Never printed.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Empty or only white space: no secret at all.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Where a channel's messages are handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Published to `<prefix>.outbound.<channel>` for a downstream gateway.
    Nats,
    /// SMS through a Twilio-compatible Messages API.
    Twilio,
    /// The portal: a FHIR R4 `Communication` on a FHIR server.
    Fhir,
    /// Escalation: a PagerDuty Events API v2 `trigger`.
    Pagerduty,
    /// Escalation: a JSON POST signed with HMAC-SHA256.
    Webhook,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Nats => "nats",
            Target::Twilio => "twilio",
            Target::Fhir => "fhir",
            Target::Pagerduty => "pagerduty",
            Target::Webhook => "webhook",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelsConfig {
    #[serde(default)]
    pub sms: SmsConfig,
    #[serde(default)]
    pub portal: PortalConfig,
    #[serde(default)]
    pub escalation: EscalationConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// `nats` (default) or `twilio`.
    #[serde(default = "nats_only")]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub twilio: Option<TwilioConfig>,
    /// Local hours in which an SMS may reach a recipient.
    #[serde(default)]
    pub quiet_hours: QuietHoursConfig,
    /// The longest SMS body carewire hands over, in characters, checked on
    /// the final (redacted) body; a longer one goes to the fallback channel.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Region in which a phone number without country code is read.
    #[serde(default = "default_region")]
    pub default_region: String,
    /// What carewire answers to patients' keyword replies.
    #[serde(default)]
    pub replies: RepliesConfig,
}

impl Default for SmsConfig {
    fn default() -> Self {
        Self {
            targets: nats_only(),
            twilio: None,
            quiet_hours: QuietHoursConfig::default(),
            max_length: None,
            default_region: default_region(),
            replies: RepliesConfig::default(),
        }
    }
}

/// Answers to HELP, STOP and START replies (no PHI: the same text for everyone).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RepliesConfig {
    #[serde(default = "default_help_text")]
    pub help_text: String,
    /// Sent after a STOP; off when absent (many providers confirm STOP themselves).
    #[serde(default)]
    pub stop_text: Option<String>,
    /// Sent after a START; off when absent.
    #[serde(default)]
    pub start_text: Option<String>,
    /// Files of plain-language opt-out phrases, one per language (relative
    /// to the config file; examples/replies/plain_language.en.toml is the
    /// English one). None: only carrier keywords opt out.
    #[serde(default)]
    pub plain_language: Vec<std::path::PathBuf>,
}

impl Default for RepliesConfig {
    fn default() -> Self {
        Self {
            help_text: default_help_text(),
            stop_text: None,
            start_text: None,
            plain_language: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TwilioConfig {
    /// Any Twilio-compatible gateway; the path `/2010-04-01/Accounts/<sid>/Messages.json` is appended.
    #[serde(default = "default_twilio_url")]
    pub base_url: String,
    pub account_sid: String,
    /// Also signs the status callbacks and inbound replies carewire
    /// receives; required (an empty one would let anyone sign them).
    #[serde(default)]
    pub auth_token: Secret,
    /// The sending number (E.164), unless `messaging_service_sid` is set.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub messaging_service_sid: Option<String>,
    #[serde(default)]
    pub rate: RateConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PortalConfig {
    /// `nats` (default) or `fhir`.
    #[serde(default = "nats_only")]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub fhir: Option<FhirConfig>,
}

impl Default for PortalConfig {
    fn default() -> Self {
        Self {
            targets: nats_only(),
            fhir: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FhirConfig {
    /// The FHIR R4 base, e.g. `https://fhir.example.org/r4`.
    pub base_url: String,
    #[serde(default)]
    pub bearer_token: Option<Secret>,
    /// The identifier system of the message id on the `Communication`.
    #[serde(default = "default_identifier_system")]
    pub identifier_system: String,
    #[serde(default)]
    pub rate: RateConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationConfig {
    /// Any of `nats` (default), `pagerduty`, `webhook`; each gets every escalation.
    #[serde(default = "nats_only")]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub pagerduty: Option<PagerDutyConfig>,
    #[serde(default)]
    pub webhook: Option<WebhookConfig>,
    /// Whether the message body (PHI) goes to the paging service / webhook.
    /// Off by default: the page carries the reasons and a link.
    #[serde(default)]
    pub include_body: bool,
    /// Where a clinician opens the message; `{id}` is replaced by the message id.
    #[serde(default)]
    pub link_template: Option<String>,
}

impl Default for EscalationConfig {
    fn default() -> Self {
        Self {
            targets: nats_only(),
            pagerduty: None,
            webhook: None,
            include_body: false,
            link_template: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PagerDutyConfig {
    #[serde(default = "default_pagerduty_url")]
    pub base_url: String,
    pub routing_key: Secret,
    #[serde(default)]
    pub rate: RateConfig,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    pub url: String,
    /// HMAC-SHA256 key of `X-Carewire-Signature`.
    pub secret: Secret,
    #[serde(default)]
    pub rate: RateConfig,
}

/// A token bucket per provider.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RateConfig {
    #[serde(default = "default_per_second")]
    pub per_second: u32,
    #[serde(default = "default_burst")]
    pub burst: u32,
}

impl Default for RateConfig {
    fn default() -> Self {
        Self {
            per_second: default_per_second(),
            burst: default_burst(),
        }
    }
}

/// How the delivery stage works its queue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryConfig {
    /// Provider calls per message and target before it goes to the DLQ.
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    #[serde(default = "default_backoff_initial_ms")]
    pub backoff_initial_ms: u64,
    #[serde(default = "default_backoff_max_ms")]
    pub backoff_max_ms: u64,
    /// One provider call's time limit.
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u64,
    /// Deliveries in flight per channel.
    #[serde(default = "default_delivery_in_flight")]
    pub max_in_flight: usize,
    /// How long JetStream waits for a delivery's ack; keep it well above `request_timeout_ms`.
    #[serde(default = "default_delivery_ack_wait_secs")]
    pub ack_wait_secs: u64,
    /// Messages a channel may hold unacked, deferred ones included (quiet hours).
    #[serde(default = "default_max_pending")]
    pub max_pending: i64,
    /// Deliveries of a routed message before carewire stores it in
    /// `<prefix>.dlq.max_deliveries`. Every delivery counts: quiet-hours and
    /// not-before deferrals, provider retries and waits for a rate limit's
    /// token too, so it is high; a failed delivery step is tried again after
    /// 1 s, doubling to 60 s.
    #[serde(default = "default_delivery_max_deliver")]
    pub max_deliver: i64,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            max_attempts: default_max_attempts(),
            backoff_initial_ms: default_backoff_initial_ms(),
            backoff_max_ms: default_backoff_max_ms(),
            request_timeout_ms: default_request_timeout_ms(),
            max_in_flight: default_delivery_in_flight(),
            ack_wait_secs: default_delivery_ack_wait_secs(),
            max_pending: default_max_pending(),
            max_deliver: default_delivery_max_deliver(),
        }
    }
}

/// The HTTP listener: `/healthz` and `/readyz`, and with
/// `[channels.sms.twilio]` the SMS provider's webhooks (status callbacks,
/// replies); what one client may hold of it (see [`crate::run::listener`]).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    pub listen: SocketAddr,
    /// The URL at which providers reach `listen` (behind any proxy), without
    /// a trailing slash; signatures are checked against it.
    pub public_url: String,
    /// Connections open at once; at the cap a new one closes the one that
    /// has waited longest without a request being answered.
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
    /// Time from opening a connection to the end of its request head.
    #[serde(default = "default_header_timeout_ms")]
    pub header_timeout_ms: u64,
    /// Time to send a request's whole body (408 after it).
    #[serde(default = "default_body_timeout_ms")]
    pub body_timeout_ms: u64,
    /// How long a kept-alive connection may wait for its next request
    /// (its head must also arrive within `header_timeout_ms`).
    #[serde(default = "default_idle_timeout_ms")]
    pub idle_timeout_ms: u64,
    /// Time carewire takes to answer a request it has read (503 after it).
    #[serde(default = "default_response_timeout_ms")]
    pub response_timeout_ms: u64,
    /// The largest request body (413 above it).
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: usize,
}

fn default_max_connections() -> usize {
    256
}
fn default_header_timeout_ms() -> u64 {
    10_000
}
fn default_body_timeout_ms() -> u64 {
    10_000
}
fn default_idle_timeout_ms() -> u64 {
    5_000
}
/// Twilio waits 15 s for a webhook's answer.
fn default_response_timeout_ms() -> u64 {
    15_000
}
/// Twilio's forms are a few KiB.
fn default_max_body_bytes() -> usize {
    64 * 1024
}
fn nats_only() -> Vec<Target> {
    vec![Target::Nats]
}
fn default_region() -> String {
    "US".into()
}
fn default_help_text() -> String {
    "This number sends messages from your care team. Reply STOP to stop texts, START to resume. \
     For medical emergencies call 911."
        .into()
}
fn default_twilio_url() -> String {
    "https://api.twilio.com".into()
}
fn default_identifier_system() -> String {
    "urn:carewire:message-id".into()
}
fn default_pagerduty_url() -> String {
    "https://events.pagerduty.com".into()
}
fn default_per_second() -> u32 {
    10
}
fn default_burst() -> u32 {
    10
}
fn default_max_attempts() -> u32 {
    5
}
fn default_backoff_initial_ms() -> u64 {
    500
}
fn default_backoff_max_ms() -> u64 {
    60_000
}
fn default_request_timeout_ms() -> u64 {
    10_000
}
fn default_delivery_in_flight() -> usize {
    64
}
fn default_delivery_ack_wait_secs() -> u64 {
    60
}
fn default_max_pending() -> i64 {
    100_000
}
/// A wait for a rate limit's token costs a delivery every 6-10 s: 10,000
/// deliveries are about a day behind a backlog.
fn default_delivery_max_deliver() -> i64 {
    10_000
}

impl ChannelsConfig {
    /// Checks that each channel names targets it can use, with their settings.
    pub fn validate(
        &self,
        delivery: &DeliveryConfig,
        http: Option<&HttpConfig>,
    ) -> Result<(), String> {
        use Target::*;
        let check = |channel: &str, targets: &[Target], allowed: &[Target], many: bool| {
            if targets.is_empty() {
                return Err(format!("channels.{channel}.targets is empty"));
            }
            if !many && targets.len() > 1 {
                return Err(format!(
                    "channels.{channel}.targets: name exactly one target"
                ));
            }
            let mut seen = std::collections::HashSet::new();
            for t in targets {
                if !allowed.contains(t) {
                    return Err(format!(
                        "channels.{channel}.targets: {:?} is not a target of this channel (choose from {:?})",
                        t.as_str(),
                        allowed.iter().map(|t| t.as_str()).collect::<Vec<_>>()
                    ));
                }
                if !seen.insert(t) {
                    return Err(format!(
                        "channels.{channel}.targets names {:?} twice",
                        t.as_str()
                    ));
                }
            }
            Ok(())
        };
        let missing = |channel: &str, target: &str| {
            format!(
                "channels.{channel}.targets includes {target:?} but [channels.{channel}.{target}] is missing"
            )
        };
        check("sms", &self.sms.targets, &[Nats, Twilio], false)?;
        check("portal", &self.portal.targets, &[Nats, Fhir], false)?;
        check(
            "escalation",
            &self.escalation.targets,
            &[Nats, Pagerduty, Webhook],
            true,
        )?;
        if let Some(twilio) = &self.sms.twilio
            && twilio.auth_token.is_blank()
        {
            return Err("channels.sms.twilio.auth_token is empty: it signs the SMS webhooks (without it anyone could send STOP, START or delivery statuses) and the API calls; set it, e.g. in CAREWIRE__CHANNELS__SMS__TWILIO__AUTH_TOKEN".into());
        }
        if let Some(hook) = &self.escalation.webhook
            && hook.secret.is_blank()
        {
            return Err("channels.escalation.webhook.secret is empty: it signs the escalations carewire posts (without it anyone could forge one); set it, e.g. in CAREWIRE__CHANNELS__ESCALATION__WEBHOOK__SECRET".into());
        }
        if self.sms.targets.contains(&Twilio) {
            let twilio = self
                .sms
                .twilio
                .as_ref()
                .ok_or_else(|| missing("sms", "twilio"))?;
            if twilio.from.is_none() == twilio.messaging_service_sid.is_none() {
                return Err(
                    "channels.sms.twilio: set exactly one of `from` and `messaging_service_sid`"
                        .into(),
                );
            }
            check_url("channels.sms.twilio.base_url", &twilio.base_url)?;
            check_rate("channels.sms.twilio.rate", twilio.rate)?;
        }
        if self.portal.targets.contains(&Fhir) {
            let fhir = self
                .portal
                .fhir
                .as_ref()
                .ok_or_else(|| missing("portal", "fhir"))?;
            check_url("channels.portal.fhir.base_url", &fhir.base_url)?;
            check_rate("channels.portal.fhir.rate", fhir.rate)?;
        }
        if self.escalation.targets.contains(&Pagerduty) {
            let pd = self
                .escalation
                .pagerduty
                .as_ref()
                .ok_or_else(|| missing("escalation", "pagerduty"))?;
            check_url("channels.escalation.pagerduty.base_url", &pd.base_url)?;
            check_rate("channels.escalation.pagerduty.rate", pd.rate)?;
        }
        if self.escalation.targets.contains(&Webhook) {
            let hook = self
                .escalation
                .webhook
                .as_ref()
                .ok_or_else(|| missing("escalation", "webhook"))?;
            check_url("channels.escalation.webhook.url", &hook.url)?;
            check_rate("channels.escalation.webhook.rate", hook.rate)?;
        }
        if self.sms.max_length == Some(0) {
            return Err("channels.sms.max_length must be at least 1".into());
        }
        if !carewire_plugin_sdk::phone::is_known_region(&self.sms.default_region) {
            return Err(format!(
                "channels.sms.default_region {:?} is not an ISO 3166 region libphonenumber knows",
                self.sms.default_region
            ));
        }
        self.sms.quiet_hours.compile()?;
        if delivery.max_attempts == 0
            || delivery.max_in_flight == 0
            || delivery.request_timeout_ms == 0
        {
            return Err(
                "delivery.max_attempts, max_in_flight and request_timeout_ms must be at least 1"
                    .into(),
            );
        }
        if delivery.ack_wait_secs.saturating_mul(1000)
            <= delivery.request_timeout_ms.saturating_mul(2)
        {
            return Err("delivery.ack_wait_secs must be more than twice delivery.request_timeout_ms, or a slow provider call could be redelivered and sent twice".into());
        }
        if let Some(http) = http {
            check_url("http.public_url", &http.public_url)?;
            if http.max_connections == 0
                || http.header_timeout_ms == 0
                || http.body_timeout_ms == 0
                || http.idle_timeout_ms == 0
                || http.response_timeout_ms == 0
                || http.max_body_bytes == 0
            {
                return Err("http.max_connections, header_timeout_ms, body_timeout_ms, idle_timeout_ms, response_timeout_ms and max_body_bytes must be at least 1".into());
            }
        }
        Ok(())
    }
}

fn check_url(key: &str, url: &str) -> Result<(), String> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(()),
        _ => Err(format!("{key} {url:?} must be an http(s) URL")),
    }
}

fn check_rate(key: &str, rate: RateConfig) -> Result<(), String> {
    if rate.per_second == 0 || rate.burst == 0 {
        return Err(format!("{key}: per_second and burst must be at least 1"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::{Config, Secret};

    const PLUGIN: &str = r#"
[[plugins]]
name = "consent"
path = "consent.wasm"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
"#;

    fn load(extra: &str) -> Result<Config, String> {
        Config::from_toml(&format!("{PLUGIN}\n{extra}"), Path::new(".")).map_err(|e| e.to_string())
    }

    #[test]
    fn every_channel_defaults_to_nats() {
        let cfg = load("").unwrap();
        for targets in [
            &cfg.channels.sms.targets,
            &cfg.channels.portal.targets,
            &cfg.channels.escalation.targets,
        ] {
            assert_eq!(targets, &[super::Target::Nats]);
        }
        assert!(cfg.channels.sms.quiet_hours.enabled);
    }

    #[test]
    fn a_provider_target_needs_its_settings() {
        let err = load("[channels.sms]\ntargets = [\"twilio\"]\n").unwrap_err();
        assert!(err.contains("[channels.sms.twilio] is missing"), "{err}");
        let err = load("[channels.portal]\ntargets = [\"pagerduty\"]\n").unwrap_err();
        assert!(err.contains("not a target of this channel"), "{err}");
        let err = load("[channels.sms]\ntargets = [\"nats\", \"twilio\"]\n").unwrap_err();
        assert!(err.contains("exactly one"), "{err}");
        let ok = load(
            "[channels.escalation]\ntargets = [\"pagerduty\", \"webhook\"]\n\
             [channels.escalation.pagerduty]\nrouting_key = \"k\"\n\
             [channels.escalation.webhook]\nurl = \"https://hooks.example.org/x\"\nsecret = \"s\"\n",
        );
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn twilio_needs_one_sender_and_a_url() {
        let base = "[channels.sms]\ntargets = [\"twilio\"]\n[channels.sms.twilio]\naccount_sid = \"AC1\"\nauth_token = \"t\"\n";
        let err = load(base).unwrap_err();
        assert!(
            err.contains("exactly one of `from` and `messaging_service_sid`"),
            "{err}"
        );
        let err = load(&format!(
            "{base}from = \"+15550001111\"\nbase_url = \"ftp://x\"\n"
        ))
        .unwrap_err();
        assert!(err.contains("base_url"), "{err}");
        assert!(load(&format!("{base}from = \"+15550001111\"\n")).is_ok());
    }

    #[test]
    fn ack_wait_must_outlast_two_provider_calls() {
        let err = load("[delivery]\nack_wait_secs = 10\nrequest_timeout_ms = 10000\n").unwrap_err();
        assert!(err.contains("ack_wait_secs"), "{err}");
    }

    #[test]
    fn http_alone_serves_health() {
        let http =
            "[http]\nlisten = \"127.0.0.1:8080\"\npublic_url = \"https://carewire.example.org\"\n";
        let cfg = load(http).unwrap();
        let http_cfg = cfg.http.unwrap();
        assert_eq!(http_cfg.max_connections, 256);
        assert_eq!(http_cfg.header_timeout_ms, 10_000);
        assert_eq!(http_cfg.max_body_bytes, 65_536);
        let err = load(&format!("{http}max_connections = 0\n")).unwrap_err();
        assert!(err.contains("http.max_connections"), "{err}");
    }

    #[test]
    fn an_empty_webhook_secret_is_named() {
        let twilio = "[channels.sms.twilio]\naccount_sid = \"AC1\"\nfrom = \"+15550001111\"\n";
        for token in ["", "auth_token = \"\"\n", "auth_token = \" \"\n"] {
            let err = load(&format!("{twilio}{token}")).unwrap_err();
            assert!(err.contains("channels.sms.twilio.auth_token"), "{err}");
        }
        let hook =
            "[channels.escalation.webhook]\nurl = \"https://hooks.example.org/x\"\nsecret = \"\"\n";
        let err = load(hook).unwrap_err();
        assert!(err.contains("channels.escalation.webhook.secret"), "{err}");
    }

    #[test]
    fn bad_quiet_hours_are_named() {
        let err = load("[channels.sms.quiet_hours]\nwindow = \"21:00-08:00\"\n").unwrap_err();
        assert!(err.contains("quiet_hours"), "{err}");
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2-token");
        assert!(!format!("{secret:?}").contains("hunter2"));
        let cfg = load(
            "[channels.sms]\ntargets = [\"twilio\"]\n[channels.sms.twilio]\naccount_sid = \"AC1\"\nauth_token = \"hunter2-token\"\nfrom = \"+15550001111\"\n",
        )
        .unwrap();
        assert!(!format!("{cfg:?}").contains("hunter2"));
    }
}
