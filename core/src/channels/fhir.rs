//! The portal: an HL7 FHIR R4 `Communication` on the portal's FHIR server,
//! which is also the conversation's record in the patient's chart. Created
//! conditionally (`If-None-Exist` on `<tenant>.<message id>`) so a retry cannot make
//! a second one.

use serde_json::{Value, json};

use super::Dispatch;
use super::http::{Failure, Sent, exchange, safe_provider_id};
use crate::config::{FhirConfig, Secret};
use crate::envelope::RecipientRole;

pub struct FhirClient {
    http: reqwest::Client,
    url: String,
    token: Option<Secret>,
    identifier_system: String,
}

impl FhirClient {
    pub fn new(config: &FhirConfig, http: reqwest::Client) -> Self {
        Self {
            http,
            url: format!("{}/Communication", config.base_url.trim_end_matches('/')),
            token: config.bearer_token.clone(),
            identifier_system: config.identifier_system.clone(),
        }
    }

    /// The `Communication` for a dispatched message.
    pub fn resource(&self, dispatch: &Dispatch, sent: &str) -> Value {
        let message = &dispatch.message;
        let patient = dispatch.subject.clone().map_or_else(
            || json!({"reference": format!("Patient/{}", message.patient_id)}),
            |subject| subject.to_fhir(),
        );
        let mut resource = json!({
            "resourceType": "Communication",
            "identifier": [{"system": self.identifier_system, "value": message.key()}],
            "status": "completed",
            "category": [{"coding": [{"system": "urn:carewire:category", "code": message.category}]}],
            "priority": priority(dispatch),
            "subject": patient.clone(),
            "sent": sent,
            "payload": [{"contentString": message.body}],
        });
        if message.recipient.role == RecipientRole::Patient {
            resource["recipient"] = json!([patient]);
        }
        if let Some(based_on) = &dispatch.based_on {
            resource["basedOn"] = json!([{"reference": based_on}]);
        }
        let mut sender = serde_json::Map::new();
        if let Some(reference) = &dispatch.sender_reference {
            sender.insert("reference".into(), json!(reference));
        }
        if let Some(display) = dispatch.sender.as_deref().filter(|d| !d.trim().is_empty()) {
            sender.insert("display".into(), json!(display));
        }
        if !sender.is_empty() {
            resource["sender"] = Value::Object(sender);
        }
        resource
    }

    pub async fn send(&self, dispatch: &Dispatch) -> Result<Sent, Failure> {
        let now = jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now());
        let body = self.resource(dispatch, &now.to_string());
        let mut request = self
            .http
            .post(&self.url)
            .header("Content-Type", "application/fhir+json")
            .header("Accept", "application/fhir+json")
            .header(
                "If-None-Exist",
                format!(
                    "identifier={}|{}",
                    self.identifier_system,
                    dispatch.message.key()
                ),
            )
            .body(body.to_string());
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose());
        }
        let (status, headers, answer) = exchange(request, true).await?;
        let id = answer["id"].as_str().map(str::to_string).or_else(|| {
            let location = headers.get("location")?.to_str().ok()?;
            let rest = location.split("/Communication/").nth(1)?;
            Some(rest.split('/').next()?.to_string())
        });
        Ok(Sent {
            provider_id: safe_provider_id(id.as_deref()),
            provider_status: Some(if status == 201 { "created" } else { "exists" }.into()),
            delivered: true,
        })
    }
}

fn priority(dispatch: &Dispatch) -> &'static str {
    match dispatch.priority {
        crate::envelope::Priority::Routine => "routine",
        crate::envelope::Priority::Urgent => "urgent",
        crate::envelope::Priority::Stat => "stat",
    }
}
