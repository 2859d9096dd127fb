//! carewire's build steps (`cargo xtask <step>`): install what a fresh machine
//! lacks, build the plugin components, run the demo, run the tests.

mod bench;
mod bench_run;
mod corpus;
mod demo;
mod deny;
mod deploy;
mod eval;
mod fuzz;
mod plugins;
mod setup;
mod test;
mod train;
mod train_phi;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use plugins::Pins;

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    step: Step,
}

#[derive(Subcommand)]
enum Step {
    /// Install the wasm32-wasip2 target and, when missing, nats-server (into .tools/nats) and the
    /// Python and JavaScript component toolchains (into .tools/componentize-py, .tools/componentize-js).
    Setup,
    /// Build every plugin component (the Rust ones, and the Python and JavaScript examples) into
    /// build/plugins/ and check the digests pinned in examples/.
    Plugins {
        /// Rewrite the sha256 pins in examples/carewire.toml to the freshly built files.
        #[arg(long)]
        pin: bool,
    },
    /// The demo: a real nats-server, carewire with the four plugins, the sample messages, a table of outcomes.
    Demo,
    /// Replay throughput through the example plugin chain (release build).
    BenchReplay {
        /// Messages per run.
        #[arg(long, default_value_t = 20_000)]
        messages: usize,
        /// Timed runs (after one warm-up).
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// End-to-end throughput and latency of `carewire run` (release build) on
    /// a real nats-server, with per-plugin times and peak memory.
    BenchRun {
        /// Messages per run.
        #[arg(long, default_value_t = 10_000)]
        messages: usize,
        /// Timed runs (after a warm-up of 500 messages).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Publish at this many messages a second (default: all at once, as
        /// fast as NATS acks them) to see latency below saturation.
        #[arg(long)]
        rate: Option<f64>,
        /// When nats-server flushes JetStream writes to disk: `always` (before
        /// acknowledging each, as deploy/ sets it) or `default` (every two minutes).
        #[arg(long, value_enum, default_value_t = bench_run::NatsSync::Always)]
        nats_sync: bench_run::NatsSync,
        /// First run the same messages through the contract null router
        /// (the records the contract stores, no plugins, no KV) on the same
        /// server, and print carewire's share of its throughput.
        #[arg(long)]
        baseline: bool,
        /// Benchmark this carewire binary instead of building one (to
        /// compare a build of another commit in the same conditions).
        #[arg(long)]
        binary: Option<PathBuf>,
    },
    /// Score phi-redact or urgency-triage: the dev corpus, the plugin's own
    /// corpus (full, eval split, per voice and language) and, for urgency,
    /// the model's family-grouped k-fold.
    Eval {
        #[arg(value_enum)]
        corpus: eval::Corpus,
        /// Score only this gold JSONL, with the scorer's full report (its
        /// scorer is looked up beside it).
        #[arg(long)]
        file: Option<PathBuf>,
        /// The plugin's own corpus folder (default plugins/<plugin>/corpus).
        #[arg(long)]
        corpus_dir: Option<PathBuf>,
        /// Also write the figures as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Folds of the family-grouped cross-validation.
        #[arg(long, default_value_t = 5)]
        folds: usize,
    },
    /// Train a plugin's learned model on its corpus's train split (the
    /// weights the plugin embeds).
    Train {
        #[arg(value_enum)]
        model: TrainModel,
        /// Folds of the family-grouped cross-validation that sets the threshold.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Fail unless the committed model is what training makes (nothing written).
        #[arg(long)]
        check: bool,
    },
    /// Test deploy/: nats-server -t on every NATS config, the NATS permissions
    /// on a real server, and every YAML, TOML and JSON file through a parser.
    CheckDeploy,
    /// Supply chain: cargo-deny's licence, ban (duplicate versions) and source
    /// checks of deny.toml, offline (installs a pinned cargo-deny into .tools/).
    Deny {
        /// Also check the RustSec advisories (fetches the database: needs the network).
        #[arg(long)]
        advisories: bool,
    },
    /// Fuzz the untrusted inputs (fuzz/: envelope decoding, Twilio webhook
    /// verification, reply keywords, verdict lifting) with cargo-fuzz, which
    /// it installs pinned into .tools/cargo-fuzz.
    Fuzz {
        /// Only this target (default: every one).
        #[arg(long)]
        target: Option<String>,
        /// Inputs per target.
        #[arg(long, default_value_t = 1_000_000)]
        runs: u64,
        /// Build without optimisation: a quicker build for a smoke run
        /// (CI), slower inputs.
        #[arg(long)]
        unoptimized: bool,
    },
    /// Set up, build the plugins, then run every test of the workspace.
    Test {
        /// Extra arguments for `cargo test` (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
}

fn main() -> anyhow::Result<()> {
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    match Cli::parse().step {
        Step::Setup => setup::run(&root),
        Step::Plugins { pin } => {
            setup::run(&root)?;
            plugins::build(&root, if pin { Pins::Update } else { Pins::Require })
        }
        Step::Demo => {
            setup::run(&root)?;
            plugins::build(&root, Pins::Require)?;
            demo::run(&root)
        }
        Step::BenchReplay { messages, runs } => {
            setup::run(&root)?;
            plugins::build(&root, Pins::Require)?;
            bench::run(&root, messages, runs)
        }
        Step::BenchRun {
            messages,
            runs,
            rate,
            nats_sync,
            baseline,
            binary,
        } => {
            setup::run(&root)?;
            plugins::build(&root, Pins::Require)?;
            bench_run::run(&root, messages, runs, rate, nats_sync, baseline, binary)
        }
        Step::Eval {
            corpus,
            file,
            corpus_dir,
            json,
            folds,
        } => {
            setup::run(&root)?;
            plugins::build(&root, Pins::Require)?;
            let options = eval::Options {
                file,
                corpus_dir,
                json,
                folds,
            };
            eval::run(&root, corpus, &options)
        }
        Step::Train {
            model,
            folds,
            check,
        } => match model {
            TrainModel::Urgency => train::run(&root, folds, check),
            TrainModel::Phi => train_phi::run(&root, folds, check),
        },
        Step::CheckDeploy => deploy::run(&root),
        Step::Deny { advisories } => deny::run(&root, advisories),
        Step::Fuzz {
            target,
            runs,
            unoptimized,
        } => fuzz::run(&root, target.as_deref(), runs, unoptimized),
        Step::Test { args } => {
            setup::run(&root)?;
            plugins::build(&root, Pins::Warn)?;
            test::run(&args)
        }
    }
}

/// The models `cargo xtask train` can train.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TrainModel {
    /// urgency-triage's learned second opinion (plugins/urgency-triage/model/urgency.model).
    Urgency,
    /// phi-redact's second opinion for names (plugins/phi-redact/model/names.model).
    Phi,
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Builds the carewire binary (release or debug) and returns its path.
fn build_carewire(root: &Path, release: bool) -> anyhow::Result<PathBuf> {
    let mut build = Command::new(cargo());
    build.args(["build", "--quiet", "-p", "carewire"]);
    if release {
        build.arg("--release");
    }
    run_checked(&mut build)?;
    Ok(target_dir(root)
        .join(if release { "release" } else { "debug" })
        .join("carewire"))
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else `<root>/target`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(Into::into)
        .unwrap_or_else(|_| root.join("target"))
}

/// Runs a command, failing with its name when it fails.
fn run_checked(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}
