//! Prints one digest of every verdict, red flag and model feature list
//! over the bodies of the given JSONL files, so a change meant only to be
//! faster can show it changed nothing (same digest before and after):
//! `cargo run --release -p urgency-triage --example triage_digest -- FILE.jsonl...`.
//! The bodies themselves are never printed.

use std::hash::{DefaultHasher, Hash, Hasher};

use urgency_triage::decide::Triage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let triage = Triage::default();
    let mut digest = DefaultHasher::new();
    let mut count = 0usize;
    for path in std::env::args().skip(1) {
        for line in std::fs::read_to_string(&path)?.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(body) = value["text"].as_str() else {
                continue;
            };
            triage.codes(body).hash(&mut digest);
            triage.red_flags(body).hash(&mut digest);
            triage.features(body).0.hash(&mut digest);
            count += 1;
        }
    }
    println!("{:016x} over {count} bodies", digest.finish());
    Ok(())
}
