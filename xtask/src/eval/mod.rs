//! `cargo xtask eval phi|urgency`: scores the phi-redact or urgency-triage
//! plugin, run by `carewire replay` with the configs in examples/eval/, with
//! the corpora's own scorers (../shared/corpus/score_*.py), on:
//!
//! - the dev corpus (../shared/corpus), as tuned;
//! - the plugin's own corpus (plugins/<plugin>/corpus/{train,eval}.jsonl),
//!   in full, its train split, and its eval split: phrasing families never
//!   seen in tuning or training (leave-family-out), also per `voice` and per
//!   `language`;
//! - for urgency-triage's learned model, a family-grouped k-fold over the
//!   train split (see `train`).
//!
//! Misclassification details go to target/eval for the dev corpus and the
//! train split only. The eval split's lines, predictions and errors are
//! never printed or kept: its subsets are scored in a temporary directory
//! and only their aggregate figures are shown and written.

mod replay;
mod score;
mod table;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::corpus::{Item, load};
use crate::{build_carewire, target_dir};
use score::{Row, Subset};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Corpus {
    /// PHI redaction: span recall, per-type recall, over-redaction.
    Phi,
    /// Urgency triage: urgent recall and precision.
    Urgency,
}

impl Corpus {
    fn plugin(self) -> &'static str {
        match self {
            Corpus::Phi => "phi-redact",
            Corpus::Urgency => "urgency-triage",
        }
    }

    fn dev_file(self) -> &'static str {
        match self {
            Corpus::Phi => "phi_dev.jsonl",
            Corpus::Urgency => "urgency_dev.jsonl",
        }
    }

    fn scorer(self) -> &'static str {
        match self {
            Corpus::Phi => "score_phi.py",
            Corpus::Urgency => "score_urgency.py",
        }
    }

    fn config(self) -> &'static str {
        match self {
            Corpus::Phi => "examples/eval/phi-redact.toml",
            Corpus::Urgency => "examples/eval/urgency-triage.toml",
        }
    }
}

/// What `cargo xtask eval` was asked for.
pub struct Options {
    /// Score only this gold file (its scorer's full report, with details).
    pub file: Option<PathBuf>,
    /// The plugin's own corpus folder (default plugins/<plugin>/corpus).
    pub corpus_dir: Option<PathBuf>,
    /// Also write the table's figures as JSON here.
    pub json: Option<PathBuf>,
    /// Folds of the family-grouped cross-validation.
    pub folds: usize,
}

pub fn run(root: &Path, corpus: Corpus, options: &Options) -> anyhow::Result<()> {
    let shared = root.join("../shared/corpus");
    let out = target_dir(root).join("eval");
    std::fs::create_dir_all(&out)?;
    // Envelopes, predictions and the eval split's subsets: gone at the end.
    let scratch = tempfile::tempdir()?;
    let carewire = build_carewire(root, false)?;
    let replay = replay::Replay {
        carewire: &carewire,
        config: root.join(corpus.config()),
        corpus,
        scratch: scratch.path(),
    };

    if let Some(file) = &options.file {
        let scorer = file
            .parent()
            .unwrap_or(&shared)
            .join(corpus.scorer())
            .canonicalize()
            .unwrap_or_else(|_| shared.join(corpus.scorer()));
        let items = load(file)?;
        let predictions = replay.predict(&items, "file")?;
        let items: Vec<&Item> = items.iter().collect();
        let name = file
            .file_name()
            .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
        let scoring = score::Scoring {
            corpus,
            scorer: &scorer,
            out: &out,
            scratch: scratch.path(),
        };
        scoring.report(&name, &items, &predictions)?;
        eprintln!("eval: predictions, score and details in {}", out.display());
        return Ok(());
    }

    let scoring = score::Scoring {
        corpus,
        scorer: &shared.join(corpus.scorer()),
        out: &out,
        scratch: scratch.path(),
    };
    let mut rows: Vec<Row> = Vec::new();

    let dev = load(&shared.join(corpus.dev_file()))?;
    let predictions = replay.predict(&dev, "dev")?;
    let dev_refs: Vec<&Item> = dev.iter().collect();
    rows.push(scoring.score(
        &Subset::visible("dev (../shared/corpus, tuned)", corpus.dev_file()),
        &dev_refs,
        &predictions,
    )?);

    let dir = options
        .corpus_dir
        .clone()
        .unwrap_or_else(|| root.join("plugins").join(corpus.plugin()).join("corpus"));
    let train_path = dir.join("train.jsonl");
    let eval_path = dir.join("eval.jsonl");
    let train = if train_path.is_file() {
        load(&train_path)?
    } else {
        Vec::new()
    };
    let held_out = if eval_path.is_file() {
        load(&eval_path)?
    } else {
        Vec::new()
    };
    let mut categories = None;
    let mut rules_categories = None;
    if train.is_empty() && held_out.is_empty() {
        eprintln!(
            "eval: no corpus in {} (train.jsonl, eval.jsonl)",
            dir.display()
        );
    } else {
        check_split(&train, &held_out)?;
        let mut predictions = replay.predict(&train, "train")?;
        predictions.extend(replay.predict(&held_out, "eval")?);
        let plugin = corpus.plugin();
        let all: Vec<&Item> = train.iter().chain(&held_out).collect();
        let train_refs: Vec<&Item> = train.iter().collect();
        let eval_refs: Vec<&Item> = held_out.iter().collect();
        let full_name = format!("{plugin}.full.jsonl");
        let train_name = format!("{plugin}.train.jsonl");
        let eval_name = format!("{plugin}.eval.jsonl");
        rows.push(scoring.score(
            &Subset::hidden("own corpus, full (train + eval)", &full_name),
            &all,
            &predictions,
        )?);
        if !train.is_empty() {
            rows.push(scoring.score(
                &Subset::visible("train split", &train_name),
                &train_refs,
                &predictions,
            )?);
        }
        if !held_out.is_empty() {
            let row = scoring.score(
                &Subset::hidden("EVAL split (leave-family-out)", &eval_name),
                &eval_refs,
                &predictions,
            )?;
            categories = Some(row.summary.clone());
            rows.push(row);
            for key in ["voice", "language"] {
                for (value, group) in group_by(&held_out, key) {
                    let label = format!("  eval, {key} = {value}");
                    let file = format!("{plugin}.eval.{key}.{}.jsonl", slug(&value));
                    rows.push(scoring.score(
                        &Subset::hidden(&label, &file),
                        &group,
                        &predictions,
                    )?);
                }
            }
            if corpus == Corpus::Urgency {
                // What the model adds: the rules alone, natively.
                let rules = crate::train::rules_alone(&held_out)?;
                let row = scoring.score(
                    &Subset::hidden(
                        "  eval, rules alone (no model)",
                        &format!("{plugin}.eval.rules"),
                    ),
                    &eval_refs,
                    &rules,
                )?;
                rules_categories = Some(row.summary.clone());
                rows.push(row);
                for (value, group) in group_by(&held_out, "language") {
                    let label = format!("  eval, rules alone, language = {value}");
                    let file = format!("{plugin}.eval.rules.language.{}.jsonl", slug(&value));
                    rows.push(scoring.score(&Subset::hidden(&label, &file), &group, &rules)?);
                }
            }
        }
        if corpus == Corpus::Urgency && !train.is_empty() {
            let folds = crate::train::kfold(root, &train, options.folds)?;
            eprintln!(
                "eval: {}-fold family-grouped cross-validation of the model, thresholds {:.3} ({:.3} when every sign is discounted)",
                options.folds, folds.thresholds.open, folds.thresholds.discounted
            );
            for (label, file, predictions) in [
                (
                    format!("train, {}-fold: rules + model", options.folds),
                    format!("{plugin}.train.kfold.jsonl"),
                    &folds.combined,
                ),
                (
                    format!("train, {}-fold: model alone", options.folds),
                    format!("{plugin}.train.kfold-model.jsonl"),
                    &folds.model,
                ),
            ] {
                rows.push(scoring.score(
                    &Subset::visible(&label, &file),
                    &train_refs,
                    predictions,
                )?);
            }
        }
    }

    table::print(corpus, &rows);
    if let Some(summary) = &categories {
        table::print_categories(corpus, "eval split", summary);
    }
    if let Some(summary) = &rules_categories {
        table::print_categories(corpus, "eval split, rules alone", summary);
    }
    if let Some(path) = &options.json {
        let figures: Vec<Value> = rows.iter().map(Row::to_json).collect();
        let doc = json!({"plugin": corpus.plugin(), "rows": figures});
        std::fs::write(path, serde_json::to_string_pretty(&doc)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "eval: scores in {}; details for the dev corpus and the train split only",
        out.display()
    );
    Ok(())
}

/// The ids are unique across both splits, and no phrasing family is in
/// both (else the eval split is not leave-family-out).
fn check_split(train: &[Item], held_out: &[Item]) -> anyhow::Result<()> {
    let mut ids = BTreeSet::new();
    let duplicates = train
        .iter()
        .chain(held_out)
        .filter(|i| !ids.insert(i.id()))
        .count();
    if duplicates > 0 {
        bail!("the corpus repeats {duplicates} ids across train.jsonl and eval.jsonl");
    }
    let families: BTreeSet<&str> = train.iter().filter_map(|i| i.field("family")).collect();
    let shared = held_out
        .iter()
        .filter_map(|i| i.field("family"))
        .collect::<BTreeSet<_>>()
        .intersection(&families)
        .count();
    if shared > 0 {
        eprintln!(
            "eval: WARNING {shared} phrasing families are in both splits: the eval split is not leave-family-out"
        );
    }
    Ok(())
}

/// The items by their value of `key` (missing: `?`), in value order.
fn group_by<'a>(items: &'a [Item], key: &str) -> BTreeMap<String, Vec<&'a Item>> {
    let mut groups: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for item in items {
        groups
            .entry(item.field(key).unwrap_or("?").to_owned())
            .or_default()
            .push(item);
    }
    groups
}

/// A value made safe for a file name.
fn slug(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
