//! `carewire plugin new NAME --lang rust|python|js`: a plugin project outside this
//! repository, ready to build with one command: its own build file, the
//! WIT it is built against (this carewire's `wit/plugin.wit`), a minimal
//! plugin that lets every message through, a case file for
//! `carewire plugin test`, and a README.

mod js;
mod python;
mod rust;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The WIT this carewire hosts.
pub const PLUGIN_WIT: &str = include_str!("../../../../wit/plugin.wit");

/// The languages a project can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Rust,
    Python,
    Js,
}

/// One file of a new project: its path within the project and its text.
pub struct File {
    pub path: &'static str,
    pub text: String,
}

/// What a project needs, for each language.
fn files(lang: Lang, name: &str) -> Vec<File> {
    match lang {
        Lang::Rust => rust::files(name),
        Lang::Python => python::files(name),
        Lang::Js => js::files(name),
    }
}

/// The README of a Python or JavaScript project: its build, `plugin test`,
/// and the config entry that pins it.
fn readme(name: &str, language: &str, build: &str, wasm: &str, costs: &str) -> String {
    format!(
        r#"# {name}

A carewire plugin in {language}, built against `wit/plugin.wit` (the WIT of
the carewire that wrote this project).

Build it:

```sh
{build}
```

The component is `{wasm}`. Test it on its case file (one case per line: an
envelope, KV records, the expected outcome, reasons, labels and SMS body):

```sh
carewire plugin test {wasm} --cases cases.jsonl
```

and add it to carewire's config, pinned to the digest `plugin test` prints
(a rebuild of the same source gives another digest: pin the file you tested):

```toml
[[plugins]]
name = "{name}"
path = "plugins/{wasm}"
sha256 = "<the sha256 plugin test printed>"
timeout_ms = 50
memory_mib = 32
on_failure = "deny-sms"
```

{costs}

See carewire's docs/plugins.md for the contract (what a verdict can do, KV
grants, time and memory limits, failure policies) and for shadowing a new
version before it goes live, and docs/plugins-languages.md for how the WIT
looks from {language}.
"#
    )
}

/// The case file every template starts with: the plugin lets a message
/// with a phone number through (SMS) and one without (the portal).
fn cases(name: &str) -> String {
    let case = |case: &str, id: &str, phone: Option<&str>, outcome: &str| {
        let mut recipient = serde_json::json!({"role": "patient"});
        if let Some(phone) = phone {
            recipient["phone"] = phone.into();
        }
        serde_json::json!({
            "name": case,
            "envelope": {"id": id, "tenant": "acme", "category": "appointment_reminder",
                         "patient": {"id": "p-1"}, "recipient": recipient,
                         "body": "Your appointment is confirmed for Monday at 9:30."},
            "expect": {"outcome": outcome},
            "note": format!("{name} lets every message through: the router's preference decides"),
        })
        .to_string()
    };
    format!(
        "{}\n{}\n",
        case(
            "a reminder with a phone number goes by SMS",
            "m-1",
            Some("+15555550100"),
            "sms"
        ),
        case(
            "a reminder without one goes to the portal",
            "m-2",
            None,
            "portal"
        )
    )
}

/// Writes a new project for `name` in `dir` (which must not exist, or be
/// empty); returns the files written.
pub fn create(name: &str, lang: Lang, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    anyhow::ensure!(
        crate::common::codes::is_name(name) && name.chars().all(|c| c != '.' && c != ':'),
        "the plugin name {name:?} must be lowercase letters, digits, `-` and `_`"
    );
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
        anyhow::ensure!(empty, "{} exists and is not empty", dir.display());
    }
    let mut all = files(lang, name);
    all.push(File {
        path: "wit/plugin.wit",
        text: PLUGIN_WIT.to_string(),
    });
    all.push(File {
        path: "cases.jsonl",
        text: cases(name),
    });
    let mut written = Vec::new();
    for file in all {
        let path = dir.join(file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, file.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_is_written_into_an_empty_directory_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("demo");
        let written = create("demo", Lang::Rust, &project).expect("created");
        assert!(written.iter().any(|p| p.ends_with("wit/plugin.wit")));
        assert!(written.iter().any(|p| p.ends_with("cases.jsonl")));
        let wit = std::fs::read_to_string(project.join("wit/plugin.wit")).expect("wit");
        assert!(wit.contains("world plugin"));
        let err = create("demo", Lang::Rust, &project).expect_err("not empty");
        assert!(err.to_string().contains("not empty"), "{err}");
        let err = create("Demo Plugin", Lang::Rust, &dir.path().join("x")).expect_err("bad name");
        assert!(err.to_string().contains("lowercase"), "{err}");
    }

    #[test]
    fn the_case_file_is_a_valid_case_file() {
        let (cases, problems) =
            crate::run::plugin_test::cases::parse("cases.jsonl", &cases("demo"));
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(cases.len(), 2);
    }
}
