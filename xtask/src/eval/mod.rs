//! `cargo xtask eval phi|urgency`: scores the phi-redact or urgency-triage
//! plugin on a labelled corpus (default: the dev corpora in
//! ../shared/corpus) by running `carewire replay` with the configs in
//! examples/eval/ and the corpus's own scorer.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::{build_carewire, run_checked, target_dir};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Corpus {
    /// PHI redaction: span recall, per-type recall, over-redaction.
    Phi,
    /// Urgency triage: urgent recall and precision.
    Urgency,
}

pub fn run(root: &Path, corpus: Corpus, file: Option<PathBuf>) -> anyhow::Result<()> {
    let shared = root.join("../shared/corpus");
    let (default_file, scorer, config) = match corpus {
        Corpus::Phi => (
            "phi_dev.jsonl",
            "score_phi.py",
            "examples/eval/phi-redact.toml",
        ),
        Corpus::Urgency => (
            "urgency_dev.jsonl",
            "score_urgency.py",
            "examples/eval/urgency-triage.toml",
        ),
    };
    let gold = file.unwrap_or_else(|| shared.join(default_file));
    let scorer_path = gold.parent().unwrap_or(&shared).join(scorer);
    let text = std::fs::read_to_string(&gold)
        .with_context(|| format!("cannot read {}", gold.display()))?;

    let carewire = build_carewire(root, false)?;
    let dir = target_dir(root).join("eval");
    std::fs::create_dir_all(&dir)?;

    let mut envelopes = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let item: Value = serde_json::from_str(line)?;
        let envelope = json!({
            "id": item["id"],
            "tenant": "eval",
            "patient": {"id": "eval-patient"},
            "recipient": {"role": "patient", "phone": "+15555550100"},
            "body": item["text"],
        });
        writeln!(envelopes, "{envelope}")?;
    }
    let input = dir.join("envelopes.jsonl");
    std::fs::write(&input, envelopes)?;

    let output = Command::new(&carewire)
        .args(["replay", "--config"])
        .arg(root.join(config))
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

    let mut predictions = String::new();
    for line in String::from_utf8(output.stdout)?.lines() {
        let decision: Value = serde_json::from_str(line)?;
        let prediction = match corpus {
            Corpus::Phi => {
                json!({"id": decision["id"], "redacted_text": decision["bodies"]["sms"]})
            }
            Corpus::Urgency => {
                let urgent = decision["outcome"] == "escalation"
                    || decision["labels"]["urgency"] == "urgent";
                json!({"id": decision["id"], "label": if urgent { "urgent" } else { "routine" }})
            }
        };
        writeln!(predictions, "{prediction}")?;
    }
    let predicted = dir.join(format!("{default_file}.pred"));
    std::fs::write(&predicted, predictions)?;

    let details_flag = match corpus {
        Corpus::Phi => "--details",
        Corpus::Urgency => "--errors",
    };
    run_checked(
        Command::new("python3")
            .arg(&scorer_path)
            .arg(&gold)
            .arg(&predicted)
            .arg("--json")
            .arg(dir.join(format!("{default_file}.score.json")))
            .arg(details_flag)
            .arg(dir.join(format!("{default_file}.details.jsonl"))),
    )?;
    eprintln!("eval: predictions, score and details in {}", dir.display());
    Ok(())
}
