//! The `carewire` command: wiring only; the work is in the library.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use carewire::chain::{ChainSpec, JsonKv, KvReader, NoKv};
use carewire::config::Config;

#[derive(Parser)]
#[command(
    name = "carewire",
    version,
    about = "Routes health-system messages to patients through sandboxed safety plugins"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the router: NATS in, plugin chain, exactly one channel out.
    Run {
        /// The TOML config file (CAREWIRE__SECTION__KEY variables override it).
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Run the plugin chain and router offline over envelope JSONL.
    Replay {
        #[arg(long, short)]
        config: PathBuf,
        /// Envelope JSONL; `-` (the default) reads standard input.
        #[arg(long, short, default_value = "-")]
        input: String,
        /// A JSON file `{"<bucket>": {"<key>": <value>}}` standing in for the KV buckets.
        #[arg(long)]
        kv: Option<PathBuf>,
        /// The time plugins see as "now" (RFC 3339); default: the real clock.
        #[arg(long)]
        now: Option<String>,
        /// The tenant of the inbound subject the lines stand for: the tenant
        /// of every line that names none (a FHIR CommunicationRequest never
        /// does), and so the `<tenant>.` of the KV keys its plugins read.
        #[arg(long, default_value = "default")]
        tenant: String,
        /// A candidate config: run both chains on every line and print, per
        /// message where they differ, a difference record (outcome, error,
        /// SMS body, reasons, labels, plugin verdicts) instead of decisions;
        /// a summary by kind of change goes to stderr.
        #[arg(long)]
        against: Option<PathBuf>,
    },
    /// Run a candidate config's chain on live traffic with no side effects:
    /// its own durable consumer on the inbound stream, KV read only, and a
    /// difference record (as `replay --against` prints) on its own subject
    /// wherever it decides otherwise than production did.
    Shadow {
        /// The candidate config (its NATS settings say where production runs).
        #[arg(long, short)]
        config: PathBuf,
        /// The shadow's durable consumer on the inbound stream.
        #[arg(long, default_value = "carewire-shadow")]
        consumer: String,
        /// Where difference records go: `<SUBJECT>.<tenant>`; default
        /// `<prefix>.shadow`.
        #[arg(long)]
        subject: Option<String>,
        /// Read the inbound stream from its first message (default: only
        /// what is published once the consumer exists).
        #[arg(long)]
        from_start: bool,
    },
    /// Validate the config, load every plugin and verify its digest.
    Check {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Tools for plugin authors.
    Plugin {
        #[command(subcommand)]
        command: PluginCommand,
    },
}

#[derive(Subcommand)]
enum PluginCommand {
    /// Write a new plugin project (its build file, the WIT, a plugin that
    /// lets every message through, a case file and a README).
    New {
        /// The plugin's name (lowercase letters, digits, `-`, `_`).
        name: String,
        /// The language it is written in.
        #[arg(long, value_enum, default_value = "rust")]
        lang: carewire::run::plugin_new::Lang,
        /// Where to write it (must not exist or be empty); default `./NAME`.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Run one plugin alone on a case file and print a pass/fail table
    /// (exit 1 when a case fails), its sha256 and its time per message.
    Test {
        /// The plugin component (`.wasm`).
        plugin: PathBuf,
        /// The case file: JSONL, one case per line (see docs/plugins.md).
        #[arg(long)]
        cases: PathBuf,
        /// The plugin's config as a JSON object (what `[plugins.config]`
        /// gives `init`), or `@FILE` to read it from a file.
        #[arg(long, default_value = "{}")]
        config: String,
        /// A KV bucket the plugin may read (repeat for more); default: every
        /// bucket the cases hold records for.
        #[arg(long = "kv-bucket")]
        kv_buckets: Vec<String>,
        /// Its time budget per call.
        #[arg(long, default_value_t = 100)]
        timeout_ms: u64,
        /// Its memory cap per instance.
        #[arg(long, default_value_t = 64)]
        memory_mib: usize,
        /// The time the plugin sees as "now" (RFC 3339).
        #[arg(long, default_value = "2026-11-27T12:00:00Z")]
        now: String,
        /// The tenant of cases whose envelope names none.
        #[arg(long, default_value = "default")]
        tenant: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let result = match cli.command {
        Command::Run { config } => run(&config),
        Command::Replay {
            config,
            input,
            kv,
            now,
            tenant,
            against,
        } => replay(
            &config,
            against.as_deref(),
            &input,
            kv.as_deref(),
            now.as_deref(),
            &tenant,
        ),
        Command::Check { config } => check(&config),
        Command::Shadow {
            config,
            consumer,
            subject,
            from_start,
        } => shadow(&config, consumer, subject, from_start),
        Command::Plugin {
            command: PluginCommand::New { name, lang, dir },
        } => plugin_new(&name, lang, dir),
        Command::Plugin {
            command:
                PluginCommand::Test {
                    plugin,
                    cases,
                    config,
                    kv_buckets,
                    timeout_ms,
                    memory_mib,
                    now,
                    tenant,
                },
        } => parse_time(&now).and_then(|now_ms| {
            plugin_test(carewire::run::plugin_test::Options {
                plugin,
                cases,
                config: plugin_config(&config)?,
                kv_buckets: (!kv_buckets.is_empty()).then_some(kv_buckets),
                timeout_ms,
                memory_mib,
                now_ms,
                tenant,
            })
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("carewire: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr. `CAREWIRE_LOG` is an `EnvFilter`; a bare level such as
/// `debug` applies to carewire only (libraries stay at `warn`).
fn init_logging() {
    let spec = std::env::var("CAREWIRE_LOG").unwrap_or_else(|_| "info".into());
    let spec = if spec.contains('=') || spec.contains(',') {
        spec
    } else {
        format!("warn,carewire={spec}")
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&spec)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,carewire=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn run(path: &std::path::Path) -> anyhow::Result<()> {
    let config = Config::load(path)?;
    let runtime = runtime()?;
    let shutdown = runtime.block_on(async { shutdown_signal() })?;
    runtime.block_on(carewire::run::run(config, path.to_path_buf(), shutdown))
}

/// Installs the SIGINT/SIGTERM handlers now, so a signal during start-up is
/// not lost, and returns a future that resolves on the first of them.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("cannot install the SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("cannot install the SIGINT handler")?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => {},
            _ = term.recv() => {},
        }
        tracing::info!("shutting down: finishing messages in flight");
    })
}

fn replay(
    path: &std::path::Path,
    against: Option<&std::path::Path>,
    input: &str,
    kv: Option<&std::path::Path>,
    now: Option<&str>,
    tenant: &str,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        carewire::envelope::is_safe_tenant(tenant),
        "--tenant must be a NATS subject token (letters, digits, `-`, `_`, `=`; no `.`)"
    );
    let config = Config::load(path)?;
    let kv: Arc<dyn KvReader> = match kv {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read KV file {}", file.display()))?;
            let value = serde_json::from_str(&text)
                .with_context(|| format!("KV file {} is not JSON", file.display()))?;
            Arc::new(JsonKv::from_json(value).map_err(anyhow::Error::msg)?)
        }
        None => Arc::new(NoKv),
    };
    let now_ms = now.map(parse_time).transpose()?;

    let (reader, total): (Box<dyn Read + Send>, Option<u64>) = if input == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let file = std::fs::File::open(input).with_context(|| format!("cannot open {input}"))?;
        let len = file.metadata().ok().map(|m| m.len());
        (Box::new(file), len)
    };
    let bar = progress_bar(total);
    let stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let progress = |done| bar.set_position(done);
    if let Some(candidate) = against {
        let candidate = Config::load(candidate)?;
        let summary = runtime()?.block_on(carewire::run::replay::replay_against(
            &config, &candidate, kv, reader, stdout, now_ms, tenant, progress,
        ))?;
        bar.finish_and_clear();
        eprint!("{}", summary.render());
        return Ok(());
    }
    let summary = runtime()?.block_on(carewire::run::replay::replay(
        &config, kv, reader, stdout, now_ms, tenant, progress,
    ))?;
    bar.finish_and_clear();
    let counts: Vec<String> = summary
        .by_outcome
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    eprintln!("replayed {} messages: {}", summary.total, counts.join(" "));
    Ok(())
}

fn shadow(
    path: &std::path::Path,
    consumer: String,
    subject: Option<String>,
    from_start: bool,
) -> anyhow::Result<()> {
    let config = Config::load(path)?;
    let subject = subject.unwrap_or_else(|| format!("{}.shadow", config.nats.subject_prefix));
    let options = carewire::run::shadow::live::ShadowOptions {
        consumer,
        subject,
        from_start,
    };
    let runtime = runtime()?;
    let shutdown = carewire::nats::shutdown(runtime.block_on(async { shutdown_signal() })?);
    runtime.block_on(carewire::run::shadow::live::run(config, options, shutdown))
}

/// `--now`: an RFC 3339 time as Unix milliseconds.
fn parse_time(text: &str) -> anyhow::Result<i64> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map(|t| i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX))
        .with_context(|| format!("--now {text:?} is not an RFC 3339 time"))
}

/// `plugin test --config`: a JSON object, inline or `@FILE`.
fn plugin_config(arg: &str) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let text = match arg.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the plugin config {file}"))?,
        None => arg.to_string(),
    };
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => anyhow::bail!("--config must be a JSON object"),
        Err(e) => anyhow::bail!("--config is not JSON: {e}"),
    }
}

/// `carewire plugin new`: the files written, and what to do next.
fn plugin_new(
    name: &str,
    lang: carewire::run::plugin_new::Lang,
    dir: Option<PathBuf>,
) -> anyhow::Result<()> {
    let dir = dir.unwrap_or_else(|| PathBuf::from(name));
    let written = carewire::run::plugin_new::create(name, lang, &dir)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    println!(
        "\nnext: cd {} and follow README.md (build, then carewire plugin test)",
        dir.display()
    );
    Ok(())
}

/// `carewire plugin test`: the table on stdout; a failed case fails the command.
fn plugin_test(options: carewire::run::plugin_test::Options) -> anyhow::Result<()> {
    let report = runtime()?.block_on(carewire::run::plugin_test::run(&options))?;
    print!(
        "{}",
        carewire::run::plugin_test::render(&report, &options.plugin, &options.cases)
    );
    anyhow::ensure!(
        report.passed(),
        "{} of {} cases failed{}",
        report.failed(),
        report.results.len(),
        if report.file_problems.is_empty() {
            ""
        } else {
            ", and the case file has problems"
        }
    );
    Ok(())
}

/// A byte-progress bar on stderr when stderr is a terminal; hidden otherwise.
fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    match total {
        Some(len) => {
            let bar = indicatif::ProgressBar::new(len);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => indicatif::ProgressBar::new_spinner(),
    }
}

fn check(path: &std::path::Path) -> anyhow::Result<()> {
    let config = Config::load(path)?;
    let spec = ChainSpec::load(&config, Arc::new(NoKv))?;
    println!("config {} is valid", path.display());
    for p in spec.plugins() {
        println!(
            "  plugin {:<20} sha256 {} ok, init ok, budget {} ms, memory {} MiB, kv {:?}, on failure {}",
            p.name,
            p.digest,
            p.timeout.as_millis(),
            p.memory_bytes / (1024 * 1024),
            p.grants.buckets,
            p.on_failure.as_str()
        );
    }
    carewire::run::plain_language(&config)?;
    println!(
        "  plain-language opt-out: {} file(s), each passing its examples",
        config.channels.sms.replies.plain_language.len()
    );
    match &config.nats.url {
        Some(url) => println!("  nats: {url}"),
        None => println!(
            "  nats: a managed local nats-server on port {}",
            config.nats.local.port
        ),
    }
    Ok(())
}
