//! `cargo xtask train urgency`: trains urgency-triage's learned second
//! opinion on the train split of plugins/urgency-triage/corpus (never the
//! eval split) and writes plugins/urgency-triage/model/urgency.model, which
//! the plugin embeds.
//!
//! The model is a logistic regression over the plugin's own hashed features
//! (`urgency_triage::features`, shared, so trainer and plugin cannot
//! drift), fitted by SGD in a fixed order: the same data gives the same
//! bytes. Its threshold is set on a family-grouped k-fold cross-validation
//! of the rules plus the model (the model only adds escalations): the
//! highest threshold that reaches urgent recall 0.99 (or the best recall
//! reachable) with precision and hard-routine specificity at least 0.90.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::json;
use urgency_triage::decide::Triage;
use urgency_triage::features::{self, BITS};
use urgency_triage::model::{self, Model};

use crate::eval::{Item, load};

/// Where the weights go, from the workspace root.
pub const MODEL_PATH: &str = "plugins/urgency-triage/model/urgency.model";
const TRAIN_PATH: &str = "plugins/urgency-triage/corpus/train.jsonl";

const EPOCHS: usize = 30;
const LEARNING_RATE: f32 = 0.5;
const L2: f32 = 1e-6;
/// A missed emergency costs more than a false alarm.
const URGENT_WEIGHT: f32 = 2.0;
const TARGET_RECALL: f64 = 0.99;
const MIN_PRECISION: f64 = 0.90;
const MIN_HARD_SPECIFICITY: f64 = 0.90;

/// One training message.
struct Example {
    id: String,
    features: Vec<u32>,
    urgent: bool,
    hard: bool,
    family: String,
    /// The rules alone call it urgent.
    rules: bool,
}

fn examples(items: &[Item]) -> anyhow::Result<Vec<Example>> {
    let rules = Triage::rules_only(&[]).map_err(anyhow::Error::msg)?;
    items
        .iter()
        .map(|item| {
            let text = item.field("text").context("a corpus line without text")?;
            let label = item.field("label").context("a corpus line without label")?;
            Ok(Example {
                id: item.id(),
                features: features::features(text),
                urgent: label == "urgent",
                hard: item.value["hard"].as_bool().unwrap_or(false),
                family: item
                    .field("family")
                    .map_or_else(|| item.id(), str::to_owned),
                rules: !rules.red_flags(text).is_empty(),
            })
        })
        .collect()
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

/// Logistic regression by SGD on the L2-normalised binary features; the
/// weights quantised into a model file with `threshold`.
fn fit(examples: &[&Example], threshold: f32) -> Vec<u8> {
    let mut weights = vec![0f32; 1 << BITS];
    let mut bias = 0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let total = (EPOCHS * examples.len()).max(1) as f32;
    let mut step = 0f32;
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let example = examples[i];
            let rate = LEARNING_RATE * (1.0 - step / total);
            step += 1.0;
            let x = 1.0 / (example.features.len().max(1) as f32).sqrt();
            let z = bias
                + x * example
                    .features
                    .iter()
                    .map(|&f| weights[f as usize])
                    .sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let (y, weight) = if example.urgent {
                (1.0, URGENT_WEIGHT)
            } else {
                (0.0, 1.0)
            };
            let gradient = (p - y) * weight;
            for &f in &example.features {
                let w = &mut weights[f as usize];
                *w -= rate * (gradient * x + L2 * *w);
            }
            bias -= rate * gradient;
        }
    }
    model::encode(&weights, bias, threshold)
}

/// Figures of "rules, or the model's logit at least `threshold`".
#[derive(Debug, Clone, Copy)]
struct Figures {
    recall: f64,
    precision: f64,
    hard_specificity: f64,
}

fn figures(scored: &[(&Example, f32)], threshold: f32) -> Figures {
    let (mut tp, mut fp, mut fn_, mut hard_tn, mut hard_fp) = (0u32, 0u32, 0u32, 0u32, 0u32);
    for (e, logit) in scored {
        let urgent = e.rules || *logit >= threshold;
        match (e.urgent, urgent) {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => {
                fp += 1;
                hard_fp += u32::from(e.hard);
            }
            (false, false) => hard_tn += u32::from(e.hard),
        }
    }
    let ratio = |a: u32, b: u32| {
        if b == 0 {
            1.0
        } else {
            f64::from(a) / f64::from(b)
        }
    };
    Figures {
        recall: ratio(tp, tp + fn_),
        precision: ratio(tp, tp + fp),
        hard_specificity: ratio(hard_tn, hard_tn + hard_fp),
    }
}

/// The threshold on out-of-fold logits (see the module doc): halfway
/// between the chosen logit and the next lower one.
fn choose_threshold(scored: &[(&Example, f32)]) -> f32 {
    let mut logits: Vec<f32> = scored.iter().map(|(_, l)| *l).collect();
    logits.sort_by(|a, b| b.total_cmp(a));
    logits.dedup();
    let acceptable =
        |f: &Figures| f.precision >= MIN_PRECISION && f.hard_specificity >= MIN_HARD_SPECIFICITY;
    let candidates: Vec<(f32, Figures)> = logits.iter().map(|&t| (t, figures(scored, t))).collect();
    let best_recall = candidates
        .iter()
        .filter(|(_, f)| acceptable(f))
        .map(|(_, f)| f.recall)
        .fold(0f64, f64::max)
        .min(TARGET_RECALL);
    let Some(i) = candidates
        .iter()
        .position(|(_, f)| acceptable(f) && f.recall >= best_recall)
    else {
        // The model cannot add anything acceptable: it never fires.
        return f32::MAX;
    };
    let chosen = candidates[i].0;
    match candidates.get(i + 1) {
        Some((lower, _)) => (chosen + lower) / 2.0,
        None => chosen,
    }
}

/// The families split into `k` folds of similar size, in a fixed order.
fn folds(examples: &[Example], k: usize) -> HashMap<&str, usize> {
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        *sizes.entry(e.family.as_str()).or_default() += 1;
    }
    // Largest first, ties by a hash of the name (not alphabetical, which
    // would put related families together).
    let mut families: Vec<(&str, usize)> = sizes.into_iter().collect();
    let hash = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    families.sort_by(|a, b| b.1.cmp(&a.1).then(hash(a.0).cmp(&hash(b.0))));
    let mut load = vec![0usize; k];
    let mut fold_of = HashMap::new();
    for (family, size) in families {
        let fold = (0..k).min_by_key(|&f| (load[f], f)).unwrap_or(0);
        load[fold] += size;
        fold_of.insert(family, fold);
    }
    fold_of
}

/// Out-of-fold logits: each example scored by a model trained without its
/// family's fold.
fn out_of_fold(examples: &[Example], k: usize) -> Vec<f32> {
    let fold_of = folds(examples, k);
    let mut logits = vec![0f32; examples.len()];
    for fold in 0..k {
        let train: Vec<&Example> = examples
            .iter()
            .filter(|e| fold_of[e.family.as_str()] != fold)
            .collect();
        let bytes = fit(&train, 0.0);
        let Ok(model) = Model::parse(&bytes) else {
            continue;
        };
        for (i, e) in examples.iter().enumerate() {
            if fold_of[e.family.as_str()] == fold {
                logits[i] = model.logit(&e.features);
            }
        }
    }
    logits
}

/// The k-fold predictions over the train split, for `cargo xtask eval`.
pub struct KFold {
    pub threshold: f32,
    /// Rules, or the out-of-fold model at the threshold.
    pub combined: HashMap<String, String>,
    /// The out-of-fold model alone at the threshold.
    pub model: HashMap<String, String>,
}

pub fn kfold(items: &[Item], k: usize) -> anyhow::Result<KFold> {
    if k < 2 {
        bail!("cross-validation needs at least 2 folds");
    }
    let examples = examples(items)?;
    let logits = out_of_fold(&examples, k);
    let scored: Vec<(&Example, f32)> = examples.iter().zip(logits.iter().copied()).collect();
    let threshold = choose_threshold(&scored);
    let line = |id: &str, urgent: bool| {
        json!({"id": id, "label": if urgent { "urgent" } else { "routine" }}).to_string()
    };
    Ok(KFold {
        threshold,
        combined: scored
            .iter()
            .map(|(e, l)| (e.id.clone(), line(&e.id, e.rules || *l >= threshold)))
            .collect(),
        model: scored
            .iter()
            .map(|(e, l)| (e.id.clone(), line(&e.id, *l >= threshold)))
            .collect(),
    })
}

/// The rules' predictions alone (natively, the plugin's own code), as
/// scorer lines by id: what the model adds is the difference.
pub fn rules_alone(items: &[Item]) -> anyhow::Result<HashMap<String, String>> {
    let rules = Triage::rules_only(&[]).map_err(anyhow::Error::msg)?;
    Ok(items
        .iter()
        .map(|item| {
            let urgent = !rules
                .red_flags(item.field("text").unwrap_or_default())
                .is_empty();
            let line = json!({"id": item.id(), "label": if urgent { "urgent" } else { "routine" }});
            (item.id(), line.to_string())
        })
        .collect())
}

/// Trains on the whole train split with the cross-validated threshold and
/// writes (or, with `check`, compares) the model file.
pub fn run(root: &Path, k: usize, check: bool) -> anyhow::Result<()> {
    let items = load(&root.join(TRAIN_PATH))?;
    let examples = examples(&items)?;
    let logits = out_of_fold(&examples, k);
    let scored: Vec<(&Example, f32)> = examples.iter().zip(logits.iter().copied()).collect();
    let threshold = choose_threshold(&scored);
    let rules = figures(&scored, f32::INFINITY);
    let combined = figures(&scored, threshold);
    println!(
        "train split: {} messages ({} urgent), {} families",
        examples.len(),
        examples.iter().filter(|e| e.urgent).count(),
        folds(&examples, 1).len()
    );
    println!(
        "{k}-fold by family, rules alone:   recall {:.4}  precision {:.4}  hard routine specificity {:.4}",
        rules.recall, rules.precision, rules.hard_specificity
    );
    println!(
        "{k}-fold by family, rules + model: recall {:.4}  precision {:.4}  hard routine specificity {:.4}  (logit threshold {threshold:.3})",
        combined.recall, combined.precision, combined.hard_specificity
    );
    let all: Vec<&Example> = examples.iter().collect();
    let bytes = fit(&all, threshold);
    let path = root.join(MODEL_PATH);
    if check {
        let current =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        if current != bytes {
            bail!(
                "{} is not what `cargo xtask train urgency` makes of {TRAIN_PATH}",
                MODEL_PATH
            );
        }
        println!("{MODEL_PATH} is up to date");
    } else {
        std::fs::write(&path, &bytes)?;
        println!("wrote {MODEL_PATH} ({} bytes)", bytes.len());
    }
    Ok(())
}
