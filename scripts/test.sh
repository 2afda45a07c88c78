#!/usr/bin/env bash
# The one test command: installs what is missing, builds pkg/, then runs every
# test suite. Stops at the first failing step and names it.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

step() {
  local name="$1"
  shift
  say "[$name] $*"
  local start=$SECONDS
  if ! "$@"; then
    printf '\nFAILED at step "%s": %s\n' "$name" "$*" >&2
    exit 1
  fi
  say "[$name] ok ($((SECONDS - start)) s)"
}

# CI has ../shared beside the clone: there the conformance data must be found.
if [ "${CI:-}" = true ]; then export PII_MASK_REQUIRE_CONFORMANCE=1; fi

step setup bash scripts/setup.sh
step build bash scripts/build.sh
step fmt cargo fmt --check
step clippy cargo clippy --all-targets -- -D warnings
step "clippy (wasm)" cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
# What build.sh ships: the .wasm without the word lists compiled in.
step "clippy (wasm, no lists)" cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
step "cargo test" cargo test
# The binding's own tests; the property tests use proptest, native only.
step "cargo test (wasm)" cargo test --target wasm32-unknown-unknown --test wasm_binding
step types node_modules/.bin/tsc -p tests/types
step "node tests" node --test tests/node/
# The native binary keeps the Node CLI's contract: the CLI test files again,
# run against it (PII_MASK_CLI, see tests/node/helpers.mjs).
step "native build" cargo build --release --bin pii-mask
step "native CLI tests" env PII_MASK_CLI="$ROOT/target/release/pii-mask" node --test tests/node/cli*.test.mjs
# Every cargo-fuzz target for a bounded time from the committed seeds (~45 s
# each, plus ~1 min for the first build); FUZZ_SECONDS overrides.
step fuzz bash scripts/fuzz.sh "${FUZZ_SECONDS:-45}"
say "all tests passed"
