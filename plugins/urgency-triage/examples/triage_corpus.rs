//! Labels a corpus natively (no carewire), for quick iteration:
//! `cargo run -p urgency-triage --example triage_corpus -- CORPUS.jsonl [--rules-only] > PRED.jsonl`
//! prints `{"id","label","codes"}` per line; score with score_urgency.py.
//! `--rules-only`: without the learned model.

use std::io::{BufRead, BufReader, Write};

use urgency_triage::decide::Triage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: triage_corpus CORPUS.jsonl")?;
    let triage = if std::env::args().any(|a| a == "--rules-only") {
        Triage::rules_only(&[])?
    } else {
        Triage::new(&[])?
    };
    let mut out = std::io::stdout().lock();
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let item: serde_json::Value = serde_json::from_str(&line)?;
        let body = item["text"].as_str().unwrap_or_default();
        let codes = triage.codes(body);
        let label = if codes.is_empty() {
            "routine"
        } else {
            "urgent"
        };
        let row = serde_json::json!({"id": item["id"], "label": label, "codes": codes});
        writeln!(out, "{row}")?;
    }
    Ok(())
}
