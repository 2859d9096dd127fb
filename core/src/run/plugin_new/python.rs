//! The Python template: `app.py` defining `Filter`, built by componentize-py
//! (pinned) against the project's own copy of the WIT.

use super::File;

/// The componentize-py release the template builds with.
pub const COMPONENTIZE_PY: &str = "componentize-py==0.25.1";

pub fn files(name: &str) -> Vec<File> {
    vec![
        File {
            path: "app.py",
            text: format!(
                r#""""{name}: a carewire plugin in Python.

carewire calls `init` once with the plugin's `[plugins.config]` table as
JSON, then `process` for every message. The verdict may deny channels,
require one, replace a channel's body, add labels and reason codes, or halt
the chain. Reasons and labels must be codes (lowercase words joined by `_`
or `-`): never patient data. Raise `componentize_py_types.Err(text)` to fail
a call; the text is never recorded.

Code at module level runs once, when the component is built, and is
snapshotted into it: build tables there.
"""

from wit_world import exports
from wit_world.imports.types import Flow_Continue, Message, Verdict


class Filter(exports.Filter):
    def init(self, config: str) -> None:
        pass

    def process(self, message: Message) -> Verdict:
        # Lets every message through: the router's preference decides.
        return Verdict(Flow_Continue(), [], None, [], [], [])
"#
            ),
        },
        File {
            path: "build.sh",
            text: format!(
                r#"#!/bin/sh
# Builds {name}.wasm from app.py with componentize-py, installed on first use
# into .toolchain/ ({COMPONENTIZE_PY}); COMPONENTIZE_PY_PATH may name an
# installation to use instead.
set -eu
cd "$(dirname "$0")"
if [ -n "${{COMPONENTIZE_PY_PATH:-}}" ]; then
  toolchain="$COMPONENTIZE_PY_PATH"
else
  toolchain="$PWD/.toolchain"
  [ -d "$toolchain/componentize_py" ] ||
    python3 -m pip install --quiet --disable-pip-version-check --target "$toolchain" "{COMPONENTIZE_PY}"
fi
PYTHONPATH="$toolchain" PYTHONDONTWRITEBYTECODE=1 python3 -c \
  "import sys; from componentize_py import script; sys.argv[0] = 'componentize-py'; sys.exit(script())" \
  -d wit -w plugin componentize -p . app -o {name}.wasm
echo "built {name}.wasm"
"#
            ),
        },
        File {
            path: ".gitignore",
            text: format!("/.toolchain\n/{name}.wasm\n__pycache__/\n"),
        },
        File {
            path: "README.md",
            text: super::readme(
                name,
                "Python",
                "sh build.sh      # needs python3 and pip; installs componentize-py 0.25.1 into .toolchain/ on first use",
                &format!("{name}.wasm"),
                "A Python component carries its interpreter (about 18 MB); compiling it takes\n\
                 20-30 s once, after which carewire starts it from its compile cache in a few\n\
                 hundred milliseconds. Give it `memory_mib` of at least 16.",
            ),
        },
    ]
}
