//! One urgency-triage call on a realistic ~300-character body (a caregiver's
//! message with alarm words that are negated, so every stage runs: the
//! sign scan, the cue scan and the discounting), through carewire's own
//! plugin host: the component from build/plugins (run `cargo xtask plugins`
//! first), pinned by its digest, with the built-in rules.
//!
//! `cargo bench -p carewire --bench urgency_triage`

use std::path::Path;
use std::sync::Arc;

use carewire::chain::{ChainSpec, NoKv, PluginOutcome, sha256_hex};
use carewire::config::Config;
use carewire::envelope::Envelope;
use criterion::{Criterion, criterion_group, criterion_main};

/// Routine: the dizziness is mild, the chest pain and breathing trouble
/// are denied.
const ROUTINE: &str = "Hi, this is Maria about my dad. He had his follow-up yesterday and \
the doctor changed his blood pressure pills. Since then he says he feels a little dizzy \
when he stands up, but no chest pain and no trouble breathing. He is eating fine. Can \
someone call us back this afternoon to go over the new dose? Thanks so much.";

/// Urgent: stroke signs in lay words, in a body of the same length.
const URGENT: &str = "Hi, this is Maria about my dad. He had his follow-up yesterday and \
the doctor changed his blood pressure pills. About twenty minutes ago his words started \
coming out wrong and the left side of his face looks droopy, he can't lift his left arm. \
He was fine at lunch. Should I call 911 or bring him in? Please call me back right away.";

fn envelope(body: &str) -> Envelope {
    let json = serde_json::json!({
        "id": "bench-1",
        "tenant": "bench",
        "patient": {"id": "p-1"},
        "recipient": {"role": "patient", "phone": "+13125550187"},
        "body": body,
    })
    .to_string();
    carewire::envelope::decode(
        json.as_bytes(),
        &carewire::envelope::DecodeRules::default(),
        "bench",
    )
    .expect("envelope")
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let wasm = root.join("build/plugins/urgency-triage.wasm");
    let bytes =
        std::fs::read(&wasm).expect("build/plugins/urgency-triage.wasm: run `cargo xtask plugins`");
    let cache = std::env::temp_dir().join("carewire-bench-cache");
    let toml = format!(
        r#"
[plugin_host]
workers = 1
cache_dir = "{cache}"

[[plugins]]
name = "urgency-triage"
path = "{path}"
sha256 = "{sha256}"
timeout_ms = 200
memory_mib = 32
on_failure = "escalate"
"#,
        cache = cache.display(),
        path = wasm.display(),
        sha256 = sha256_hex(&bytes),
    );
    let config = Config::from_toml(&toml, &root).expect("bench config");
    let spec = ChainSpec::load(&config, Arc::new(NoKv)).expect("urgency-triage loads");
    let mut chain = spec.build().expect("chain");
    let now_ms = 1_764_000_000_000;

    // Each body gets the verdict it should.
    for (body, want) in [(ROUTINE, "routine"), (URGENT, "urgent")] {
        let envelope = envelope(body);
        let reports = chain.run(&envelope, now_ms, &Default::default());
        let PluginOutcome::Answered(verdict) = &reports[0].outcome else {
            panic!("urgency-triage failed");
        };
        let urgency = verdict
            .labels
            .iter()
            .find(|(key, _)| key == "urgency")
            .map(|(_, value)| value.as_str());
        assert_eq!(urgency, Some(want), "{:?}", verdict.reasons);
        eprintln!(
            "{want} body: {} chars -> {:?}",
            body.chars().count(),
            verdict.reasons
        );
    }

    // The machine may be shared (2 cores): besides criterion's wall-clock
    // figures, print the best of 100 batches (what one call costs when
    // nothing else runs) and the CPU time this thread spent per call (Linux
    // schedstat), which waiting for a core does not inflate.
    for (name, body) in [("routine", ROUTINE), ("urgent", URGENT)] {
        let envelope = envelope(body);
        let mut best = f64::MAX;
        for _ in 0..100 {
            let started = std::time::Instant::now();
            for _ in 0..50 {
                std::hint::black_box(chain.run(
                    std::hint::black_box(&envelope),
                    now_ms,
                    &Default::default(),
                ));
            }
            best = best.min(started.elapsed().as_secs_f64() * 1e6 / 50.0);
        }
        eprintln!("{name}: best of 100 batches: {best:.1} µs per call");
        if let Some(before) = thread_cpu_ns() {
            let calls = 20_000;
            for _ in 0..calls {
                std::hint::black_box(chain.run(
                    std::hint::black_box(&envelope),
                    now_ms,
                    &Default::default(),
                ));
            }
            if let Some(after) = thread_cpu_ns() {
                let per_call = (after - before) as f64 / f64::from(calls) / 1000.0;
                eprintln!("{name}: cpu time: {per_call:.1} µs per call ({calls} calls)");
            }
        }
    }

    let routine = envelope(ROUTINE);
    c.bench_function("urgency_triage_300_chars", |b| {
        b.iter(|| chain.run(std::hint::black_box(&routine), now_ms, &Default::default()))
    });
    let urgent = envelope(URGENT);
    c.bench_function("urgency_triage_300_chars_urgent", |b| {
        b.iter(|| chain.run(std::hint::black_box(&urgent), now_ms, &Default::default()))
    });

    // A short body with nothing to find: mostly the host's share of a call.
    let short = envelope("Your results are ready.");
    c.bench_function("urgency_triage_short_body", |b| {
        b.iter(|| chain.run(std::hint::black_box(&short), now_ms, &Default::default()))
    });
}

/// Nanoseconds this thread has run on a CPU (first field of
/// /proc/thread-self/schedstat), where the kernel has it.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

criterion_group!(benches, bench);
criterion_main!(benches);
