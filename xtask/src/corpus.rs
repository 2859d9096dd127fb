//! A labelled corpus file (JSONL), as the evaluation and the trainers read it.

use std::path::Path;

use anyhow::Context as _;
use serde_json::Value;

/// A corpus line: its JSON and its text as read.
pub struct Item {
    pub line: String,
    pub value: Value,
}

impl Item {
    pub fn id(&self) -> String {
        match &self.value["id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    pub fn field(&self, key: &str) -> Option<&str> {
        self.value[key].as_str()
    }
}

/// Reads a JSONL corpus.
pub fn load(path: &Path) -> anyhow::Result<Vec<Item>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let value = serde_json::from_str(l)
                .with_context(|| format!("{}: line {} is not JSON", path.display(), i + 1))?;
            Ok(Item {
                line: l.to_owned(),
                value,
            })
        })
        .collect()
}
