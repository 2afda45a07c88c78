#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ and runs each for a bounded time,
# starting from the committed seeds (fuzz/seeds/TARGET) plus whatever corpus
# earlier runs left in fuzz/corpus/TARGET (git-ignored).
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    # default 45 s, all targets
#
# Needs the nightly toolchain and cargo-fuzz (scripts/setup.sh installs the
# pinned version). A crash stops the script with libFuzzer's report; the
# input that crashed is saved under fuzz/artifacts/TARGET/ and is replayed by
#   cargo +nightly fuzz run --sanitizer none TARGET fuzz/artifacts/TARGET/crash-...
#
# The crate has no unsafe code, so the targets run without AddressSanitizer
# (about twice the executions per second) but with debug assertions
# (integer overflow checks).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

secs="${1:-45}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader pipeline detect policy)

command -v cargo-fuzz >/dev/null || die "cargo-fuzz not found: run bash scripts/setup.sh"
rustup run nightly rustc --version >/dev/null 2>&1 || die "the nightly toolchain is missing: rustup toolchain install nightly"

flags=(--sanitizer none --debug-assertions)
say "cargo +nightly fuzz build ${flags[*]}"
cargo +nightly fuzz build "${flags[@]}"

for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  say "fuzz $t for ${secs} s"
  start=$SECONDS
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a leak
  # or a quadratic buffer; -max_len: inputs up to 8 KiB.
  cargo +nightly fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 2> "fuzz/artifacts/$t/last-run.log" \
    || { tail -n 60 "fuzz/artifacts/$t/last-run.log" >&2; die "fuzz target $t failed (log: fuzz/artifacts/$t/last-run.log)"; }
  runs="$(awk '/stat::number_of_executed_units/ {print $2}' "fuzz/artifacts/$t/last-run.log")"
  say "fuzz $t: ${runs:-?} executions in $((SECONDS - start)) s, no crash"
done
