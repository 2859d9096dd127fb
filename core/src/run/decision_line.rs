//! One decision as `carewire replay` writes it: what `replay`,
//! `replay --against`, `carewire shadow` and `carewire plugin test` compare
//! and check.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::route::{ChannelBodies, Handled, Outcome, Route};

/// One output line.
#[derive(Debug, Serialize)]
pub struct ReplayLine {
    pub id: Option<String>,
    pub outcome: Outcome,
    /// The body each channel would carry, keyed `sms`, `portal`, `escalation`
    /// (an empty object for invalid input).
    pub bodies: BTreeMap<&'static str, String>,
    pub labels: BTreeMap<String, String>,
    pub reasons: Vec<String>,
    /// Why the message was invalid, or undeliverable.
    pub error: Option<String>,
    /// Each plugin's verdict (`continue`, `halt`, or `failed:<kind>`), in chain order.
    pub plugins: BTreeMap<String, String>,
}

impl ReplayLine {
    /// The line for one handled message.
    pub fn from_handled(handled: Handled) -> Self {
        match handled {
            Handled::Invalid(invalid) => ReplayLine {
                id: invalid.id,
                outcome: Outcome::Invalid,
                bodies: BTreeMap::new(),
                labels: BTreeMap::new(),
                reasons: Vec::new(),
                error: Some(invalid.reason.code()),
                plugins: BTreeMap::new(),
            },
            Handled::Decided(envelope, decision) => {
                let outcome = decision.outcome();
                let error = match &decision.routed.route {
                    Route::Undeliverable(code) => Some(code.clone()),
                    Route::Deliver(_) => None,
                };
                let plugins = decision
                    .plugins
                    .iter()
                    .map(|p| {
                        let verdict = match &p.outcome {
                            crate::chain::PluginOutcome::Answered(v) if v.halt.is_some() => {
                                "halt".to_string()
                            }
                            crate::chain::PluginOutcome::Answered(_) => "continue".to_string(),
                            crate::chain::PluginOutcome::Failed(kind) => {
                                format!("failed:{}", kind.as_str())
                            }
                        };
                        (p.name.clone(), verdict)
                    })
                    .collect();
                ReplayLine {
                    id: Some(envelope.id),
                    outcome,
                    bodies: bodies_by_channel(decision.routed.bodies),
                    labels: decision.routed.labels,
                    reasons: decision.routed.reasons,
                    error,
                    plugins,
                }
            }
        }
    }
}

fn bodies_by_channel(b: ChannelBodies) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("sms", b.sms),
        ("portal", b.portal),
        ("escalation", b.escalation),
    ])
}
