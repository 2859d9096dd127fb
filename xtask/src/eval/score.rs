//! Scores a subset of a corpus with the corpus's own scorer and reads its
//! headline figures. A visible subset (dev, train) keeps its gold,
//! predictions and misclassification details in target/eval; a hidden one
//! (anything with eval-split lines) is scored in the scratch directory and
//! keeps only its aggregate figures.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::Context;
use serde_json::{Value, json};

use super::Corpus;
use super::replay::Predictions;
use crate::corpus::Item;
use crate::run_checked;

/// Keys of a scorer's summary that name files or quote the text.
const NOT_AGGREGATE: &[&str] = &["corpus", "predictions", "top_removed_nonphi_tokens"];

pub struct Subset {
    label: String,
    file: String,
    /// Whether details (lines, errors) may be kept and shown.
    visible: bool,
}

impl Subset {
    pub fn visible(label: &str, file: &str) -> Self {
        Self {
            label: label.to_owned(),
            file: file.to_owned(),
            visible: true,
        }
    }

    pub fn hidden(label: &str, file: &str) -> Self {
        Self {
            visible: false,
            ..Self::visible(label, file)
        }
    }
}

/// One line of the table: a subset's aggregate figures.
pub struct Row {
    pub label: String,
    /// The scorer's summary, without file names or quoted text.
    pub summary: Value,
}

impl Row {
    pub fn to_json(&self) -> Value {
        json!({"set": self.label, "scores": self.summary})
    }
}

pub struct Scoring<'a> {
    pub corpus: Corpus,
    pub scorer: &'a Path,
    pub out: &'a Path,
    pub scratch: &'a Path,
}

impl Scoring<'_> {
    /// The figures of `items` under `predictions`.
    pub fn score(
        &self,
        subset: &Subset,
        items: &[&Item],
        predictions: &Predictions,
    ) -> anyhow::Result<Row> {
        let dir = if subset.visible {
            self.out
        } else {
            self.scratch
        };
        let (gold, predicted) = self.write(dir, &subset.file, items, predictions)?;
        let raw = dir.join(format!("{}.raw-score.json", subset.file));
        let mut cmd = Command::new("python3");
        cmd.arg(self.scorer)
            .arg(&gold)
            .arg(&predicted)
            .arg("--quiet")
            .arg("--json")
            .arg(&raw);
        if subset.visible {
            cmd.arg(self.details_flag())
                .arg(self.out.join(format!("{}.details.jsonl", subset.file)));
        }
        run_checked(&mut cmd)?;
        let mut summary: Value = serde_json::from_str(
            &std::fs::read_to_string(&raw)
                .with_context(|| format!("the scorer wrote no {}", raw.display()))?,
        )?;
        std::fs::remove_file(&raw)?;
        if let Value::Object(map) = &mut summary {
            for key in NOT_AGGREGATE {
                map.remove(*key);
            }
        }
        std::fs::write(
            self.out.join(format!("{}.score.json", subset.file)),
            serde_json::to_string_pretty(&summary)?,
        )?;
        Ok(Row {
            label: subset.label.clone(),
            summary,
        })
    }

    /// `--file`: the scorer's own report, with details, for one file.
    pub fn report(
        &self,
        name: &str,
        items: &[&Item],
        predictions: &Predictions,
    ) -> anyhow::Result<()> {
        let (gold, predicted) = self.write(self.out, name, items, predictions)?;
        run_checked(
            Command::new("python3")
                .arg(self.scorer)
                .arg(&gold)
                .arg(&predicted)
                .arg("--json")
                .arg(self.out.join(format!("{name}.score.json")))
                .arg(self.details_flag())
                .arg(self.out.join(format!("{name}.details.jsonl"))),
        )
    }

    fn details_flag(&self) -> &'static str {
        match self.corpus {
            Corpus::Phi => "--details",
            Corpus::Urgency => "--errors",
        }
    }

    /// Writes the subset's gold lines and predictions into `dir`.
    fn write(
        &self,
        dir: &Path,
        file: &str,
        items: &[&Item],
        predictions: &Predictions,
    ) -> anyhow::Result<(std::path::PathBuf, std::path::PathBuf)> {
        let (mut gold, mut predicted) = (String::new(), String::new());
        for item in items {
            writeln!(gold, "{}", item.line)?;
            if let Some(p) = predictions.get(&item.id()) {
                writeln!(predicted, "{p}")?;
            }
        }
        let gold_path = dir.join(format!("{file}.gold"));
        let predicted_path = dir.join(format!("{file}.pred"));
        std::fs::write(&gold_path, gold)?;
        std::fs::write(&predicted_path, predicted)?;
        Ok((gold_path, predicted_path))
    }
}
