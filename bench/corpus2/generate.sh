#!/usr/bin/env bash
# Makes bench/corpus2/.venv (git-ignored) with the pinned generator packages,
# then writes corpus 2 to bench/corpus2/out/. Arguments go to generate.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
exec "$venv/bin/python" "$here/generate.py" "$@"
