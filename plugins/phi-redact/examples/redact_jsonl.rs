//! Runs the redactor natively over JSON lines, for quick experiments:
//! `cargo run -p phi-redact --example redact_jsonl -- CONFIG.json [--rules-only] < IN.jsonl`
//! (`--rules-only`: without the name model).
//! Each input line needs `id` and `text` (or `body`); each output line is
//! `{"id", "redacted_text"}` (the SMS body the plugin would send). The
//! config is the plugin's JSON config (as `[plugins.config]` becomes).

use std::io::{BufRead, Write};

use carewire_plugin_sdk::{Channel, testing};
use phi_redact::config::Config;
use phi_redact::redact::Redactor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => String::new(),
    };
    let config = Config::parse(&config)?;
    let redactor = if std::env::args().any(|a| a == "--rules-only") {
        Redactor::rules_only(config)?
    } else {
        Redactor::new(config)?
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let item: serde_json::Value = serde_json::from_str(&line)?;
        let text = item["text"]
            .as_str()
            .or(item["body"].as_str())
            .unwrap_or_default();
        let message = testing::message(text);
        let verdict = redactor.decide(&message, now_ms);
        let body = verdict.body_for(Channel::Sms).unwrap_or(text);
        let row = serde_json::json!({"id": item["id"], "redacted_text": body});
        writeln!(out, "{row}")?;
    }
    Ok(())
}
