//! Escalation to an on-call clinician through the PagerDuty Events API v2:
//! a `trigger` event with `dedup_key` = `<tenant>.<message id>` (so a retry updates
//! the same incident), the triage reasons, and a link to open the message.
//! The body (PHI) is sent only when `include_body` is set.

use serde_json::{Value, json};

use super::Dispatch;
use super::http::{Failure, Sent, exchange, safe_provider_id, safe_status};
use crate::config::{PagerDutyConfig, Secret};

pub struct PagerDutyClient {
    http: reqwest::Client,
    url: String,
    routing_key: Secret,
    include_body: bool,
    link_template: Option<String>,
}

impl PagerDutyClient {
    pub fn new(
        config: &PagerDutyConfig,
        http: reqwest::Client,
        include_body: bool,
        link_template: Option<String>,
    ) -> Self {
        Self {
            http,
            url: format!("{}/v2/enqueue", config.base_url.trim_end_matches('/')),
            routing_key: config.routing_key.clone(),
            include_body,
            link_template,
        }
    }

    pub fn event(&self, dispatch: &Dispatch) -> Value {
        let m = &dispatch.message;
        let mut details = escalation_details(dispatch, self.include_body);
        details["source_system"] = json!("carewire");
        let mut event = json!({
            "routing_key": self.routing_key.expose(),
            "event_action": "trigger",
            "dedup_key": m.key(),
            "client": "carewire",
            "payload": {
                "summary": summary(dispatch),
                "source": "carewire",
                "severity": severity(dispatch),
                "component": m.category,
                "group": m.tenant,
                "class": "patient_message",
                "custom_details": details,
            },
        });
        if let Some(link) = link(self.link_template.as_deref(), &m.id) {
            event["links"] = json!([{"href": link, "text": "Open the message"}]);
        }
        event
    }

    pub async fn send(&self, dispatch: &Dispatch) -> Result<Sent, Failure> {
        let request = self.http.post(&self.url).json(&self.event(dispatch));
        let (_, _, answer) = exchange(request, true).await?;
        Ok(Sent {
            provider_id: safe_provider_id(answer["dedup_key"].as_str())
                .or_else(|| Some(dispatch.message.key())),
            provider_status: safe_status(answer["status"].as_str()),
            delivered: false,
        })
    }
}

/// A one-line summary with ids and codes only.
pub fn summary(dispatch: &Dispatch) -> String {
    let m = &dispatch.message;
    let mut s = format!("Patient message {} needs a clinician", m.id);
    if !m.reasons.is_empty() {
        s.push_str(&format!(" ({})", m.reasons.join(", ")));
    }
    s
}

/// `critical` for a STAT request or an urgent triage; `error` otherwise
/// (e.g. escalated because a safety plugin failed).
pub fn severity(dispatch: &Dispatch) -> &'static str {
    let urgent = dispatch
        .message
        .labels
        .get("urgency")
        .is_some_and(|u| u == "urgent");
    if urgent || dispatch.priority == crate::envelope::Priority::Stat {
        "critical"
    } else {
        "error"
    }
}

/// What an escalation carries besides the page itself: ids, codes, and the
/// body only when allowed.
pub fn escalation_details(dispatch: &Dispatch, include_body: bool) -> Value {
    let m = &dispatch.message;
    let mut details = json!({
        "message_id": m.id,
        "tenant": m.tenant,
        "patient_id": m.patient_id,
        "category": m.category,
        "reasons": m.reasons,
        "labels": m.labels,
    });
    if include_body {
        details["body"] = json!(m.body);
    }
    details
}

/// The link template with `{id}` filled in.
pub fn link(template: Option<&str>, id: &str) -> Option<String> {
    template.map(|t| t.replace("{id}", id))
}
