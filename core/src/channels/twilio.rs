//! SMS through Twilio Programmable Messaging's `Messages` resource, or any
//! gateway that speaks it: a form POST with basic auth, answered with the
//! message's `sid` and `status`. Status callbacks come back to carewire's
//! webhook listener with the message id in the callback URL.

use super::Dispatch;
use super::http::{Failure, FailureKind, Sent, exchange, safe_provider_id, safe_status};
use crate::config::{Secret, TwilioConfig};

/// Twilio's "Attempt to send to unsubscribed recipient" (the number replied
/// STOP at the carrier).
const UNSUBSCRIBED: &str = "21610";

/// `/2010-04-01/Accounts/<sid>/Messages.json`.
pub fn messages_path(account_sid: &str) -> String {
    format!("/2010-04-01/Accounts/{account_sid}/Messages.json")
}

pub struct TwilioClient {
    http: reqwest::Client,
    url: String,
    account_sid: String,
    auth_token: Secret,
    from: Option<String>,
    messaging_service_sid: Option<String>,
    /// `<public url>/sms/status`, when carewire listens for callbacks.
    status_callback: Option<String>,
    default_region: String,
}

impl TwilioClient {
    pub fn new(
        config: &TwilioConfig,
        http: reqwest::Client,
        status_callback: Option<String>,
        default_region: &str,
    ) -> Self {
        Self {
            http,
            url: format!(
                "{}{}",
                config.base_url.trim_end_matches('/'),
                messages_path(&config.account_sid)
            ),
            account_sid: config.account_sid.clone(),
            auth_token: config.auth_token.clone(),
            from: config.from.clone(),
            messaging_service_sid: config.messaging_service_sid.clone(),
            status_callback,
            default_region: default_region.to_string(),
        }
    }

    pub async fn send(&self, dispatch: &Dispatch) -> Result<Sent, Failure> {
        let message = &dispatch.message;
        let to = message
            .recipient
            .phone
            .as_deref()
            .and_then(|p| carewire_plugin_sdk::phone::e164(p, &self.default_region).ok())
            .ok_or(Failure {
                kind: FailureKind::Permanent,
                reason: "phone_invalid",
                http_status: None,
                provider_code: None,
            })?;
        let mut form = vec![("To", to), ("Body", message.body.clone())];
        match (&self.messaging_service_sid, &self.from) {
            (Some(sid), _) => form.push(("MessagingServiceSid", sid.clone())),
            (None, Some(from)) => form.push(("From", from.clone())),
            (None, None) => {}
        }
        if let Some(callback) = &self.status_callback {
            form.push((
                "StatusCallback",
                format!("{callback}?tenant={}&id={}", message.tenant, message.id),
            ));
        }
        let request = self
            .http
            .post(&self.url)
            .basic_auth(&self.account_sid, Some(self.auth_token.expose()))
            .form(&form);
        let (_, _, answer) = exchange(request, false).await.map_err(|mut failure| {
            if failure.provider_code.as_deref() == Some(UNSUBSCRIBED) {
                failure.kind = FailureKind::RecipientOptedOut;
            }
            failure
        })?;
        Ok(Sent {
            provider_id: safe_provider_id(answer["sid"].as_str()),
            provider_status: safe_status(answer["status"].as_str()),
            delivered: false,
        })
    }
}
