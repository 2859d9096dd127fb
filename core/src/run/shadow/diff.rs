//! Where two decisions on one message differ: the current chain's and a
//! candidate's. What `carewire replay --against` prints per message and
//! `carewire shadow` publishes, with a summary by kind of change.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use crate::run::decision_line::ReplayLine;

/// One difference record (`carewire.shadow_diff/1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub schema: &'static str,
    pub id: Option<String>,
    /// The message's tenant (`carewire shadow`; replay leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// Each change, in a fixed order: outcome, error, sms_body, reasons,
    /// labels, plugins.
    pub changes: Vec<Change>,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `outcome`, `error`, `sms_body`, `reasons`, `labels` or `plugins`.
    pub field: &'static str,
    pub current: Value,
    pub candidate: Value,
}

impl Change {
    /// The change's kind for the summary: the field, and for an outcome
    /// the move (`outcome:sms->portal`); for reasons, what was added and
    /// removed (`reasons:+x`, `reasons:-y`).
    pub fn kinds(&self) -> Vec<String> {
        match self.field {
            "outcome" => vec![format!(
                "outcome:{}->{}",
                self.current.as_str().unwrap_or("?"),
                self.candidate.as_str().unwrap_or("?")
            )],
            "reasons" => {
                let set = |v: &Value| -> BTreeSet<String> {
                    v.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r.as_str().map(str::to_string))
                        .collect()
                };
                let (current, candidate) = (set(&self.current), set(&self.candidate));
                let mut kinds: Vec<String> = candidate
                    .difference(&current)
                    .map(|r| format!("reasons:+{r}"))
                    .collect();
                kinds.extend(
                    current
                        .difference(&candidate)
                        .map(|r| format!("reasons:-{r}")),
                );
                if kinds.is_empty() {
                    kinds.push("reasons:order".into());
                }
                kinds
            }
            field => vec![field.to_string()],
        }
    }
}

pub const SCHEMA: &str = "carewire.shadow_diff/1";

/// The difference between the current and the candidate decision on one
/// message, or `None` when they agree on everything compared.
pub fn between(current: &ReplayLine, candidate: &ReplayLine) -> Option<Difference> {
    let mut changes = Vec::new();
    let mut compare = |field: &'static str, a: Value, b: Value| {
        if a != b {
            changes.push(Change {
                field,
                current: a,
                candidate: b,
            });
        }
    };
    compare(
        "outcome",
        json!(current.outcome.as_str()),
        json!(candidate.outcome.as_str()),
    );
    compare("error", json!(current.error), json!(candidate.error));
    compare(
        "sms_body",
        json!(current.bodies.get("sms")),
        json!(candidate.bodies.get("sms")),
    );
    compare("reasons", json!(current.reasons), json!(candidate.reasons));
    compare("labels", json!(current.labels), json!(candidate.labels));
    compare("plugins", json!(current.plugins), json!(candidate.plugins));
    (!changes.is_empty()).then(|| Difference {
        schema: SCHEMA,
        id: candidate.id.clone().or_else(|| current.id.clone()),
        tenant: None,
        changes,
    })
}

/// Counts over a run.
#[derive(Debug, Default, Clone)]
pub struct DiffSummary {
    pub compared: u64,
    pub differing: u64,
    /// Messages per kind of change (see [`Change::kinds`]).
    pub by_kind: BTreeMap<String, u64>,
}

impl DiffSummary {
    pub fn add(&mut self, difference: Option<&Difference>) {
        self.compared += 1;
        let Some(d) = difference else { return };
        self.differing += 1;
        let kinds: BTreeSet<String> = d.changes.iter().flat_map(Change::kinds).collect();
        for kind in kinds {
            *self.by_kind.entry(kind).or_default() += 1;
        }
    }

    /// The summary as lines of text.
    pub fn render(&self) -> String {
        let mut out = format!(
            "compared {} messages: {} differ, {} the same\n",
            self.compared,
            self.differing,
            self.compared - self.differing
        );
        let mut kinds: Vec<(&String, &u64)> = self.by_kind.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (kind, count) in kinds {
            out.push_str(&format!("  {count:>8}  {kind}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Outcome;

    fn line(outcome: Outcome, sms: &str, reasons: &[&str]) -> ReplayLine {
        ReplayLine {
            id: Some("m-1".into()),
            outcome,
            bodies: BTreeMap::from([
                ("sms", sms.to_string()),
                ("portal", "p".to_string()),
                ("escalation", "p".to_string()),
            ]),
            labels: BTreeMap::from([("urgency".to_string(), "routine".to_string())]),
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            error: None,
            plugins: BTreeMap::from([("consent".to_string(), "continue".to_string())]),
        }
    }

    #[test]
    fn the_same_decision_is_no_difference() {
        let a = line(Outcome::Sms, "hi", &["consent_granted"]);
        assert_eq!(between(&a, &a), None);
    }

    #[test]
    fn each_changed_field_is_named_with_both_values() {
        let a = line(Outcome::Sms, "hi", &["consent_granted", "phi_none"]);
        let b = line(
            Outcome::Portal,
            "hello",
            &["consent_granted", "category_denied"],
        );
        let d = between(&a, &b).expect("differs");
        let fields: Vec<&str> = d.changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["outcome", "sms_body", "reasons"]);
        assert_eq!(d.changes[0].current, json!("sms"));
        assert_eq!(d.changes[0].candidate, json!("portal"));
        let mut summary = DiffSummary::default();
        summary.add(Some(&d));
        summary.add(None);
        assert_eq!(summary.compared, 2);
        assert_eq!(summary.differing, 1);
        let kinds: Vec<&str> = summary.by_kind.keys().map(String::as_str).collect();
        assert_eq!(
            kinds,
            [
                "outcome:sms->portal",
                "reasons:+category_denied",
                "reasons:-phi_none",
                "sms_body"
            ]
        );
        assert!(
            summary
                .render()
                .starts_with("compared 2 messages: 1 differ, 1 the same\n")
        );
    }
}
