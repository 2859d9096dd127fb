//! `cargo xtask bench-replay`: replay throughput through the four plugins of
//! examples/carewire.toml, with a release build of carewire, over synthetic
//! envelopes (about 300-character bodies, every outcome represented).

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::{build_carewire, target_dir};

pub fn run(root: &Path, messages: usize, runs: usize) -> anyhow::Result<()> {
    let carewire = build_carewire(root, true)?;
    let dir = target_dir(root).join("bench");
    std::fs::create_dir_all(&dir)?;
    let input = dir.join("envelopes.jsonl");
    std::fs::write(&input, envelopes(messages))?;

    // Warm the compile cache so the runs measure routing, not compilation.
    let _ = replay(&carewire, root, &input, &dir)?;
    let mut rates = Vec::new();
    for n in 1..=runs {
        let started = Instant::now();
        let lines = replay(&carewire, root, &input, &dir)?;
        let secs = started.elapsed().as_secs_f64();
        if lines != messages {
            bail!("replay wrote {lines} lines for {messages} messages");
        }
        let rate = messages as f64 / secs;
        eprintln!("run {n}: {messages} messages in {secs:.3} s = {rate:.0} msg/s");
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "replay throughput, {messages} messages, {runs} runs: median {:.0} msg/s (min {:.0}, max {:.0}), including start-up",
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1]
    );
    Ok(())
}

fn replay(carewire: &Path, root: &Path, input: &Path, dir: &Path) -> anyhow::Result<usize> {
    let out = std::fs::File::create(dir.join("decisions.jsonl"))?;
    let status = Command::new(carewire)
        .args(["replay", "--config"])
        .arg(root.join("examples/carewire.toml"))
        .arg("--kv")
        .arg(root.join("examples/kv.json"))
        .arg("--input")
        .arg(input)
        .args(["--now", "2026-11-27T12:00:00Z"])
        .env("CAREWIRE_LOG", "warn")
        .stdout(out)
        .stderr(Stdio::null())
        .status()
        .context("cannot run carewire replay")?;
    if !status.success() {
        bail!("carewire replay failed ({status})");
    }
    Ok(std::fs::read_to_string(dir.join("decisions.jsonl"))?
        .lines()
        .count())
}

/// A patient of the synthetic envelopes.
pub struct Patient {
    pub id: String,
    pub name: String,
    pub phone: String,
}

/// Synthetic envelopes over the patients of examples/kv.json.
fn envelopes(n: usize) -> String {
    let patients = [
        ("p-1001", "Maria Lopez", "+15555550101"),
        ("p-1002", "James Okafor", "+15555550102"),
        ("p-1003", "Ann Becker", "+15555550103"),
        ("p-1004", "Tom Reyes", "+15555550104"),
        ("p-1005", "Grace Kim", "+15555550105"),
    ]
    .map(|(id, name, phone)| Patient {
        id: id.into(),
        name: name.into(),
        phone: phone.into(),
    });
    let mut out = String::with_capacity(n * 450);
    for i in 0..n {
        let patient = &patients[i % patients.len()];
        let _ = writeln!(out, "{}", envelope(&format!("bench-{i}"), i, patient));
    }
    out
}

/// Envelope number `i` of a benchmark, to `patient`: one of four bodies (a
/// reminder with a name, dates, a clinician and a phone number; a results
/// notice; a red-flag message; a routine message with negated symptoms).
pub fn envelope(id: &str, i: usize, patient: &Patient) -> serde_json::Value {
    const BODIES: [&str; 4] = [
        "Hi {name}, this is a reminder of your appointment on 12/03/2026 at 9:30 AM with Dr. Chen at the main clinic. Please arrive 15 minutes early and bring your insurance card and a list of your current medications. Call 555-555-0199 to reschedule.",
        "{name}, your lab results from 11/20/2026 are now available. Your care team has reviewed them and there is nothing urgent. Please log in to the portal to read the full report and message us with any questions you may have.",
        "Patient reports crushing chest pain radiating to the left arm and shortness of breath since this morning, started after breakfast. Please call back as soon as possible to discuss next steps with the on-call physician.",
        "Reminder: your follow-up visit is next week. No chest pain since the last visit is great news! Call us if you get chest pain, feel dizzy, or notice swelling in your legs. We look forward to seeing you then.",
    ];
    let name = &patient.name;
    serde_json::json!({
        "id": id,
        "tenant": "acme",
        "category": "appointment_reminder",
        "patient": {"id": patient.id, "name": name, "birth_date": "1962-03-14", "mrn": format!("MRN{i:07}")},
        "recipient": {"role": "patient", "name": name, "phone": patient.phone},
        "body": BODIES[i % BODIES.len()].replace("{name}", name),
    })
}
