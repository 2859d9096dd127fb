//! `cargo xtask fuzz`: the libFuzzer targets of fuzz/ through cargo-fuzz
//! (installed pinned into `.tools/cargo-fuzz`), each for a number of inputs,
//! then one line per target with what libFuzzer reported.
//!
//! Stable Rust: no sanitizer (`--sanitizer none`, AddressSanitizer needs a
//! nightly flag; carewire has no `unsafe`, so a bug shows as a panic), with
//! debug assertions and overflow checks on. Each target grows its working
//! corpus in `fuzz/target/corpus/<target>`, seeded read-only from the
//! committed `fuzz/corpus/<target>`; a crash is written to
//! `fuzz/artifacts/<target>/` and fails the step.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};

use crate::{cargo, run_checked};

/// The cargo-fuzz release installed into `.tools/cargo-fuzz`.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Every target, with the libFuzzer options it needs.
pub const TARGETS: &[Target] = &[
    Target {
        name: "envelope_decode",
        // Envelopes are JSON of a few KiB; FHIR requests more.
        max_len: 16_384,
        dict: Some("fuzz/dict/envelope.dict"),
    },
    Target {
        name: "twilio_webhook",
        max_len: 4_096,
        dict: None,
    },
    Target {
        name: "reply_keywords",
        // An SMS is at most 1,600 characters; longer still must not hang.
        max_len: 8_192,
        dict: None,
    },
    Target {
        name: "verdict_lift",
        max_len: 8_192,
        dict: None,
    },
];

pub struct Target {
    pub name: &'static str,
    max_len: usize,
    dict: Option<&'static str>,
}

/// Builds the targets, then fuzzes `only` (or every target) for `runs` inputs
/// each; `unoptimized` builds them without optimisation (a smoke run: the
/// build takes a fraction of the time, each input longer).
pub fn run(root: &Path, only: Option<&str>, runs: u64, unoptimized: bool) -> anyhow::Result<()> {
    let targets: Vec<&Target> = TARGETS
        .iter()
        .filter(|t| only.is_none_or(|name| t.name == name))
        .collect();
    if targets.is_empty() {
        let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
        bail!("no fuzz target {only:?}; the targets: {}", names.join(", "));
    }
    let cargo_fuzz = install(root)?;
    let mut build = Command::new(&cargo_fuzz);
    build.args(["fuzz", "build"]).args(flags(unoptimized));
    if let Some(name) = only {
        build.arg(name);
    }
    run_checked(build.current_dir(root))?;

    let mut results = Vec::new();
    for target in targets {
        results.push(fuzz(root, &cargo_fuzz, target, runs, unoptimized)?);
    }
    println!("\nfuzz: target, inputs, seconds, inputs/s, coverage (edges), features, corpus");
    for r in &results {
        println!(
            "fuzz: {} {} {:.1} {} {} {} {}",
            r.target,
            r.stats.runs,
            r.seconds,
            r.stats.exec_per_sec,
            r.stats.cov,
            r.stats.ft,
            r.stats.corpus
        );
    }
    Ok(())
}

/// cargo-fuzz's flags for a stable toolchain (see the module doc), and
/// `--dev` (fuzz/'s dev profile: no optimisation) when `unoptimized`.
fn flags(unoptimized: bool) -> Vec<&'static str> {
    let mut flags = vec!["--sanitizer", "none", "--debug-assertions"];
    if unoptimized {
        flags.push("--dev");
    }
    flags
}

/// `.tools/cargo-fuzz/bin/cargo-fuzz` at [`CARGO_FUZZ_VERSION`], installed when missing.
fn install(root: &Path) -> anyhow::Result<PathBuf> {
    let dir = root.join(".tools/cargo-fuzz");
    let bin = dir.join("bin/cargo-fuzz");
    let installed = Command::new(&bin)
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ_VERSION));
    if !installed {
        eprintln!(
            "fuzz: installing cargo-fuzz {CARGO_FUZZ_VERSION} into {}",
            dir.display()
        );
        run_checked(
            Command::new(cargo())
                .args(["install", "--locked", "--quiet", "--version"])
                .arg(format!("={CARGO_FUZZ_VERSION}"))
                .arg("--root")
                .arg(&dir)
                .arg("cargo-fuzz"),
        )?;
    }
    Ok(bin)
}

struct Result {
    target: &'static str,
    seconds: f64,
    stats: Stats,
}

fn fuzz(
    root: &Path,
    cargo_fuzz: &Path,
    target: &Target,
    runs: u64,
    unoptimized: bool,
) -> anyhow::Result<Result> {
    let work = root.join("fuzz/target/corpus").join(target.name);
    std::fs::create_dir_all(&work)?;
    let seeds = root.join("fuzz/corpus").join(target.name);
    let mut cmd = Command::new(cargo_fuzz);
    cmd.args(["fuzz", "run"])
        .args(flags(unoptimized))
        .arg(target.name)
        .arg(&work)
        .arg(&seeds)
        .arg("--")
        .arg(format!("-runs={runs}"))
        .arg(format!("-max_len={}", target.max_len))
        // A slow input is a finding too (a hang on a crafted message).
        .arg("-timeout=10")
        .arg("-print_final_stats=1");
    if let Some(dict) = target.dict {
        cmd.arg(format!("-dict={}", root.join(dict).display()));
    }
    eprintln!("fuzz: {} for {runs} inputs", target.name);
    let started = Instant::now();
    let mut child = cmd
        .current_dir(root)
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo fuzz")?;
    let stderr = child.stderr.take().context("no stderr from cargo fuzz")?;
    let mut stats = Stats::default();
    let mut out = std::io::stderr().lock();
    for line in BufReader::new(stderr).lines() {
        let line = line?;
        stats.add(&line);
        // libFuzzer's progress lines are many; its findings and stats are kept.
        if !line.starts_with('#') || line.contains("DONE") {
            writeln!(out, "{line}")?;
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!(
            "fuzz target {} failed ({status}); the input is in fuzz/artifacts/{}/",
            target.name,
            target.name
        );
    }
    Ok(Result {
        target: target.name,
        seconds: started.elapsed().as_secs_f64(),
        stats,
    })
}

/// What libFuzzer reports at the end of a run.
#[derive(Debug, Default, PartialEq, Eq)]
struct Stats {
    runs: u64,
    exec_per_sec: u64,
    cov: u64,
    ft: u64,
    corpus: u64,
}

impl Stats {
    /// Reads `stat::number_of_executed_units: N`, `stat::average_exec_per_sec: N`
    /// and the `#N DONE cov: C ft: F corp: K/...` line.
    fn add(&mut self, line: &str) {
        let number = |s: &str| s.trim().parse::<u64>().ok();
        if let Some(n) = line
            .strip_prefix("stat::number_of_executed_units:")
            .and_then(number)
        {
            self.runs = n;
        } else if let Some(n) = line
            .strip_prefix("stat::average_exec_per_sec:")
            .and_then(number)
        {
            self.exec_per_sec = n;
        } else if line.starts_with('#') && line.split_whitespace().nth(1) == Some("DONE") {
            let mut words = line.split_whitespace();
            while let Some(word) = words.next() {
                let value = words
                    .clone()
                    .next()
                    .and_then(|v| number(v.split('/').next()?));
                match (word, value) {
                    ("cov:", Some(v)) => self.cov = v,
                    ("ft:", Some(v)) => self.ft = v,
                    ("corp:", Some(v)) => self.corpus = v,
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzers_final_report() {
        let mut stats = Stats::default();
        for line in [
            "#1000000\tDONE   cov: 2215 ft: 9034 corp: 1391/172Kb lim: 16384 exec/s: 8403 rss: 512Mb",
            "Done 1000000 runs in 119 second(s)",
            "stat::number_of_executed_units: 1000000",
            "stat::average_exec_per_sec:     8403",
            "stat::new_units_added:          1200",
        ] {
            stats.add(line);
        }
        assert_eq!(
            stats,
            Stats {
                runs: 1_000_000,
                exec_per_sec: 8403,
                cov: 2215,
                ft: 9034,
                corpus: 1391,
            }
        );
    }

    #[test]
    fn every_target_has_a_source_and_a_seed_corpus() {
        let root = crate::workspace_root();
        for target in TARGETS {
            let source = root.join(format!("fuzz/fuzz_targets/{}.rs", target.name));
            assert!(source.is_file(), "{}", source.display());
            let seeds = root.join("fuzz/corpus").join(target.name);
            let count = std::fs::read_dir(&seeds).map_or(0, |d| d.count());
            assert!(count > 0, "no seeds in {}", seeds.display());
            if let Some(dict) = target.dict {
                assert!(root.join(dict).is_file(), "{dict}");
            }
        }
    }
}
