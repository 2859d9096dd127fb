//! Times the triage natively on a corpus's bodies:
//! `cargo run --release -p urgency-triage --example triage_bench -- CORPUS.jsonl`.

use std::time::Instant;

use urgency_triage::decide::Triage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: triage_bench CORPUS.jsonl")?;
    let items: Vec<(String, bool)> = std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| Some((v["text"].as_str()?.to_owned(), v["label"] == "urgent")))
        .collect();
    let bodies: Vec<String> = items.iter().map(|(b, _)| b.clone()).collect();
    // Also ~300-character bodies: consecutive routine (then urgent)
    // bodies joined.
    let join = |urgent: bool| {
        let mut long = Vec::new();
        let mut current = String::new();
        for (body, _) in items.iter().filter(|(_, u)| *u == urgent) {
            current.push_str(body);
            current.push_str(". ");
            if current.len() >= 300 {
                long.push(std::mem::take(&mut current));
            }
        }
        long
    };
    let (long_routine, long_urgent) = (join(false), join(true));
    let started = Instant::now();
    let triage = Triage::default();
    println!("init: {:?}", started.elapsed());
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    for set in [&bodies, &long_routine, &long_urgent] {
        let started = Instant::now();
        let mut fired = 0;
        for _ in 0..rounds {
            for body in set {
                fired += triage.red_flags(body).len();
            }
        }
        let per = started.elapsed() / (rounds * set.len() as u32);
        let started = Instant::now();
        let mut urgent = 0;
        for _ in 0..rounds {
            for body in set {
                urgent += usize::from(!triage.codes(body).is_empty());
            }
        }
        let with_model = started.elapsed() / (rounds * set.len() as u32);
        let chars = set.iter().map(String::len).sum::<usize>() / set.len().max(1);
        let started = Instant::now();
        let mut tokens = 0;
        for _ in 0..rounds {
            for body in set {
                tokens += triage.text(body).tokens.len();
            }
        }
        let text = started.elapsed() / (rounds * set.len() as u32);
        println!(
            "{} bodies, {chars} chars on average: {per:?} per body ({fired} flags), \
             of which reading the text {text:?} ({tokens} tokens); with the model \
             {with_model:?} ({urgent} urgent)",
            set.len()
        );
    }
    Ok(())
}
