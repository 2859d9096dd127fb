//! `cargo xtask train phi`: trains phi-redact's second opinion for names
//! on the train split of plugins/phi-redact/corpus (never the eval split)
//! and writes plugins/phi-redact/model/names.model, which the plugin
//! embeds.
//!
//! The examples are the words the plugin's name detector would show the
//! model (`Redactor::name_candidates`: the plugin's own feature code, run
//! natively here, so trainer and plugin cannot drift): a word inside a
//! NAME span is a name, a word outside every PHI span is not, a word of
//! another PHI span is left out. A logistic regression is fitted by SGD
//! in a fixed order (the same data gives the same bytes) and its weights
//! are quantised to `i8`.
//!
//! The threshold comes from a family-grouped k-fold cross-validation:
//! each fold's families are scored by a model trained on the other folds
//! (the mean over several assignments of families to folds), and the model
//! only adds words the rules left. The threshold is the
//! lowest one at which the additions stay precise enough and over-redact
//! little (constants below); the figures at that threshold are printed.
//! With `PHI_TRAIN_DUMP=1` the out-of-fold scores of the words the rules
//! left are printed to stderr with their context (train split only).

use std::path::Path;

use anyhow::{Context, bail};
use phi_redact::config::Config;
use phi_redact::detectors::name::model::Model;
use phi_redact::detectors::name::{Candidate, NameAnalysis};
use phi_redact::finding::Finding;
use phi_redact::redact::Redactor;
use serde_json::Value;

/// Where the weights go, from the workspace root.
pub const MODEL_PATH: &str = "plugins/phi-redact/model/names.model";
const TRAIN_PATH: &str = "plugins/phi-redact/corpus/train.jsonl";
/// The facility directory the corpus assumes.
const CONFIG_PATH: &str = "examples/eval/phi-redact.toml";

const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.2;
const L2: f32 = 1e-5;
/// The words the rules left are what the model will see in the plugin:
/// they count this many times more.
const LEFT_WEIGHT: f32 = 3.0;
/// The additions must be right this often on the k-fold (words). At
/// 0.5 (a coin's odds) the additions on outside writers' sets were
/// mostly common words ("General", "Core", "walker"), so: right more
/// often than not, by a margin.
const MIN_PRECISION: f64 = 0.60;

/// How many assignments of families to folds the out-of-fold logits are
/// averaged over.
const ASSIGNMENTS: u64 = 5;
/// And may remove at most this share of the non-PHI words.
const MAX_ADDED_OVER_REDACTION: f64 = 0.002;

/// One word shown to the model.
struct Example {
    /// The word's byte range in its message.
    range: (usize, usize),
    features: Vec<u32>,
    /// `Some(true)` in a NAME span, `Some(false)` outside every span,
    /// `None` in another PHI span (not learnt from).
    label: Option<bool>,
    covered: bool,
    message: usize,
}

/// One training message, with what the scorer needs.
struct Message {
    family: String,
    analysis: NameAnalysis,
    /// Gold spans (byte ranges) and whether each is a NAME.
    spans: Vec<(usize, usize, bool)>,
    /// Hard negatives (byte ranges), NAMEWORD or not.
    negatives: Vec<(usize, usize, bool)>,
    /// Alphanumeric runs outside every gold span.
    plain_words: Vec<(usize, usize)>,
    /// The qualifying runs of each gold span (as `score_phi.py`).
    span_runs: Vec<Vec<(usize, usize)>>,
}

pub fn run(root: &Path, folds: usize, check: bool) -> anyhow::Result<()> {
    if folds < 2 {
        bail!("--folds must be at least 2");
    }
    let redactor = Redactor::rules_only(config(root)?).map_err(anyhow::Error::msg)?;
    let text = std::fs::read_to_string(root.join(TRAIN_PATH))
        .with_context(|| format!("cannot read {TRAIN_PATH}"))?;
    let mut messages = Vec::new();
    let mut examples = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let item: Value = serde_json::from_str(line)?;
        if item["split"].as_str() != Some("train") {
            bail!("{TRAIN_PATH} holds a line of another split");
        }
        let message = message(&redactor, &item)?;
        texts.push(item["text"].as_str().unwrap_or_default().to_owned());
        let index = messages.len();
        for c in &message.analysis.candidates {
            examples.push(Example {
                range: (c.start, c.end),
                features: c.features.clone(),
                label: label(c, &message.spans),
                covered: c.covered,
                message: index,
            });
        }
        messages.push(message);
    }
    let fold_of: Vec<usize> = messages.iter().map(|m| fold(&m.family, folds, 0)).collect();
    let labelled = examples.iter().filter(|e| e.label.is_some()).count();
    let names = examples.iter().filter(|e| e.label == Some(true)).count();
    println!(
        "train: {} messages, {} families, {} words shown to the model ({} labelled, {} names), {} left by the rules",
        messages.len(),
        count_families(&messages),
        examples.len(),
        labelled,
        names,
        examples.iter().filter(|e| !e.covered).count()
    );

    // Out-of-fold logits of the words the rules left, averaged over
    // several assignments of families to folds: with one, the few words
    // the model adds moved the threshold from a logit of 0.7 to 2.0 between
    // retrains, and with it a handful of names on outside writers' sets.
    let mut sums = vec![0f32; examples.len()];
    for salt in 0..ASSIGNMENTS {
        let assigned: Vec<usize> = messages
            .iter()
            .map(|m| fold(&m.family, folds, salt))
            .collect();
        for k in 0..folds {
            let training: Vec<&Example> = examples
                .iter()
                .filter(|e| assigned[e.message] != k)
                .collect();
            let model = fit(&training, i32::MAX);
            for (e, sum) in examples.iter().zip(sums.iter_mut()) {
                if assigned[e.message] == k && !e.covered {
                    *sum += model.score(&e.features) as f32 * model.scale;
                }
            }
        }
    }
    let logits: Vec<Option<f32>> = examples
        .iter()
        .zip(&sums)
        .map(|(e, sum)| (!e.covered).then(|| sum / ASSIGNMENTS as f32))
        .collect();
    let threshold = choose_threshold(&messages, &examples, &logits);
    if std::env::var_os("PHI_TRAIN_DUMP").is_some() {
        dump(&texts, &examples, &logits);
    }
    report(&messages, &examples, &logits, &fold_of, folds, threshold);

    let all: Vec<&Example> = examples.iter().collect();
    let model = fit(&all, i32::MAX);
    let threshold_units = (threshold / model.scale).ceil() as i32;
    let bytes = Model::encode(model.weights(), threshold_units, model.scale);
    let path = root.join(MODEL_PATH);
    if check {
        let committed =
            std::fs::read(&path).with_context(|| format!("cannot read {MODEL_PATH}"))?;
        if committed != bytes {
            bail!("{MODEL_PATH} is not what `cargo xtask train phi` makes: retrain and commit it");
        }
        println!("{MODEL_PATH} is what training makes");
        return Ok(());
    }
    std::fs::write(&path, &bytes).with_context(|| format!("cannot write {MODEL_PATH}"))?;
    println!(
        "wrote {MODEL_PATH} ({} bytes): threshold {threshold_units} (logit {threshold:.3})",
        bytes.len()
    );
    Ok(())
}

/// The plugin config of the eval set-up (its facility directory).
fn config(root: &Path) -> anyhow::Result<Config> {
    let text = std::fs::read_to_string(root.join(CONFIG_PATH))
        .with_context(|| format!("cannot read {CONFIG_PATH}"))?;
    let value: toml::Value = toml::from_str(&text)?;
    let plugin_config = value
        .get("plugins")
        .and_then(|p| p.as_array())
        .and_then(|p| p.first())
        .and_then(|p| p.get("config"))
        .context("no [plugins.config] in the eval config")?;
    let json = serde_json::to_string(plugin_config)?;
    Config::parse(&json).map_err(anyhow::Error::msg)
}

fn count_families(messages: &[Message]) -> usize {
    let mut families: Vec<&str> = messages.iter().map(|m| m.family.as_str()).collect();
    families.sort_unstable();
    families.dedup();
    families.len()
}

/// A family's fold: FNV-1a of its id, so folds never split a family and do
/// not move when lines are added.
fn fold(family: &str, folds: usize, salt: u64) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in family.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % folds as u64) as usize
}

/// Byte offset of each character index of `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    offsets
}

fn range(offsets: &[usize], item: &Value) -> anyhow::Result<(usize, usize)> {
    let at = |key: &str| -> anyhow::Result<usize> {
        let i = item[key].as_u64().context("a span without offsets")? as usize;
        offsets.get(i).copied().context("a span outside its text")
    };
    Ok((at("start")?, at("end")?))
}

/// Alphanumeric runs of `text[start..end]`.
fn runs(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        match (c.is_alphanumeric(), run) {
            (true, None) => run = Some(start + i),
            (false, Some(s)) => {
                out.push((s, start + i));
                run = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run {
        out.push((s, end));
    }
    out
}

fn message(redactor: &Redactor, item: &Value) -> anyhow::Result<Message> {
    let text = item["text"]
        .as_str()
        .context("a corpus line without text")?;
    let offsets = byte_offsets(text);
    let mut spans = Vec::new();
    for span in item["spans"].as_array().into_iter().flatten() {
        let (s, e) = range(&offsets, span)?;
        spans.push((s, e, span["type"].as_str() == Some("NAME")));
    }
    let mut negatives = Vec::new();
    for negative in item["negatives"].as_array().into_iter().flatten() {
        let (s, e) = range(&offsets, negative)?;
        negatives.push((s, e, negative["kind"].as_str() == Some("NAMEWORD")));
    }
    let span_runs = spans
        .iter()
        .map(|&(s, e, _)| {
            let all = runs(text, s, e);
            let long: Vec<(usize, usize)> = all
                .iter()
                .copied()
                .filter(|&(a, b)| text[a..b].chars().count() >= 2)
                .collect();
            if long.is_empty() { all } else { long }
        })
        .collect();
    let plain_words = runs(text, 0, text.len())
        .into_iter()
        .filter(|&(a, b)| !spans.iter().any(|&(s, e, _)| a < e && s < b))
        .collect();
    Ok(Message {
        family: item["family"]
            .as_str()
            .or(item["id"].as_str())
            .unwrap_or_default()
            .to_owned(),
        analysis: redactor.name_candidates(text),
        spans,
        negatives,
        plain_words,
        span_runs,
    })
}

fn label(c: &Candidate, spans: &[(usize, usize, bool)]) -> Option<bool> {
    let mut label = Some(false);
    for &(s, e, name) in spans {
        if c.start < e && s < c.end {
            if name {
                return Some(true);
            }
            label = None;
        }
    }
    label
}

/// A fixed-seed xorshift generator: the shuffles are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// A trained model with its weights kept (for encoding).
struct Fitted {
    weights: Vec<i8>,
    scale: f32,
    model: Model,
}

impl Fitted {
    fn weights(&self) -> &[i8] {
        &self.weights
    }

    fn score(&self, features: &[u32]) -> i32 {
        self.model.score(features)
    }
}

impl std::ops::Deref for Fitted {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

/// Logistic regression by SGD over the labelled examples; weights
/// quantised to `i8`.
fn fit(examples: &[&Example], threshold: i32) -> Fitted {
    let size = phi_redact::detectors::name::model::WEIGHTS;
    let mut weights = vec![0f32; size];
    let labelled: Vec<&Example> = examples
        .iter()
        .copied()
        .filter(|e| e.label.is_some())
        .collect();
    let mut order: Vec<usize> = (0..labelled.len()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let total = (EPOCHS * labelled.len()).max(1) as f32;
    let mut step = 0f32;
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = labelled[i];
            let rate = LEARNING_RATE * (1.0 - step / total);
            step += 1.0;
            let z: f32 = e.features.iter().map(|&f| weights[f as usize]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if e.label == Some(true) { 1.0 } else { 0.0 };
            let gradient = (p - y) * if e.covered { 1.0 } else { LEFT_WEIGHT };
            for &f in &e.features {
                let w = &mut weights[f as usize];
                *w -= rate * (gradient + L2 * *w);
            }
        }
    }
    let largest = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let scale = largest / 127.0;
    let quantised: Vec<i8> = weights
        .iter()
        .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
        .collect();
    let model = Model::decode(&Model::encode(&quantised, threshold, scale))
        .expect("a model just encoded decodes");
    Fitted {
        weights: quantised,
        scale,
        model,
    }
}

/// The scorer's figures for the rules plus the words the model adds at
/// `threshold` (logits), over `messages` (all when `only` is `None`).
#[derive(Default, Clone, Copy)]
struct Figures {
    name_spans: usize,
    name_caught: usize,
    spans: usize,
    caught: usize,
    plain: usize,
    removed: usize,
    nameword: usize,
    nameword_damaged: usize,
    negatives: usize,
    damaged: usize,
    added: usize,
    added_names: usize,
    added_plain: usize,
}

impl Figures {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }
    fn name_recall(&self) -> f64 {
        Self::ratio(self.name_caught, self.name_spans)
    }
    fn recall(&self) -> f64 {
        Self::ratio(self.caught, self.spans)
    }
    fn over_redaction(&self) -> f64 {
        Self::ratio(self.removed, self.plain)
    }
    /// Added words that are names, of added words with a label.
    fn precision(&self) -> f64 {
        Self::ratio(self.added_names, self.added_names + self.added_plain)
    }
}

fn figures(
    messages: &[Message],
    examples: &[Example],
    logits: &[Option<f32>],
    threshold: Option<f32>,
    only: Option<(&[usize], usize)>,
) -> Figures {
    let mut added: Vec<Vec<(usize, usize)>> = vec![Vec::new(); messages.len()];
    let mut f = Figures::default();
    let selected = |m: usize| only.is_none_or(|(fold_of, k)| fold_of[m] == k);
    for (e, logit) in examples.iter().zip(logits) {
        let adds = threshold.is_some_and(|t| logit.is_some_and(|l| l >= t));
        if !adds || !selected(e.message) {
            continue;
        }
        added[e.message].push(e.range);
        f.added += 1;
        match e.label {
            Some(true) => f.added_names += 1,
            Some(false) => f.added_plain += 1,
            None => {}
        }
    }
    for (m, message) in messages.iter().enumerate() {
        if !selected(m) {
            continue;
        }
        let extra = &added[m];
        let hit = |a: usize, b: usize| {
            let over = |f: &Finding| f.start < b && a < f.end;
            message.analysis.findings.iter().any(over) || extra.iter().any(|&(s, e)| s < b && a < e)
        };
        for (&(_, _, name), runs) in message.spans.iter().zip(&message.span_runs) {
            let caught = runs.iter().all(|&(a, b)| hit(a, b));
            f.spans += 1;
            f.caught += usize::from(caught);
            if name {
                f.name_spans += 1;
                f.name_caught += usize::from(caught);
            }
        }
        f.plain += message.plain_words.len();
        f.removed += message
            .plain_words
            .iter()
            .filter(|&&(a, b)| hit(a, b))
            .count();
        for &(s, e, nameword) in &message.negatives {
            let damaged = runs_of(s, e, message).iter().any(|&(a, b)| hit(a, b));
            f.negatives += 1;
            f.damaged += usize::from(damaged);
            if nameword {
                f.nameword += 1;
                f.nameword_damaged += usize::from(damaged);
            }
        }
    }
    f
}

fn runs_of(s: usize, e: usize, message: &Message) -> Vec<(usize, usize)> {
    message
        .plain_words
        .iter()
        .copied()
        .filter(|&(a, b)| a >= s && b <= e)
        .collect()
}

/// The lowest logit threshold whose additions keep precision and added
/// over-redaction within bounds on the k-fold (the highest logit when none
/// does: the model then adds almost nothing).
fn choose_threshold(messages: &[Message], examples: &[Example], logits: &[Option<f32>]) -> f32 {
    let rules = figures(messages, examples, logits, None, None);
    let mut candidates: Vec<f32> = logits.iter().flatten().copied().collect();
    candidates.sort_by(|a, b| b.total_cmp(a));
    candidates.dedup();
    // The additions must stay few: the 400 highest logits are enough.
    candidates.truncate(400);
    let mut chosen = candidates.first().map_or(f32::MAX, |&t| t + 1.0);
    for &t in &candidates {
        let f = figures(messages, examples, logits, Some(t), None);
        let added_over = f.over_redaction() - rules.over_redaction();
        if f.precision() >= MIN_PRECISION && added_over <= MAX_ADDED_OVER_REDACTION {
            chosen = t;
        }
    }
    chosen
}

fn report(
    messages: &[Message],
    examples: &[Example],
    logits: &[Option<f32>],
    fold_of: &[usize],
    folds: usize,
    threshold: f32,
) {
    let line = |name: &str, f: &Figures| {
        println!(
            "| {name} | {:.4} ({}/{}) | {:.4} | {:.4} ({}/{}) | {}/{} | {} ({} names, {} not) |",
            f.name_recall(),
            f.name_caught,
            f.name_spans,
            f.recall(),
            f.over_redaction(),
            f.removed,
            f.plain,
            f.nameword_damaged,
            f.nameword,
            f.added,
            f.added_names,
            f.added_plain,
        );
    };
    println!(
        "family-grouped {folds}-fold cross-validation, threshold at logit {threshold:.3} (precision >= {MIN_PRECISION}, added over-redaction <= {MAX_ADDED_OVER_REDACTION})"
    );
    println!(
        "| held out | NAME recall | span recall | over-redaction | NAMEWORD damaged | words added |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for k in 0..folds {
        let only = Some((fold_of, k));
        line(
            &format!("fold {k}, rules"),
            &figures(messages, examples, logits, None, only),
        );
        line(
            &format!("fold {k}, rules + model"),
            &figures(messages, examples, logits, Some(threshold), only),
        );
    }
    line(
        "all folds, rules",
        &figures(messages, examples, logits, None, None),
    );
    line(
        "all folds, rules + model",
        &figures(messages, examples, logits, Some(threshold), None),
    );
    // The curve around the chosen threshold.
    for delta in [-2.0f32, -1.0, -0.5, 0.5, 1.0] {
        line(
            &format!("all folds, threshold {:.2}", threshold + delta),
            &figures(messages, examples, logits, Some(threshold + delta), None),
        );
    }
}

/// Debugging aid (train split only): the out-of-fold scores of the words
/// the rules left, highest first.
fn dump(texts: &[String], examples: &[Example], logits: &[Option<f32>]) {
    let mut rows: Vec<(f32, &Example)> = examples
        .iter()
        .zip(logits)
        .filter_map(|(e, l)| l.map(|l| (l, e)))
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (l, e) in rows {
        let text = &texts[e.message];
        let word = &text[e.range.0..e.range.1];
        let from = text.floor_char_boundary(e.range.0.saturating_sub(30));
        let to = text.ceil_char_boundary((e.range.1 + 30).min(text.len()));
        eprintln!(
            "{l:7.2} {:?} {word:<14} | {}",
            e.label,
            text[from..to].replace('\n', " ")
        );
    }
}
