//! Predictions of the plugin on a corpus: its lines as envelopes through
//! `carewire replay`, each decision turned into the line its scorer reads.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::Corpus;
use crate::corpus::Item;

/// Prediction lines (JSON) by corpus id.
pub type Predictions = HashMap<String, String>;

pub struct Replay<'a> {
    pub carewire: &'a Path,
    pub config: PathBuf,
    pub corpus: Corpus,
    /// Where the envelopes are written (deleted after the run).
    pub scratch: &'a Path,
}

impl Replay<'_> {
    /// The plugin's prediction for every item.
    pub fn predict(&self, items: &[Item], name: &str) -> anyhow::Result<Predictions> {
        if items.is_empty() {
            return Ok(Predictions::new());
        }
        let mut envelopes = String::new();
        for item in items {
            let envelope = json!({
                "id": item.id(),
                "tenant": "eval",
                "patient": {"id": "eval-patient"},
                "recipient": {"role": "patient", "phone": "+15555550100"},
                "body": item.value["text"],
            });
            writeln!(envelopes, "{envelope}")?;
        }
        let input = self.scratch.join(format!("{name}.envelopes.jsonl"));
        std::fs::write(&input, envelopes)?;

        let output = Command::new(self.carewire)
            .args(["replay", "--config"])
            .arg(&self.config)
            .arg("--input")
            .arg(&input)
            .args(["--now", "2026-11-27T12:00:00Z"])
            .env("CAREWIRE_LOG", "warn")
            .stderr(Stdio::inherit())
            .output()
            .context("cannot run carewire replay")?;
        if !output.status.success() {
            bail!("carewire replay failed ({})", output.status);
        }

        let mut predictions = Predictions::new();
        for line in String::from_utf8(output.stdout)?.lines() {
            let decision: Value = serde_json::from_str(line)?;
            let id = match &decision["id"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let prediction = match self.corpus {
                Corpus::Phi => {
                    json!({"id": id, "redacted_text": decision["bodies"]["sms"]})
                }
                Corpus::Urgency => {
                    let urgent = decision["outcome"] == "escalation"
                        || decision["labels"]["urgency"] == "urgent";
                    json!({"id": id, "label": if urgent { "urgent" } else { "routine" }})
                }
            };
            predictions.insert(id, prediction.to_string());
        }
        if predictions.len() != items.len() {
            bail!(
                "carewire replay decided {} of {} {name} messages",
                predictions.len(),
                items.len()
            );
        }
        Ok(predictions)
    }
}
