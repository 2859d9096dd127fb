//! The Rust template: `wit-bindgen` against the project's own copy of the
//! WIT, built for `wasm32-wasip2` by `cargo build --release`.

use super::File;

pub fn files(name: &str) -> Vec<File> {
    let crate_name = name.replace('-', "_");
    vec![
        File {
            path: "Cargo.toml",
            text: format!(
                r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
description = "A carewire plugin."

[lib]
crate-type = ["cdylib"]

[dependencies]
wit-bindgen = "0.63"

[profile.release]
opt-level = "s"
lto = true
codegen-units = 1
strip = true

# A project of its own, wherever it is checked out.
[workspace]
"#
            ),
        },
        File {
            path: ".cargo/config.toml",
            text: "# carewire loads WebAssembly components built for WASI 0.2.\n[build]\ntarget = \"wasm32-wasip2\"\n".into(),
        },
        File {
            path: ".gitignore",
            text: "/target\n".into(),
        },
        File {
            path: "src/lib.rs",
            text: format!(
                r#"//! {name}: a carewire plugin. carewire calls `init` once with the
//! plugin's `[plugins.config]` table as JSON, then `process` for every
//! message; the verdict may deny channels, require one, replace a channel's
//! body, add labels and reason codes, or halt the chain. Reasons and labels
//! must be codes (lowercase words joined by `_` or `-`): never patient data.

wit_bindgen::generate!({{
    path: "wit",
    world: "plugin",
}});

use exports::carewire::plugin::filter::{{Guest, Message, Verdict}};
use carewire::plugin::types::Flow;

struct Plugin;

impl Guest for Plugin {{
    fn init(_config: String) -> Result<(), String> {{
        Ok(())
    }}

    /// Lets every message through: the router's preference decides.
    fn process(_message: Message) -> Result<Verdict, String> {{
        Ok(Verdict {{
            flow: Flow::Continue,
            deny: Vec::new(),
            require: None,
            bodies: Vec::new(),
            labels: Vec::new(),
            reasons: Vec::new(),
        }})
    }}
}}

export!(Plugin);
"#
            ),
        },
        File {
            path: "README.md",
            text: format!(
                r#"# {name}

A carewire plugin in Rust, built against `wit/plugin.wit` (the WIT of the
carewire that wrote this project).

Build it (Rust with the `wasm32-wasip2` target: `rustup target add wasm32-wasip2`):

```sh
cargo build --release
```

The component is `target/wasm32-wasip2/release/{crate_name}.wasm`. Test it on
its case file (one case per line: an envelope, KV records, the expected
outcome, reasons, labels and SMS body):

```sh
carewire plugin test target/wasm32-wasip2/release/{crate_name}.wasm --cases cases.jsonl
```

and add it to carewire's config, pinned to the digest `plugin test` prints:

```toml
[[plugins]]
name = "{name}"
path = "plugins/{crate_name}.wasm"
sha256 = "<the sha256 plugin test printed>"
timeout_ms = 50
memory_mib = 64
on_failure = "deny-sms"
```

See carewire's docs/plugins.md for the contract: what a verdict can do,
KV grants, time and memory limits, failure policies and shadowing a new
version before it goes live.
"#
            ),
        },
    ]
}
