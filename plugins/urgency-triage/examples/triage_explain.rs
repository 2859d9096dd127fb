//! Explains the triage of messages, one a line on stdin, for working on
//! the rules: `cargo run -p urgency-triage --example triage_explain < MESSAGES.txt`
//! prints each message's normalised words (what the patterns see, after
//! spelling correction), the language it was read in, the red flags that
//! fire with the words of the sign that fired each, the signs held back
//! and why, the codes with the learned model and its logit against its
//! threshold (the rules alone when the model was trained on other
//! features).

use std::io::BufRead;

use urgency_triage::decide::Triage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // While the rules change, the model's features may not match them yet.
    let triage = Triage::new(&[]).or_else(|error| {
        eprintln!("{error}; explaining with the rules alone");
        Triage::rules_only(&[])
    })?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let text = triage.text(&line);
        let words: Vec<&str> = text.tokens.iter().map(|t| t.word.as_str()).collect();
        println!("{line}");
        println!("  words: {}", words.join(" "));
        println!(
            "  read as {}; red flags {:?}; with the model {:?}",
            if text.spanish { "Spanish" } else { "English" },
            triage.red_flag_signs(&line),
            triage.codes(&line)
        );
        let held = triage.held_back(&line);
        if !held.is_empty() {
            println!("  held back: {held:?}");
        }
        if let Some((logit, threshold, evidence)) = triage.model_score(&line) {
            println!("  model logit {logit:.2} against {threshold:.2} ({evidence:?} evidence)");
        }
    }
    Ok(())
}
