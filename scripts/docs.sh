#!/usr/bin/env bash
# Generate the API reference (Markdown, committed in docs/api/) from the
# package's type declarations and their doc comments: js/index.d.ts,
# js/worker-client.d.ts, js/panel/panel.d.ts and what they import. Options are
# in typedoc.json. Offline and deterministic (no source links, git revision,
# version or date), so tests/node/docs.test.mjs can check that the committed
# pages are current. Needs node_modules (scripts/setup.sh); not pkg/.
#   bash scripts/docs.sh            # rewrite docs/api/
#   bash scripts/docs.sh OUT_DIR    # write elsewhere (the test does)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TYPEDOC="$ROOT/node_modules/.bin/typedoc"
[ -x "$TYPEDOC" ] || die "typedoc is not installed: run scripts/setup.sh (npm ci)"
out="${1:-docs/api}"
"$TYPEDOC" --options typedoc.json --out "$out"
