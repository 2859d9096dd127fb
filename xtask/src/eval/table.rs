//! The terminal table of `cargo xtask eval`: one row per scored subset,
//! the scorer's headline figures, and the targets.

use serde_json::Value;

use super::Corpus;
use super::score::Row;

fn fig(v: &Value) -> String {
    v.as_f64()
        .map_or_else(|| "n/a".to_owned(), |x| format!("{x:.3}"))
}

fn count(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

pub fn print(corpus: Corpus, rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.label.len())
        .max()
        .unwrap_or(0)
        .max(10);
    match corpus {
        Corpus::Urgency => {
            println!(
                "{:<width$}  {:>5}  {:>6}  {:>15}  {:>9}  {:>17}  {:>11}",
                "set",
                "msgs",
                "urgent",
                "urgent recall",
                "precision",
                "hard routine spec",
                "specificity"
            );
            for row in rows {
                let s = &row.summary;
                let urgent = count(&s["confusion"]["gold_urgent"]["pred_urgent"])
                    + count(&s["confusion"]["gold_urgent"]["pred_routine"]);
                let missed = count(&s["confusion"]["gold_urgent"]["pred_routine"]);
                let hard = &s["hard_subset"]["confusion"];
                let hard_routine = count(&hard["FP"]) + count(&hard["TN"]);
                println!(
                    "{:<width$}  {:>5}  {:>6}  {:>15}  {:>9}  {:>17}  {:>11}",
                    row.label,
                    count(&s["messages"]),
                    urgent,
                    format!("{} ({missed} missed)", fig(&s["urgent_recall"])),
                    fig(&s["precision"]),
                    format!(
                        "{} (n={hard_routine})",
                        fig(&s["hard_subset"]["specificity"])
                    ),
                    fig(&s["specificity"]),
                );
            }
            println!(
                "targets on the eval split, every voice and language: urgent recall >= 0.99, \
                 precision >= 0.90, hard routine specificity >= 0.90"
            );
        }
        Corpus::Phi => {
            println!(
                "{:<width$}  {:>5}  {:>6}  {:>11}  {:<40}  {:>9}  {:>9}",
                "set", "msgs", "spans", "span recall", "worst kinds", "over-red.", "leak-free"
            );
            for row in rows {
                let s = &row.summary;
                println!(
                    "{:<width$}  {:>5}  {:>6}  {:>11}  {:<40}  {:>9}  {:>9}",
                    row.label,
                    count(&s["messages"]),
                    count(&s["gold_spans"]),
                    fig(&s["span_recall"]),
                    worst_kinds(&s["per_type_recall"], 3),
                    fig(&s["over_redaction"]),
                    fig(&s["leak_free_messages"]),
                );
            }
            println!(
                "targets on the eval split, every voice and language: span recall >= 0.995, \
                 every kind >= 0.98, over-redaction <= 0.03, leak-free messages >= 0.99"
            );
        }
    }
}

/// The `n` kinds with the lowest recall: `AGE 0.50, URL 0.79`.
fn worst_kinds(per_type: &Value, n: usize) -> String {
    let Some(map) = per_type.as_object() else {
        return String::new();
    };
    let mut kinds: Vec<(&String, f64)> = map
        .iter()
        .filter_map(|(k, v)| Some((k, v["recall"].as_f64()?)))
        .collect();
    kinds.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
    kinds
        .iter()
        .take(n)
        .map(|(k, r)| format!("{k} {r:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Per-category figures of one subset (aggregate counts only).
pub fn print_categories(corpus: Corpus, label: &str, summary: &Value) {
    match corpus {
        Corpus::Urgency => {
            let Some(cats) = summary["per_category"].as_object() else {
                return;
            };
            println!("{label}, per category:");
            for (cat, v) in cats {
                if v["gold"] == "urgent" {
                    println!(
                        "  [urgent]  {cat:<24} recall {}  (missed {}/{})",
                        fig(&v["recall"]),
                        count(&v["missed"]),
                        count(&v["n"])
                    );
                }
            }
            for (cat, v) in cats {
                if v["gold"] == "routine" {
                    println!(
                        "  [routine] {cat:<24} false alarms {}  ({}/{})",
                        fig(&v["false_alarm_rate"]),
                        count(&v["false_alarms"]),
                        count(&v["n"])
                    );
                }
            }
        }
        Corpus::Phi => {
            let Some(kinds) = summary["per_type_recall"].as_object() else {
                return;
            };
            println!("{label}, per kind:");
            for (kind, v) in kinds {
                println!(
                    "  {kind:<10} {}  ({}/{})",
                    fig(&v["recall"]),
                    count(&v["caught"]),
                    count(&v["total"])
                );
            }
        }
    }
}
