//! What every test may assert of carewire's outputs: no PHI, codes only;
//! and the plugins of examples/carewire.toml.

use serde_json::Value;

use super::*;

/// Asserts that none of `needles` occurs in `haystack`.
pub fn assert_no_phi(what: &str, haystack: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            !haystack.contains(needle),
            "PHI {needle:?} found in {what}:\n{}",
            excerpt(haystack, needle)
        );
    }
}

fn excerpt(haystack: &str, needle: &str) -> String {
    let at = haystack.find(needle).unwrap_or(0);
    let start = haystack.floor_char_boundary(at.saturating_sub(200));
    let end = haystack.ceil_char_boundary((at + needle.len() + 200).min(haystack.len()));
    haystack[start..end].to_string()
}

/// The `[[plugins]]` entries of examples/carewire.toml, in chain order, as
/// test plugin specs: the same component, KV grants, failure policy, memory
/// cap and plugin config; the digest is computed from the built file and the
/// time budget stays test-sized (see [`PluginSpec::new`]).
pub fn example_plugins() -> Vec<PluginSpec> {
    let examples = repo_root().join("examples");
    let text = std::fs::read_to_string(examples.join("carewire.toml"))
        .expect("read examples/carewire.toml");
    // The pins are recomputed by `ConfigSpec::write`; the example's own may
    // be stale or placeholders, so they must not stop the parse.
    let text: String = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("sha256 = ") {
                format!("sha256 = \"{}\"\n", "0".repeat(64))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let config = carewire::config::Config::from_toml(&text, &examples)
        .unwrap_or_else(|e| panic!("examples/carewire.toml does not parse: {e}"));
    config
        .plugins
        .iter()
        .map(|entry| {
            let file = entry
                .path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_else(|| panic!("plugin {}: bad path {:?}", entry.name, entry.path));
            let mut spec = PluginSpec::new(&entry.name, file)
                .on_failure(entry.on_failure.as_str())
                .config(Value::Object(entry.config.clone()));
            spec.kv_buckets.clone_from(&entry.kv_buckets);
            spec.memory_mib = entry.memory_mib;
            spec
        })
        .collect()
}

/// The entry named `name` of examples/carewire.toml (see [`example_plugins`]).
pub fn example_plugin(name: &str) -> PluginSpec {
    example_plugins()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("examples/carewire.toml has no [[plugins]] entry named {name:?}"))
}

/// Whether `s` is a code of the plugin contract (wit/README.md, "Codes"):
/// `^[a-z0-9]+([_-][a-z0-9]+)*(:[a-z0-9]+([_-][a-z0-9]+)*)?$`, 1 to 64
/// bytes, no more than four digits in a row counting digits joined by
/// `_ - :` (written out here rather than taken from carewire, so that the
/// tests check the contract and not the implementation).
pub fn is_contract_code(s: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    let segment = |seg: &str| seg.split(['_', '-']).all(word);
    let longest_digit_run = s
        .split(|c: char| c.is_ascii_lowercase())
        .map(|run| run.bytes().filter(u8::is_ascii_digit).count())
        .max()
        .unwrap_or(0);
    (1..=64).contains(&s.len())
        && s.split(':').count() <= 2
        && s.split(':').all(segment)
        && longest_digit_run <= 4
}
