#!/usr/bin/env bash
# The one run command: installs what the build needs if it is missing
# (not the test tools: chromium, nginx, cargo-fuzz), builds pkg/ (copied to
# www/pkg/), and serves www/ on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8080}"
bash scripts/setup.sh build
bash scripts/build.sh
command -v python3 >/dev/null || die "python3 is needed to serve www/"
say "serving www/ at http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec python3 -m http.server "$PORT" --directory www --bind 127.0.0.1
