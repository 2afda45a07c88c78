#!/usr/bin/env bash
# Makes bench/corpus4/.venv (git-ignored) with the pinned Faker and phonenumbers,
# then writes corpus 4 to bench/corpus4/out/. Arguments go to generate.py.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi
# Faker draws some lists (Italian towns) from sets: a fixed hash seed keeps
# their order, and so the output, the same from run to run.
exec env PYTHONHASHSEED=0 "$venv/bin/python" "$here/generate.py" "$@"
