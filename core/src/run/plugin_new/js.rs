//! The JavaScript template: `plugin.js` exporting `filter`, built by
//! componentize-js (pinned) against the project's own copy of the WIT.

use super::File;

/// The componentize-js release the template builds with, and the shim it
/// imports without declaring.
pub const COMPONENTIZE_JS: &str = "0.23.0";
pub const PREVIEW2_SHIM: &str = "0.25.0";

pub fn files(name: &str) -> Vec<File> {
    vec![
        File {
            path: "plugin.js",
            text: format!(
                r#"// {name}: a carewire plugin in JavaScript.
//
// carewire calls `init` once with the plugin's `[plugins.config]` table as
// JSON, then `process` for every message. The verdict may deny channels,
// require one, replace a channel's body, add labels and reason codes, or
// halt the chain. Reasons and labels must be codes (lowercase words joined
// by `_` or `-`): never patient data. Throw a string to fail a call; the
// text is never recorded.
//
// Code at module level runs once, when the component is built, and is
// snapshotted into it: build tables there.

export const filter = {{
  init(config) {{}},

  // Lets every message through: the router's preference decides.
  process(message) {{
    return {{
      flow: {{ tag: "continue" }},
      deny: [],
      require: undefined,
      bodies: [],
      labels: [],
      reasons: [],
    }};
  }},
}};
"#
            ),
        },
        File {
            path: "package.json",
            text: format!(
                r#"{{
  "name": "{name}",
  "private": true,
  "type": "module",
  "description": "A carewire plugin.",
  "scripts": {{
    "build": "sh build.sh"
  }},
  "devDependencies": {{
    "@bytecodealliance/componentize-js": "{COMPONENTIZE_JS}",
    "@bytecodealliance/preview2-shim": "{PREVIEW2_SHIM}"
  }}
}}
"#
            ),
        },
        File {
            path: "build.sh",
            text: format!(
                r#"#!/bin/sh
# Builds {name}.wasm from plugin.js with componentize-js {COMPONENTIZE_JS},
# installed on first use into node_modules/ (npm install);
# COMPONENTIZE_JS_DIR may name a folder whose node_modules/ has it instead.
set -eu
cd "$(dirname "$0")"
modules="${{COMPONENTIZE_JS_DIR:-$PWD}}/node_modules"
if [ ! -d "$modules/@bytecodealliance/componentize-js" ]; then
  npm install --silent --no-audit --no-fund
  modules="$PWD/node_modules"
fi
node "$modules/@bytecodealliance/componentize-js/src/cli.js" plugin.js \
  --wit wit --world-name plugin --disable http fetch-event -o {name}.wasm
echo "built {name}.wasm"
"#
            ),
        },
        File {
            path: ".gitignore",
            text: format!("/node_modules\n/{name}.wasm\n"),
        },
        File {
            path: "README.md",
            text: super::readme(
                name,
                "JavaScript",
                "sh build.sh      # needs node 20 and npm; installs componentize-js 0.23.0 on first use",
                &format!("{name}.wasm"),
                "A JavaScript component carries its engine (about 12 MB) and runs interpreted;\n\
                 compiling it takes 30-40 s once, after which carewire starts it from its\n\
                 compile cache in a few hundred milliseconds. Give it `memory_mib` of at least\n\
                 12, and measure a plugin that loops over long bodies before choosing its\n\
                 `timeout_ms`.",
            ),
        },
    ]
}
