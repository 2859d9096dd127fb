//! `carewire plugin test PLUGIN.wasm --cases FILE`: one plugin alone in the
//! chain, on a case file (see [`cases`]), in process: for each case its
//! decision, checked against the case and the contract. The same case
//! format as the repository's plugins (`plugins/*/tests/cases.jsonl`).

pub mod cases;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::Value;

use crate::chain::{JsonKv, PluginOutcome, sha256_hex};
use crate::common::buckets::{SMS_NUMBERS, bucket};
use crate::config::{Config, PluginConfig};
use crate::route::{Handled, Pipeline};
use crate::run::decision_line::ReplayLine;

/// What to test, and how the plugin is configured.
#[derive(Debug, Clone)]
pub struct Options {
    pub plugin: PathBuf,
    pub cases: PathBuf,
    /// Its `[plugins.config]`, given to `init` as JSON.
    pub config: serde_json::Map<String, Value>,
    /// The KV buckets it may read; `None`: every bucket the cases name.
    pub kv_buckets: Option<Vec<String>>,
    pub timeout_ms: u64,
    pub memory_mib: usize,
    /// The time the plugin sees as "now".
    pub now_ms: i64,
    /// The tenant of cases whose envelope names none.
    pub tenant: String,
}

/// One case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub name: String,
    pub line: usize,
    /// Empty when the case passed.
    pub problems: Vec<String>,
    /// The decision's parts a failure report needs.
    pub summary: String,
    /// The plugin's own time on the case (none for an invalid envelope).
    pub plugin_time: Option<Duration>,
}

/// A run over a case file.
#[derive(Debug, Clone)]
pub struct Report {
    /// The plugin file's sha256, hex: what a config pins.
    pub digest: String,
    /// Lines of the case file that are not valid cases, and KV conflicts.
    pub file_problems: Vec<String>,
    pub results: Vec<CaseResult>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.file_problems.is_empty()
            && !self.results.is_empty()
            && self.results.iter().all(|r| r.problems.is_empty())
    }

    pub fn failed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !r.problems.is_empty())
            .count()
    }

    /// The plugin's time per case: mean, median and slowest.
    pub fn plugin_times(&self) -> Option<(Duration, Duration, Duration)> {
        let mut times: Vec<Duration> = self.results.iter().filter_map(|r| r.plugin_time).collect();
        if times.is_empty() {
            return None;
        }
        times.sort();
        let total: Duration = times.iter().sum();
        let mean = total / u32::try_from(times.len()).unwrap_or(u32::MAX);
        Some((mean, times[(times.len() - 1) / 2], times[times.len() - 1]))
    }
}

/// The plugin's name in the report: its file name without `.wasm`, made a code.
fn plugin_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("plugin")
        .to_ascii_lowercase();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_.:-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "plugin".into()
    } else {
        name
    }
}

/// Runs every case of `options.cases` through the plugin.
pub async fn run(options: &Options) -> anyhow::Result<Report> {
    let file = options.cases.display().to_string();
    let text = std::fs::read_to_string(&options.cases)
        .with_context(|| format!("cannot read the case file {file}"))?;
    let bytes = std::fs::read(&options.plugin)
        .with_context(|| format!("cannot read the plugin {}", options.plugin.display()))?;
    let digest = sha256_hex(&bytes);

    let mut config = Config::default();
    let numbers = bucket(&config.nats.subject_prefix, SMS_NUMBERS);
    let (numbered, mut file_problems) = cases::parse(&file, &text);
    let (records, conflicts) = cases::kv_records(&numbered, &options.tenant, &numbers);
    file_problems.extend(conflicts);
    let kv_buckets = options.kv_buckets.clone().unwrap_or_else(|| {
        records
            .as_object()
            .map(|b| b.keys().cloned().collect())
            .unwrap_or_default()
    });
    let plugin = std::path::absolute(&options.plugin)
        .with_context(|| format!("cannot resolve {}", options.plugin.display()))?;
    config.plugins = vec![PluginConfig {
        name: plugin_name(&plugin),
        path: plugin,
        sha256: digest.clone(),
        kv_buckets,
        timeout_ms: options.timeout_ms,
        memory_mib: options.memory_mib,
        on_failure: crate::config::FailurePolicy::DenySms,
        config: options.config.clone(),
    }];
    config.plugin_host.workers = 1;
    config.plugin_host.cache_dir = std::env::temp_dir().join("carewire-compile-cache");
    let kv = Arc::new(JsonKv::from_json(records).map_err(anyhow::Error::msg)?);
    let pipeline = tokio::task::spawn_blocking(move || Pipeline::start(&config, kv))
        .await
        .context("the plugin loader crashed")??;

    let mut results = Vec::with_capacity(numbered.len());
    for n in &numbered {
        let tenant = n.case.tenant(&options.tenant);
        let handled = pipeline
            .handle(n.case.input_line().as_bytes(), tenant, options.now_ms)
            .await?;
        let plugin_time = match &handled {
            Handled::Decided(_, decision) => decision
                .plugins
                .first()
                .filter(|p| matches!(p.outcome, PluginOutcome::Answered(_)))
                .map(|p| p.duration),
            Handled::Invalid(_) => None,
        };
        let out = serde_json::to_value(ReplayLine::from_handled(handled))?;
        results.push(CaseResult {
            name: n.case.name.clone(),
            line: n.line,
            problems: cases::check(&n.case, &out),
            summary: cases::summary(&out),
            plugin_time,
        });
    }
    Ok(Report {
        digest,
        file_problems,
        results,
    })
}

/// The report as a table: one row per case, then what failed and why.
pub fn render(report: &Report, plugin: &Path, cases_file: &Path) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "plugin  {}", plugin.display());
    let _ = writeln!(out, "sha256  {}", report.digest);
    let _ = writeln!(out, "cases   {}\n", cases_file.display());
    let width = report
        .results
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{:<6} {:<width$} {:>6} {:>10}",
        "result", "case", "line", "plugin µs"
    );
    for r in &report.results {
        let verdict = if r.problems.is_empty() {
            "pass"
        } else {
            "FAIL"
        };
        let micros = r
            .plugin_time
            .map_or_else(|| "-".to_string(), |t| t.as_micros().to_string());
        let _ = writeln!(
            out,
            "{verdict:<6} {:<width$} {:>6} {micros:>10}",
            r.name, r.line
        );
    }
    for r in report.results.iter().filter(|r| !r.problems.is_empty()) {
        let _ = writeln!(out, "\ncase {:?} (line {}):", r.name, r.line);
        for p in &r.problems {
            let _ = writeln!(out, "    - {p}");
        }
        let _ = writeln!(out, "    decision: {}", r.summary);
    }
    for p in &report.file_problems {
        let _ = writeln!(out, "\n{p}");
    }
    let _ = writeln!(
        out,
        "\n{} cases: {} passed, {} failed{}",
        report.results.len(),
        report.results.len() - report.failed(),
        report.failed(),
        if report.file_problems.is_empty() {
            String::new()
        } else {
            format!(", {} problems in the case file", report.file_problems.len())
        }
    );
    if let Some((mean, median, max)) = report.plugin_times() {
        let _ = writeln!(
            out,
            "plugin time per message: mean {} µs, median {} µs, slowest {} µs (this machine, one worker, in process)",
            mean.as_micros(),
            median.as_micros(),
            max.as_micros()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plugin_is_named_by_its_file_as_a_code() {
        assert_eq!(plugin_name(Path::new("/x/My Plugin.wasm")), "my-plugin");
        assert_eq!(plugin_name(Path::new("consent.wasm")), "consent");
        assert_eq!(plugin_name(Path::new("/")), "plugin");
    }
}
