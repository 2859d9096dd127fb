//! What a plugin costs the host, by the language it is written in: the Rust
//! example (category-policy) beside the Python (sms-policy) and JavaScript
//! (language-policy) examples, from build/plugins (`cargo xtask plugins`
//! first), each alone in a chain through carewire's own plugin host:
//!
//! - compile: `ChainSpec::load` with an empty compile cache;
//! - cached load: `ChainSpec::load` again, from the cache just written;
//! - instance: `ChainSpec::build` (instantiation and `init`), what each
//!   worker pays at start and after a plugin trap;
//! - per message: one chain run on a ~100-character body, best of 50 batches
//!   of 20 and the thread's CPU time over 2,000 runs.
//!
//! `cargo bench -p carewire --bench plugin_languages` (not criterion: a
//! compile takes tens of seconds, so each figure is measured a few times).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use carewire::chain::{ChainSpec, NoKv, PluginOutcome, sha256_hex};
use carewire::config::Config;

const BODY: &str = "Your appointment is on Tuesday at the clinic. Please call our office to confirm or reschedule.";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let plugins = [
        ("category-policy", "rust", r#"no_sms = ["billing"]"#),
        (
            "sms-policy",
            "python",
            r#"no_sms_categories = ["billing"]
care_programs = { "clinic-7" = "diabetes_care" }
default_program = "primary_care""#,
        ),
        (
            "language-policy",
            "javascript",
            r#"default_sms_languages = ["en"]"#,
        ),
    ];
    let envelope = carewire::envelope::decode(
        serde_json::json!({
            "id": "bench-1", "tenant": "bench", "category": "appointment_reminder",
            "sender": {"id": "clinic-7"}, "patient": {"id": "p-1"},
            "recipient": {"role": "patient", "phone": "+13125550187"}, "body": BODY,
        })
        .to_string()
        .as_bytes(),
        &carewire::envelope::DecodeRules::default(),
        "bench",
    )
    .expect("envelope");
    let now_ms = 1_764_000_000_000;
    println!(
        "| plugin | language | size | compile | cached load | instance | per message (best) | per message (cpu) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, language, config) in plugins {
        let wasm = root.join(format!("build/plugins/{name}.wasm"));
        let bytes = std::fs::read(&wasm).expect("run `cargo xtask plugins` first");
        let cache = tempfile::tempdir().expect("cache dir");
        let toml = format!(
            "[plugin_host]\nworkers = 1\ncache_dir = \"{cache}\"\n\n[[plugins]]\nname = \"{name}\"\n\
             path = \"{path}\"\nsha256 = \"{sha256}\"\n[plugins.config]\n{config}\n",
            cache = cache.path().display(),
            path = wasm.display(),
            sha256 = sha256_hex(&bytes),
        );
        let config = Config::from_toml(&toml, &root).expect("bench config");

        let started = Instant::now();
        let spec = ChainSpec::load(&config, Arc::new(NoKv)).expect("loads");
        let compile = started.elapsed();
        drop(spec);
        let mut cached = f64::MAX;
        let mut spec = None;
        for _ in 0..3 {
            let started = Instant::now();
            spec = Some(ChainSpec::load(&config, Arc::new(NoKv)).expect("loads from the cache"));
            cached = cached.min(started.elapsed().as_secs_f64());
        }
        let spec = spec.expect("loaded");
        let mut instance = f64::MAX;
        for _ in 0..5 {
            let started = Instant::now();
            std::hint::black_box(spec.build().expect("instance"));
            instance = instance.min(started.elapsed().as_secs_f64());
        }
        let mut chain = spec.build().expect("chain");
        let reports = chain.run(&envelope, now_ms, &Default::default());
        assert!(
            matches!(reports[0].outcome, PluginOutcome::Answered(_)),
            "{name} did not answer"
        );
        let mut best = f64::MAX;
        for _ in 0..50 {
            let started = Instant::now();
            for _ in 0..20 {
                std::hint::black_box(chain.run(&envelope, now_ms, &Default::default()));
            }
            best = best.min(started.elapsed().as_secs_f64() / 20.0);
        }
        let cpu = thread_cpu_ns().and_then(|before| {
            for _ in 0..2000 {
                std::hint::black_box(chain.run(&envelope, now_ms, &Default::default()));
            }
            Some((thread_cpu_ns()? - before) as f64 / 2000.0 / 1000.0)
        });
        println!(
            "| {name} | {language} | {:.1} MB | {:.1} s | {:.0} ms | {:.1} ms | {:.0} µs | {} |",
            bytes.len() as f64 / 1e6,
            compile.as_secs_f64(),
            cached * 1e3,
            instance * 1e3,
            best * 1e6,
            cpu.map_or("-".into(), |c| format!("{c:.0} µs")),
        );
    }
}

/// Nanoseconds this thread has run on a CPU (/proc/thread-self/schedstat).
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
